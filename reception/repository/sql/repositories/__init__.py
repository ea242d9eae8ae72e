"""SQL implementations of the repository ports (reception.repository.ports)."""

from reception.repository.sql.repositories.catalogue import (
    SqlBranchRepository,
    SqlServiceRepository,
    SqlStaffRepository,
)
from reception.repository.sql.repositories.customers import SqlCustomerRepository
from reception.repository.sql.repositories.logins import SqlLoginAttemptRepository
from reception.repository.sql.repositories.subscriptions import SqlSubscriptionRepository
from reception.repository.sql.repositories.visits import (
    SqlAccessLogRepository,
    SqlAttendanceRepository,
    SqlPaymentRepository,
)

__all__ = [
    "SqlAccessLogRepository",
    "SqlAttendanceRepository",
    "SqlBranchRepository",
    "SqlCustomerRepository",
    "SqlLoginAttemptRepository",
    "SqlPaymentRepository",
    "SqlServiceRepository",
    "SqlStaffRepository",
    "SqlSubscriptionRepository",
]
