"""Events out: the change log read page by page, for branch desks and reports that follow the chain's data."""

from __future__ import annotations

from dataclasses import dataclass

from reception.domain.authorization import Action
from reception.domain.commands import Change, ChangeCursor
from reception.domain.errors import ValidationError
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import Desk

MAX_PAGE = 1000


@dataclass(frozen=True)
class ChangePage:
    changes: list[Change]
    cursor: ChangeCursor  # where the next page starts; the same cursor when nothing new was committed

    @property
    def more(self) -> bool:
        return bool(self.changes)


class ChangeService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def page(self, desk: Desk, after: str | None = None, *, limit: int = 500) -> ChangePage:
        try:
            cursor = ChangeCursor.parse(after)
        except ValueError as error:
            raise ValidationError({"after": str(error)}) from None
        limit = max(1, min(limit, MAX_PAGE))
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_MEMBER)
            found = uow.changes.after(cursor, limit)
        return ChangePage(found, found[-1].cursor if found else cursor)
