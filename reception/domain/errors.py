"""Typed rule violations whose messages a receptionist understands."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken. `str(error)` is shown to the receptionist as it is."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """One or more fields are wrong; `fields` maps a field name to its message."""

    code = "invalid"

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("; ".join(self.fields.values()) or "Please check the form.")


class NotFound(DomainError):
    code = "not_found"


class CustomerNotFound(NotFound):
    code = "customer_not_found"


class ServiceNotFound(NotFound):
    code = "service_not_found"


class SubscriptionNotFound(NotFound):
    code = "subscription_not_found"


class PermissionDenied(DomainError):
    code = "permission_denied"


class AuthenticationFailed(DomainError):
    code = "authentication_failed"

    def __init__(self, message: str = "Wrong username or password.") -> None:
        super().__init__(message)


class TooManyAttempts(AuthenticationFailed):
    """Sign-in is paused after repeated failures (for that username or at that desk)."""

    code = "too_many_attempts"

    def __init__(self, retry_after: int) -> None:
        unit = "second" if retry_after == 1 else "seconds"
        super().__init__(f"Too many attempts; try again in {retry_after} {unit}.")
        self.retry_after = retry_after


class AlreadyActive(DomainError):
    """The customer already has an active subscription; a renewal is offered."""

    code = "already_active"

    def __init__(self, message: str, current_end_date: object, renewal_start: object) -> None:
        super().__init__(message)
        self.current_end_date = current_end_date
        self.renewal_start = renewal_start


class BranchMismatch(DomainError):
    code = "branch_mismatch"


class ServiceUnavailable(DomainError):
    code = "service_inactive"


class NoSessionsLeft(DomainError):
    code = "no_sessions"


class NotAllowed(DomainError):
    """The action is refused by a rule (expired, frozen, reversal window passed...)."""

    code = "not_allowed"


class CustomerInactive(NotAllowed):
    code = "customer_inactive"


class SubscriptionNotActive(NotAllowed):
    """The subscription named is expired, frozen, cancelled or not started."""

    code = "subscription_not_active"


class EntryDenied(NotAllowed):
    """The scan decision refused a check-in; `reason` is the decision's main reason code, `detail` that reason
    with its facts (a `domain.scan.Reason`), for the desk to word."""

    code = "entry_denied"

    def __init__(self, message: str, reason: str, detail: object = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.detail = detail


class StorageError(DomainError):
    """The database cannot be used (locked, damaged, unreachable, read-only, full)."""

    code = "storage"


class DatabaseDamaged(StorageError):
    """The file failed SQLite's own check: it is kept as it is and a backup is offered."""

    code = "damaged"
