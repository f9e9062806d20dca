from django.apps import AppConfig


class WebappsConfig(AppConfig):
    name = "crossdock.webapps"
    label = "webapps"
    verbose_name = "Crossdock web apps"
