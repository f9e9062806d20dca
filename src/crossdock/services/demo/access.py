"""Demo credentials: an all-scopes API token and an admin login, both fixed and documented.

They exist so the demo can be tried at once. Never seed them into a database anyone relies on.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from crossdock.services.tokens import SCOPES, authenticate, create_token

DEMO_TOKEN = "cdk_demo_token_do_not_use_in_production"
DEMO_TOKEN_NAME = "demo"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"


def ensure_demo_access() -> None:
    """Create the demo token and the admin superuser unless they already exist."""
    if authenticate(DEMO_TOKEN) is None:
        create_token(DEMO_TOKEN_NAME, sorted(SCOPES), secret=DEMO_TOKEN)
    users = get_user_model()
    if not users.objects.filter(username=ADMIN_USERNAME).exists():
        users.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", ADMIN_PASSWORD)
