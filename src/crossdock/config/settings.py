"""Django settings. Everything that differs between machines comes from CROSSDOCK_* variables."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(os.environ.get("CROSSDOCK_HOME", Path.cwd()))
VAR_DIR = BASE_DIR / "var"


def _secret_key() -> str:
    if key := os.environ.get("CROSSDOCK_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def _database() -> dict[str, object]:
    url = os.environ.get("CROSSDOCK_DATABASE_URL")
    if url:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("CROSSDOCK_SQLITE_PATH", str(VAR_DIR / "crossdock.sqlite3")),
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of deadlocking.
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("CROSSDOCK_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("CROSSDOCK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "crossdock.db.apps.CrossdockDbConfig",
    "crossdock.webapps.apps.WebappsConfig",
]

MIDDLEWARE = [
    "crossdock.api.limits.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "crossdock.config.urls"
WSGI_APPLICATION = "crossdock.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# The API refuses bodies larger than this with 413 before parsing them.
CROSSDOCK_MAX_BODY_BYTES = int(os.environ.get("CROSSDOCK_MAX_BODY_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = CROSSDOCK_MAX_BODY_BYTES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CROSSDOCK_LOG_LEVEL", "WARNING")},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Staff sign in to the web apps (store, …) with Django sessions.
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/store/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# How store reliability is learned from offer outcomes (docs/routing.md, "Reliability"); keys left out keep
# their defaults, e.g. {"half_life_days": 14, "values": {"unclaimed:damaged": 0.25}}.
CROSSDOCK_RELIABILITY: dict[str, object] = {}
# Pickups not collected after this many days are cancelled and their units restocked (worker job).
CROSSDOCK_PICKUP_NO_SHOW_DAYS = int(os.environ.get("CROSSDOCK_PICKUP_NO_SHOW_DAYS", 7))
