"""Benchmark: register 100,000 realistic members with add_many, then time search_ids.

Usage: python bench/search_100k.py [DATABASE_URL] [--count N]
Default: a fresh SQLite file in a temp dir (disk-backed, synchronous=FULL).
Prints the insert time and p50/p95/max per query kind (each query in its own reading
transaction, as a service would run it).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reception.domain.models import Branch, Customer, new_id
from reception.domain.search import query_tokens
from reception.repository.sql import SqlUnitOfWork, create_engine_for
from reception.repository.sql.maintenance import upgrade

LATIN_FIRST = ["Mohamed", "Ahmed", "Mahmoud", "Mostafa", "Omar", "Ali", "Youssef", "Ibrahim", "Khaled", "Hassan",
               "Hussein", "Karim", "Amr", "Tarek", "Sherif", "Layla", "Mariam", "Nour", "Salma", "Hadeer", "Somaya",
               "Fatma", "Aya", "Yasmin", "Dina", "Rana", "Heba", "Mona", "Sara", "Nada", "Ziad", "Adham", "Hazem"]
LATIN_LAST = ["Salem", "Rashad", "Hassan", "Youssef", "Abdelrahman", "Mansour", "Fathy", "Saeed", "Gamal", "Nasser",
              "Farouk", "Kamal", "Shawky", "Helmy", "Zaki", "Adel", "Ezzat", "Lotfy", "Ragab", "Soliman", "Badawi"]
ARABIC_FIRST = ["محمد", "أحمد", "محمود", "مصطفى", "عمر", "علي", "يوسف", "إبراهيم", "خالد", "حسن", "فاطمة", "مريم",
                "سلمى", "نور", "هدير", "سمية", "آية", "ياسمين", "منى", "هبة"]
ARABIC_LAST = ["سالم", "رشاد", "حسن", "يوسف", "عبد الرحمن", "منصور", "فتحي", "سعيد", "جمال", "ناصر", "فاروق", "كمال"]


def make_customers(count: int, branches: list[uuid.UUID], rng: random.Random) -> list[Customer]:
    now = datetime.now(UTC)
    people = []
    for member_no in range(1, count + 1):
        if rng.random() < 0.3:
            name = f"{rng.choice(ARABIC_FIRST)} {rng.choice(ARABIC_FIRST)} {rng.choice(ARABIC_LAST)}"
        else:
            name = f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)}"
        phone = f"01{rng.choice('0125')}{rng.randrange(10**8):08d}"
        people.append(
            Customer(
                id=new_id(), member_no=member_no, full_name=name, phone=phone, branch_id=branches[member_no % 3],
                qr_code=f"GYM-{member_no}-{rng.getrandbits(32):08X}", created_at=now, updated_at=now,
            )
        )
    return people


def queries(people: list[Customer], rng: random.Random) -> dict[str, list[str]]:
    sample = rng.sample(people, 60)
    return {
        "1 letter": ["m", "a", "s", "h", "y", "z", "o", "k"],
        "2-3 letters": ["mo", "ah", "sal", "has", "you", "nou", "kar", "zi", "lay", "fa"],
        "4-6 letters": ["moham", "ahmed", "salem", "rasha", "youss", "hadeer", "mansou", "ezzat", "badaw", "somay"],
        "two words": ["moh sal", "ahmed has", "layla ra", "omar z", "m s", "nour kam"],
        "arabic": ["م", "مح", "احمد", "أحمد", "سالم", "فاطمه", "ابراهيم", "عبد", "هدير س", "منى"],
        "digits": ["0", "01", "010", "0107", "12", "555", "7638", "٠١٠٠", "15", "99999"]
        + [c.phone[-4:] for c in sample[:10]] + [str(c.member_no) for c in sample[10:20]],
        "exact": [c.phone for c in sample[20:30]] + [c.qr_code for c in sample[30:40]],
        "no match": ["qqq", "xyzzy", "ژ", "0000000000"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    url = args.url or f"sqlite:///{tempfile.mkdtemp(prefix='reception-bench-')}/bench.sqlite3"
    upgrade(url, backup_dir=tempfile.mkdtemp())
    engine = create_engine_for(url)
    uow = SqlUnitOfWork(engine)
    rng = random.Random(7)
    branches = [Branch(id=new_id(), number=n, name=f"Branch {n}") for n in (1, 2, 3)]
    with uow:
        for branch in branches:
            uow.branches.add(branch)
        uow.commit()
    people = make_customers(args.count, [b.id for b in branches], rng)
    started = time.perf_counter()
    for start in range(0, len(people), 10_000):
        with uow:
            uow.customers.add_many(people[start : start + 10_000])
            uow.commit()
    print(f"{url}\ninserted {len(people)} customers (with terms) in {time.perf_counter() - started:.1f} s")
    # Fresh statistics (and, on PostgreSQL, the visibility map index-only scans rely on),
    # as the database's own maintenance would give after a bulk load.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE")
    all_times: list[float] = []
    for kind, texts in queries(people, rng).items():
        times: list[float] = []
        for _ in range(args.rounds):
            for text in texts:
                branch_id = branches[0].id if rng.random() < 0.3 else None
                t0 = time.perf_counter()
                with uow.reading():
                    uow.customers.search_ids(query_tokens(text), branch_id=branch_id, limit=50)
                times.append((time.perf_counter() - t0) * 1000)
        all_times += times
        times.sort()
        print(f"{kind:12s} n={len(times):4d} p50={statistics.median(times):6.2f} ms "
              f"p95={times[int(len(times) * 0.95) - 1]:6.2f} ms max={times[-1]:6.2f} ms")
    all_times.sort()
    print(f"{'ALL':12s} n={len(all_times):4d} p50={statistics.median(all_times):6.2f} ms "
          f"p95={all_times[int(len(all_times) * 0.95) - 1]:6.2f} ms max={all_times[-1]:6.2f} ms")
    engine.dispose()


if __name__ == "__main__":
    main()
