from __future__ import annotations

from crossdock.domain.orders import Address, DeliveryMethod, RequestedLine
from crossdock.services.orders.commands import OrderRequest, PricedLine
from crossdock.services.orders.place_order import place_order
from crossdock.services.orders.queries import get_order

NYC = Address(
    name="Ada", line1="1 Main St", city="New York", postcode="10001", country="US", latitude=40.7506, longitude=-73.9971
)


def test_shipped_order_is_reserved_at_the_nearest_location_with_everything(stock, position) -> None:
    stock("WH-NJ", "RETRO-RUNNER-42", 5)
    stock("ST-MAN", "RETRO-RUNNER-42", 2)
    stock("ST-MAN", "WOOL-BEANIE", 1)
    request = OrderRequest(
        channel="web",
        channel_order_id="W-1001",
        shipping_address=NYC,
        lines=[
            PricedLine(RequestedLine("RETRO-RUNNER-42", 2, DeliveryMethod.SHIP)),
            PricedLine(RequestedLine("WOOL-BEANIE", 1, DeliveryMethod.SHIP)),
        ],
    )

    placed = place_order(request, actor="test")

    order = get_order(placed.order_id)
    assert [(f.location, f.status) for f in order.fulfilments] == [("ST-MAN", "assigned")]
    assert position("ST-MAN", "RETRO-RUNNER-42").reserved == 2
    assert position("WH-NJ", "RETRO-RUNNER-42").reserved == 0
    assert [e.type for e in order.timeline] == ["OrderPlaced", "OrderRouted", "FulfilmentCreated"]
