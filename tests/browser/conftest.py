"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from crossdock.services.staff.create_user import NewStaff, create_staff_user

# The live server runs in a thread while Playwright's sync API holds an event loop in this one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# `make screenshots` (CROSSDOCK_SCREENSHOTS=1) refreshes the README's pictures; other runs still render every
# screen at both widths, into a scratch folder, so the suite does not rewrite tracked files.
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("CROSSDOCK_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "crossdock-screenshots"
)
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct-horse-battery"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):  # CI installs it (.ci/run): a missing browser there is a failure, not a skip
            raise pytest.UsageError(f"{CHROMIUM} is missing in CI")
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": TABLET}


@pytest.fixture
def associate(network: Any) -> Callable[[str, str], None]:
    """Creates a store associate: `associate("maya", "ST-MAN")`."""

    def make(username: str, store: str) -> None:
        create_staff_user(NewStaff(username, PASSWORD, "store_associate", [store], check_password_strength=False))

    return make


@pytest.fixture
def sign_in(page: Page, live_server: Any) -> Callable[..., None]:
    def go(username: str, *, screenshot: bool = False) -> None:
        _sign_in(page, live_server.url, username, screenshot=screenshot)

    return go


@pytest.fixture
def staff_page(
    browser: Browser, live_server: Any, browser_context_args: dict[str, Any]
) -> Iterator[Callable[[str], Page]]:
    """A signed-in page in a browser context of its own (its own session): `staff_page("alex")`, one per person."""
    contexts: list[BrowserContext] = []

    def open_as(username: str) -> Page:
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        page = context.new_page()
        _sign_in(page, live_server.url, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def _sign_in(page: Page, url: str, username: str, *, screenshot: bool = False) -> None:
    page.goto(f"{url}/store/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    if screenshot:
        _save(page, "login")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()


@pytest.fixture
def save_screens(page: Page) -> Callable[[Page, str], None]:
    return _save


def _save(page: Page, name: str) -> None:
    """The current page at tablet and phone width, into docs/screenshots/ (shown in the README)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("tablet", TABLET), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(TABLET)
