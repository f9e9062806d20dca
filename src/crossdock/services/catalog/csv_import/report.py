"""What an import tells its caller: rows read, written and skipped, and each bad row's line and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

MAX_REPORTED = 200


class Progress(Protocol):
    def start(self, description: str, total: int) -> None: ...
    def advance(self, rows: int) -> None: ...


class Silent:
    def start(self, description: str, total: int) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    field: str
    message: str


@dataclass(slots=True)
class ImportReport:
    kind: str
    rows: int = 0
    applied: int = 0
    skipped: int = 0
    refused: bool = False
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)  # the first MAX_REPORTED of them
    notes: list[str] = field(default_factory=list)

    def add_error(self, line: int, field_name: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append(RowError(line, field_name, message))


class BadField(Exception):
    """A cell that cannot be read: which column, and why."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


class Ticker:
    """Advances a progress bar every `every` rows rather than on each one."""

    def __init__(self, progress: Progress, every: int = 1000) -> None:
        self.progress, self.every, self.pending = progress, every, 0

    def tick(self, rows: int = 1) -> None:
        self.pending += rows
        if self.pending >= self.every:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.progress.advance(self.pending)
            self.pending = 0
