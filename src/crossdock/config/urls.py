from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from crossdock.api.app import api, unknown_route
from crossdock.webapps.home import home

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("crossdock.webapps.accounts")),
    path("store/", include("crossdock.webapps.store.urls")),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    re_path(r"^api/", unknown_route),
]
