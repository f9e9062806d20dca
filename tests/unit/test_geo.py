"""Great-circle distance between two coordinates."""

from __future__ import annotations

import pytest

from crossdock.domain.geo import haversine_km, is_valid_coordinate

PARIS = (48.8566, 2.3522)
LONDON = (51.5074, -0.1278)


def test_paris_to_london_is_343_6_km() -> None:
    assert haversine_km(*PARIS, *LONDON) == pytest.approx(343.556, abs=0.001)


def test_distance_is_symmetric() -> None:
    assert haversine_km(*PARIS, *LONDON) == haversine_km(*LONDON, *PARIS)


def test_a_point_is_zero_km_from_itself() -> None:
    assert haversine_km(*PARIS, *PARIS) == 0.0


def test_one_degree_of_longitude_on_the_equator_is_111_2_km() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)


def test_antipodes_are_half_the_earths_circumference_apart() -> None:
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015.087, abs=0.001)
    assert haversine_km(90, 0, -90, 0) == pytest.approx(20015.087, abs=0.001)


def test_the_date_line_is_crossed_the_short_way() -> None:
    assert haversine_km(0, 179.5, 0, -179.5) == pytest.approx(111.195, abs=0.001)


@pytest.mark.parametrize(
    ("latitude", "longitude", "valid"),
    [(0, 0, True), (90, 180, True), (-90, -180, True), (90.1, 0, False), (0, -180.5, False)],
)
def test_coordinates_are_valid_within_the_globe(latitude: float, longitude: float, valid: bool) -> None:
    assert is_valid_coordinate(latitude, longitude) is valid
