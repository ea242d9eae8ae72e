"""The front-desk use cases of tests/integration/test_services.py, on the in-memory unit of work.

The same test bodies run here on FakeUnitOfWork (no file, no server), so a service test can be written
against memory and trusted: the fake keeps the ports' promises (test_repository_contract.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pytest

from reception.clock import Clock
from reception.repository.ports import UnitOfWork
from reception.services.attendance import AttendanceService
from reception.services.auth import LoginThrottle, StaffService
from reception.services.catalogue import CatalogueService
from reception.services.customers import CustomerService
from reception.services.demo import build_demo
from reception.services.desk import DeskService
from reception.services.subscriptions import SubscriptionService
from tests.conftest import FakeClock
from tests.fakes.memory_uow import FakeUnitOfWork
from tests.integration.test_services import (  # noqa: F401  (collected here, on the `gym` below)
    test_a_confirmed_second_visit_inside_the_window_is_recorded_without_a_second_deduction,
    test_a_repeat_scan_inside_the_window_records_no_second_visit,
    test_activation_for_another_branchs_customer_uses_their_branch,
    test_an_approved_price_change_is_stored_with_the_approver,
    test_attendance_by_customer_branch_date_and_range,
    test_deduction_to_zero_expires_the_pack,
    test_freeze_denies_with_date_and_unfreeze_gives_days_back,
    test_no_sessions_left_refused_by_direct_deduction,
    test_override_of_a_denial_needs_a_manager_and_is_logged,
    test_regenerated_card_replaces_the_old_one,
    test_register_gives_a_card_code_and_temp_password,
    test_registration_refuses_bad_fields_and_writes_nothing,
    test_reversal_credits_the_session_back_and_a_new_deduction_keeps_the_ledger_right,
    test_scan_with_check_in_in_one_step_and_everything_logged,
    test_search_by_name_part_phone_number_code_and_arabic,
    test_second_active_subscription_is_offered_as_a_renewal,
    test_shared_phone_asks_to_confirm,
)


@dataclass
class MemoryGym:
    """The services the tests call, as the app wires them, over one in-memory database."""

    uow: UnitOfWork
    clock: Clock
    staff: StaffService
    customers: CustomerService
    desk: DeskService
    subscriptions: SubscriptionService
    attendance: AttendanceService
    catalogue: CatalogueService
    extras: dict[str, object] = field(default_factory=dict)


def memory_gym(uow: UnitOfWork, clock: Clock) -> MemoryGym:
    staff = StaffService(uow, LoginThrottle(), clock=clock, desk_id=uuid.uuid4())
    return MemoryGym(uow, clock, staff, CustomerService(uow, clock), DeskService(uow, clock, staff),
                     SubscriptionService(uow, clock, staff), AttendanceService(uow, clock, staff),
                     CatalogueService(uow))


@pytest.fixture
def gym(clock: FakeClock) -> MemoryGym:
    app = memory_gym(FakeUnitOfWork(), clock)
    build_demo(app.uow, clock)
    return app
