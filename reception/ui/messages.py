"""Turning failures into words for the window: known errors in the desk's language, bugs as 'something went wrong'."""

from __future__ import annotations

from reception.domain.errors import DomainError
from reception.ui.i18n import tr


def describe(error: BaseException) -> str:
    if isinstance(error, DomainError):
        from reception.ui.words import error_text

        return error_text(error)
    from reception import paths

    return tr("Something went wrong. Details were saved to {path}.").format(path=paths.log_dir() / "reception.log")
