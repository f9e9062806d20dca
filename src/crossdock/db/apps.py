from django.apps import AppConfig


class CrossdockDbConfig(AppConfig):
    name = "crossdock.db"
    label = "crossdock"
    verbose_name = "Crossdock"
    default_auto_field = "django.db.models.BigAutoField"
