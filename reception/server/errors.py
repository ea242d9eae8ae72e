"""The one table from a domain error to the reply: HTTP status and the gym backend's own words."""

from __future__ import annotations

from typing import Any

from reception.domain.errors import DomainError, EntryDenied, ValidationError

# error code -> (HTTP status, the words the gym's apps expect; None keeps the service's message)
ERRORS: dict[str, tuple[int, str | None]] = {
    "customer_not_found": (404, "Customer not found"),
    "customer_required": (400, "customer_id is required"),
    "customer_inactive": (400, "Customer account is inactive"),
    "branch_mismatch": (400, "Branch mismatch"),
    "already_active": (400, "Customer already has an active subscription"),
    "service_not_found": (404, "Service not found"),
    "service_inactive": (400, None),
    "subscription_not_found": (404, "Subscription not found"),
    "subscription_not_active": (400, "Subscription is not active"),
    "no_sessions": (400, "No sessions/coins remaining"),
    "invalid_date": (400, "Invalid date format. Use YYYY-MM-DD"),
    "invalid": (400, None),
    "not_found": (404, None),
    "pass_not_found": (404, None),
    "not_allowed": (400, None),
    "phone_in_use": (409, None),
    "permission_denied": (403, None),
    "authentication_failed": (401, None),
    "too_many_attempts": (429, None),
    "token_invalid": (401, None),
    "operation_conflict": (422, None),
    "storage": (503, None),
    "too_old": (426, None),
    "damaged": (503, None),
}

# A check-in the scan decision refused: its main reason -> the error code above.
ENTRY_REASONS: dict[str, str] = {
    "inactive": "customer_inactive",
    "no_sessions": "no_sessions",
    "expired": "subscription_not_active",
    "frozen": "subscription_not_active",
    "no_subscription": "subscription_not_active",
    "other_branch": "branch_mismatch",
}


class RequestError(DomainError):
    """A request the contract refuses before any service runs (a missing field, a bad date)."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(message or ERRORS.get(code, (400, code))[1] or code)
        self.code = code


def error_reply(error: DomainError) -> tuple[int, dict[str, Any]]:
    code = ENTRY_REASONS.get(error.reason, error.code) if isinstance(error, EntryDenied) else error.code
    status, words = ERRORS.get(code, (400, None))
    body: dict[str, Any] = {"success": False, "error": words or error.message, "code": code}
    if words and words != error.message:
        body["detail"] = error.message
    if isinstance(error, ValidationError):
        body["fields"] = error.fields
    return status, body
