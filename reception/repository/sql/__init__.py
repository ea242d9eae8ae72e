"""The SQLAlchemy adapter: SQLite files and PostgreSQL behind the repository ports."""

from reception.repository.sql.engine import create_engine_for
from reception.repository.sql.uow import SqlUnitOfWork

__all__ = ["SqlUnitOfWork", "create_engine_for"]
