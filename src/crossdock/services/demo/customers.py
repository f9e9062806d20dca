"""Demo customers: invented people living in real cities."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from random import Random

from crossdock.db.models import Customer
from crossdock.domain.orders import Address
from crossdock.services.demo.cities import largest_cities

CUSTOMER_CITIES = 100
# Addresses scatter a few kilometres around the city centre.
SCATTER_DEGREES = 0.04
FIRST_NAMES = (
    "Ada", "Ben", "Carmen", "Dmitri", "Elena", "Farah", "Grace", "Hiro", "Isabel", "Jamal", "Keiko", "Liam",
    "Maya", "Noah", "Olivia", "Priya", "Quinn", "Rosa", "Samir", "Tara", "Uma", "Victor", "Wen", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Anderson", "Brooks", "Chen", "Diaz", "Edwards", "Fischer", "Garcia", "Hughes", "Ibrahim", "Johnson", "Kim",
    "Lopez", "Miller", "Nguyen", "Okafor", "Patel", "Rivera", "Schmidt", "Thompson", "Walker", "Young",
)  # fmt: skip
STREETS = ("Main St", "Oak Ave", "Maple Dr", "Park Blvd", "Cedar Ln", "Lakeview Rd", "Elm St", "Pine Ct", "2nd Ave")
TIERS = ("standard", "standard", "standard", "silver", "gold")


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    external_id: str
    name: str
    email: str
    phone: str
    tier: str
    address: Address


def seed_customers(rng: Random, count: int) -> list[DemoCustomer]:
    """Create `count` customers in cities drawn by population. Returns them for the order seeding."""
    cities = largest_cities(CUSTOMER_CITIES)
    homes = rng.choices(cities, weights=[city.population for city in cities], k=count)
    customers = [
        _customer(number, city.name, city.latitude, city.longitude, rng) for number, city in enumerate(homes, 1)
    ]
    Customer.objects.bulk_create(
        Customer(
            external_id=c.external_id,
            name=c.name,
            email=c.email,
            phone=c.phone,
            tier=c.tier,
            addresses=[asdict(c.address)],
        )
        for c in customers
    )
    return customers


def _customer(number: int, city: str, latitude: float, longitude: float, rng: Random) -> DemoCustomer:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    address = Address(
        name=f"{first} {last}",
        line1=f"{rng.randint(1, 9999)} {rng.choice(STREETS)}",
        city=city,
        postcode=f"{rng.randint(10000, 99999)}",  # illustrative: the geodata has no postcodes
        country="US",
        latitude=round(latitude + rng.uniform(-SCATTER_DEGREES, SCATTER_DEGREES), 5),
        longitude=round(longitude + rng.uniform(-SCATTER_DEGREES, SCATTER_DEGREES), 5),
    )
    return DemoCustomer(
        external_id=f"CUST-{number:05d}",
        name=address.name,
        email=f"{first}.{last}.{number}@example.com".lower(),
        phone=f"+1-555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        tier=rng.choice(TIERS),
        address=address,
    )
