from django.urls import path

from crossdock.webapps.store import arrival_views, offer_views, print_views, queue_views, work_views

app_name = "store"
WORK = "fulfilments/<int:fulfilment_id>/"

urlpatterns = [
    path("", queue_views.index, name="index"),
    path("s/<str:store_code>/", queue_views.queue, name="queue"),
    path("s/<str:store_code>/items/", queue_views.queue_items, name="queue_items"),
    path("s/<str:store_code>/pick-list/", queue_views.combined, name="combined"),
    path("s/<str:store_code>/offers/<int:fulfilment_id>/claim/", offer_views.claim, name="claim"),
    path("s/<str:store_code>/arriving/<int:fulfilment_id>/receive/", arrival_views.receive, name="receive"),
    path(WORK, work_views.detail, name="fulfilment"),
    path(f"{WORK}start/", work_views.start, name="start"),
    path(f"{WORK}pick/", work_views.pick, name="pick"),
    path(f"{WORK}short/", work_views.short, name="short"),
    path(f"{WORK}pack/", work_views.pack, name="pack"),
    path(f"{WORK}ship/", work_views.ship, name="ship"),
    path(f"{WORK}ready/", work_views.ready, name="ready"),
    path(f"{WORK}handover/", work_views.handover, name="handover"),
    path(f"{WORK}unclaim/", offer_views.unclaim, name="unclaim"),
    path(f"{WORK}packing-slip/", print_views.packing_slip, name="packing_slip"),
]
