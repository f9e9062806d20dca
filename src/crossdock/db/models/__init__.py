from crossdock.db.models.catalog import Channel, Location, Product
from crossdock.db.models.customers import Customer
from crossdock.db.models.fulfilment import FulfilmentLine, FulfilmentOrder
from crossdock.db.models.orders import Order, OrderEvent, OrderLine
from crossdock.db.models.outbox import OutboxMessage
from crossdock.db.models.stock import LocationFeed, Reservation, StockPosition
from crossdock.db.models.tokens import ApiToken

__all__ = [
    "ApiToken",
    "Channel",
    "Customer",
    "FulfilmentLine",
    "FulfilmentOrder",
    "Location",
    "LocationFeed",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OutboxMessage",
    "Product",
    "Reservation",
    "StockPosition",
]
