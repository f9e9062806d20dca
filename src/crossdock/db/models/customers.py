from __future__ import annotations

from django.db import models


class Customer(models.Model):
    external_id = models.CharField(max_length=64, unique=True)
    email = models.EmailField(blank=True, default="")
    name = models.CharField(max_length=200, blank=True, default="")
    phone = models.CharField(max_length=40, blank=True, default="")
    tier = models.CharField(max_length=20, blank=True, default="standard")
    addresses = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["external_id"]

    def __str__(self) -> str:
        return f"{self.external_id} {self.name}"
