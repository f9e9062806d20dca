from crossdock.db.models.carts import Cart, CartLine
from crossdock.db.models.catalog import Channel, Location, Product
from crossdock.db.models.controls import (
    BackorderPermission,
    ChannelBuffer,
    ChannelLocation,
    ChannelPolicy,
    ChannelThreshold,
    SafetyStockRule,
    StockBlock,
)
from crossdock.db.models.customers import Customer
from crossdock.db.models.decisions import RoutingDecision
from crossdock.db.models.fulfilment import FulfilmentLine, FulfilmentOrder
from crossdock.db.models.holds import FraudRule, OrderHold
from crossdock.db.models.offers import OfferOutcome, OfferRound, RoutingExclusion
from crossdock.db.models.orders import Order, OrderEvent, OrderLine
from crossdock.db.models.outbox import OutboxMessage
from crossdock.db.models.payments import Payment, PaymentPolicy
from crossdock.db.models.returns import Return, ReturnEvent, ReturnLine, ReturnPolicy
from crossdock.db.models.routing import RoutingProfile, RoutingProfileVersion
from crossdock.db.models.schedules import JobSchedule
from crossdock.db.models.staff import StaffProfile
from crossdock.db.models.stock import LocationFeed, Reservation, StockPosition
from crossdock.db.models.store_work import Parcel, PickConfirmation, PickupHandover, Shipment, ShortPick
from crossdock.db.models.supply import Supply, SupplyLine, SupplyReceipt
from crossdock.db.models.tokens import ApiToken
from crossdock.db.models.waiting import PreorderWindow, WaitingLine

__all__ = [
    "ApiToken",
    "BackorderPermission",
    "Cart",
    "CartLine",
    "Channel",
    "ChannelBuffer",
    "ChannelLocation",
    "ChannelPolicy",
    "ChannelThreshold",
    "Customer",
    "FraudRule",
    "FulfilmentLine",
    "FulfilmentOrder",
    "JobSchedule",
    "Location",
    "LocationFeed",
    "OfferOutcome",
    "OfferRound",
    "Order",
    "OrderEvent",
    "OrderHold",
    "OrderLine",
    "OutboxMessage",
    "Parcel",
    "Payment",
    "PaymentPolicy",
    "PickConfirmation",
    "PickupHandover",
    "PreorderWindow",
    "Product",
    "Reservation",
    "Return",
    "ReturnEvent",
    "ReturnLine",
    "ReturnPolicy",
    "RoutingDecision",
    "RoutingExclusion",
    "RoutingProfile",
    "RoutingProfileVersion",
    "SafetyStockRule",
    "Shipment",
    "ShortPick",
    "StaffProfile",
    "StockBlock",
    "StockPosition",
    "Supply",
    "SupplyLine",
    "SupplyReceipt",
    "WaitingLine",
]
