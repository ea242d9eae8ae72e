"""The `reception` command: the desk app, and scriptable commands for kiosks, turnstiles and support."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reception.bootstrap import App

from reception import launch
from reception.domain.models import PaymentMethod
from reception.launch import EXIT_DENY, EXIT_ERROR, EXIT_OK

PASSWORD_ENV = "RECEPTION_PASSWORD"


def _command_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser of every command and sub-command (`verify`, `db`, `db upgrade`, ...)."""
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:  # argparse keeps sub-parsers only here
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):  # aliases repeat a parser
                found += [child, *_command_parsers(child)]
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reception", description="Front desk of a gym branch.")
    launch.add_desk_options(parser)
    parser.add_argument("--user", metavar="NAME", help="sign in as this staff member for `customers` and "
                        f"`attendance` (the password is read from {PASSWORD_ENV} or asked)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="create the demo gym and print its staff logins")
    demo.add_argument("--customers", type=int, default=150, metavar="N")

    verify = sub.add_parser("verify", help="decide on a member card or a day pass; exit 0 allow, 1 deny, 2 error",
                            allow_abbrev=False,
                            epilog="A code that starts with '-' is taken as the code; `--` also ends the options.")
    verify.add_argument("code")
    verify.add_argument("--branch", type=int, metavar="ID", help="the desk's branch number (default: the member's home branch)")
    action = verify.add_mutually_exclusive_group()
    action.add_argument("--check-in", action="store_true", help="check in when allowed (a day pass is used)")
    action.add_argument("--deduct", action="store_true", help="check in and deduct one session when allowed")
    verify.add_argument("--json", action="store_true")

    day_pass = sub.add_parser("pass", help="day passes: sell one, void one, the keys that sign them (sign in with "
                              "--user)").add_subparsers(dest="pass_command", required=True)
    sell = day_pass.add_parser("sell", help="sell a day pass at your branch and print its code")
    sell.add_argument("--name", default="", help="the visitor's name (optional)")
    sell.add_argument("--phone", default="", help="the visitor's phone (optional)")
    sell.add_argument("--method", default="cash", choices=[m.value for m in PaymentMethod])
    sell.add_argument("--qr", metavar="FILE.png", help="also save the pass's QR code as a PNG (needs reception[desk])")
    sell.add_argument("--json", action="store_true")
    void = day_pass.add_parser("void", help="withdraw a day pass (a manager); an unused one is refunded")
    void.add_argument("pass_id", metavar="PASS_ID")
    void.add_argument("--reason", required=True)
    void.add_argument("--json", action="store_true")
    keys = day_pass.add_parser("keys", help="the keys that sign day passes (the owner)")
    keys.add_argument("--rotate", action="store_true", help="a new key signs from now on; older passes still verify")
    keys.add_argument("--revoke", metavar="KEY_ID", help="every pass this key signed is denied from now on")
    keys.add_argument("--json", action="store_true")

    turnstile = sub.add_parser("turnstile", help="serve the branch's turnstile from this PC (POST /verify for "
                               "day passes and member cards), working while the internet is down")
    turnstile.add_argument("--listen", default="127.0.0.1:8765", metavar="HOST:PORT",
                           help="loopback by default; a LAN address (e.g. 192.168.1.20:8765) for a networked turnstile")
    turnstile.add_argument("--branch", type=int, metavar="N", help="the branch it stands at (a branch desk: its own)")
    turnstile.add_argument("--name", default="turnstile", help="what the access log calls it")

    customers = sub.add_parser("customers", help="find customers").add_subparsers(dest="customers_command", required=True)
    search = customers.add_parser("search", help="by name, phone, member number or card code")
    search.add_argument("text")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=50)

    attendance = sub.add_parser("attendance", help="visits on a day or in a range")
    attendance.add_argument("--date", metavar="YYYY-MM-DD")
    attendance.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    attendance.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
    attendance.add_argument("--branch", type=int, metavar="ID")
    attendance.add_argument("--csv", action="store_true")

    db = sub.add_parser("db", help="database upkeep").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply migrations")
    db.add_parser("check", help="integrity check and schema revision")
    backup = db.add_parser("backup", help="write a consistent copy of a SQLite database")
    backup.add_argument("path")
    restore = db.add_parser("restore", help="replace the SQLite database with a backup (a copy of the current file is kept)")
    restore.add_argument("path")
    archive = db.add_parser("archive-log",
                            help="move old access-log rows into compressed monthly files beside the database",
                            description="Rows from before --before (default: older than --days days) move into "
                            "<db>-access-log/<db>-access-log-YYYY-MM.jsonl.gz; each file is read back before its "
                            "rows leave the database. The daily backup does the same for rows older than 180 days.")
    archive.add_argument("--before", metavar="YYYY-MM-DD", help="archive rows from before this day")
    archive.add_argument("--days", type=int, default=180, metavar="N", help="archive rows older than N days (default 180)")
    db.add_parser("new-epoch", help="after restoring the chain's server from a backup: desks push again what it "
                  "lacks, and numbers move past the blocks leased since")
    copy = db.add_parser("copy", help="copy a whole gym into an empty database (a desk's file onto the server)",
                         description="Copies every table of SRC (schema up to date) into DST, which must be empty "
                         "(it gets the schema when it has no tables), checks every table row for row, and commits "
                         "only if all match. SRC is only read. Each is a database URL or a SQLite file path.")
    copy.add_argument("source", metavar="SRC")
    copy.add_argument("destination", metavar="DST")
    copy.add_argument("--json", action="store_true", help="print the tables and row counts as JSON")

    serve = sub.add_parser("serve", help="the chain's server: the gym backend's REST API (needs reception[server])")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")

    connect = sub.add_parser("connect", help="connect this desk to the chain's server (a manager's or the owner's "
                             "sign-in); the desk then works from its own replica, online or not")
    connect.add_argument("server", metavar="SERVER_URL", help="https://… (http:// only to this computer)")
    connect.add_argument("--branch", type=int, metavar="N", help="the branch this desk is at (the owner must say)")
    connect.add_argument("--username", metavar="U")
    connect.add_argument("--password", metavar="P", help=f"(or {PASSWORD_ENV}; asked when neither is given)")
    connect.add_argument("--name", default="", help="what the server calls this desk")
    sync = sub.add_parser("sync", help="push this desk's changes and pull the chain's now; print the queue, the last "
                          "sync and the open sync issues")
    sync.add_argument("what", nargs="?", choices=["issues", "resolve", "desks", "disconnect", "rebuild"],
                      help="`issues`: list the open sync issues; `resolve ID --resolution TEXT`: a manager "
                      "(--user) resolves one, online or not; `desks`: the desks of this branch; `disconnect ID`: a "
                      "manager (--user) disconnects one (lost, stolen or replaced); `rebuild`: make a damaged "
                      "replica again from the server, keeping the changes it had not sent yet")
    sync.add_argument("issue", nargs="?", metavar="ID", help="the issue's or desk's id, or its first 8 characters")
    sync.add_argument("--resolution", metavar="TEXT", help="what was done to resolve it (a pack sold, a correction)")
    sync.add_argument("--action", choices=["apply", "discard"], default="",
                      help="operations held from a disconnected desk: apply them as sent, or discard them")
    sync.add_argument("--json", action="store_true")

    from reception.scanning import decode_cli  # registers `decode` without loading the desk's libraries

    decode_cli.add_parser(sub)
    for command in _command_parsers(parser):
        # Given after the command, they override the ones before it; absent, they leave them alone.
        launch.add_database_options(command, default=argparse.SUPPRESS)
    return parser


_GLOBAL_VALUES = ("--db", "--camera")
_VERIFY_VALUES = ("--db", "--branch")
_VERIFY_FLAGS = ("-h", "--help", "--check-in", "--deduct", "--json", "--demo")


def codes_not_options(argv: Sequence[str]) -> list[str]:
    """`reception verify -XYZ`: a scanned code may start with '-' (a damaged card, a test card), and
    argparse would take it for an option. The first such word after `verify` that is none of its
    options is moved behind a `--`, where it can only be the code."""
    words = list(argv)
    at = 0
    while at < len(words):  # skip the options before the command
        word = words[at]
        if word == "--" or not word.startswith("-"):
            break
        at += 2 if word in _GLOBAL_VALUES else 1
    if at >= len(words) or words[at] != "verify":
        return words
    position, has_code = at + 1, False
    while position < len(words):
        word = words[position]
        if word == "--":
            return words
        name = word.split("=", 1)[0]
        if word in _VERIFY_VALUES:
            position += 2
            continue
        if word in _VERIFY_FLAGS or (word.startswith("--") and name in _VERIFY_VALUES):
            position += 1
            continue
        if word.startswith("-") and len(word) > 1 and not has_code:
            return [*words[:position], *words[position + 1:], "--", word]
        has_code = has_code or not word.startswith("-")
        position += 1
    return words


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(codes_not_options(sys.argv[1:] if argv is None else argv))
    if args.self_test:
        return launch.start_desk(args, _run_desk)
    from reception import extras

    missing = extras.missing_for(args.command)  # the window, `decode` and `serve` need an extra
    if missing:
        print(f"reception: {missing}", file=sys.stderr)
        return EXIT_ERROR
    if args.command is None:
        return launch.start_desk(args, _run_desk)
    return launch.guarded(f"reception {args.command}", lambda: _COMMANDS[args.command](args))


def _run_desk(args: argparse.Namespace) -> int:
    from reception.ui.app import run_gui

    return run_gui(args)


def _open(args: argparse.Namespace, *, migrate: bool = True) -> App:
    from reception.bootstrap import open_app, open_storage, resolve_url

    url = resolve_url(args.db, demo=args.demo)
    path = open_storage(url).local_file
    if path is not None and not path.exists():
        hint = "Run `reception demo` to create it." if args.demo else (
            "Start the app to create your gym, or add --demo to use the demo gym (`reception demo` creates it).")
        raise _error(f"There is no database at {path}. {hint}")
    from reception.bootstrap import refuse_served

    app = open_app(url, migrate=migrate)
    try:
        refuse_served(app)
    except Exception:
        app.close()
        raise
    return app


def cmd_demo(args: argparse.Namespace) -> int:
    """`reception demo`: into the database --db or RECEPTION_DB names when it is empty or already the demo,
    else into the demo's own file; never into a database that holds another gym."""
    from reception.bootstrap import open_app, open_storage, resolve_url
    from reception.services.demo import build_demo

    if args.customers < 5:
        print("reception: the demo gym needs at least 5 customers", file=sys.stderr)
        return EXIT_ERROR
    url = resolve_url(args.db, demo=True)
    launch.refuse_other_gym(args, url)
    storage = open_storage(url)
    if storage.revision() is None:
        storage.upgrade()  # an empty server database gets the schema, like a new file does
    app = open_app(url)
    try:
        summary = build_demo(app.uow, app.clock, customers=args.customers,
                             progress=(lambda n: print(f"  {n:,} customers", file=sys.stderr)) if args.customers > 5000 else None)
    finally:
        app.close()
    if summary.created:
        print(f"Demo gym created in {app.description} ({summary.customers:,} customers, "
              f"{summary.subscriptions:,} subscriptions, {summary.visits:,} visits, {summary.seconds:.1f} s).")
    else:
        print(f"The demo gym is already in {app.description} ({summary.customers:,} customers).")
    launch.print_logins(summary.logins)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from reception.domain.models import AttendanceAction
    from reception.domain.passes import looks_like_pass
    from reception.domain.qr import clean_code

    app = _open(args)
    try:
        branches = {b.number: b for b in app.catalogue.branches()}
        if not branches:
            raise _error("The database has no branches yet. Create the gym first.")
        if args.branch is not None:
            if args.branch not in branches:
                raise _error(f"No branch {args.branch}; branches are {sorted(branches)}.")
            branch = branches[args.branch]
        is_pass = looks_like_pass(clean_code(args.code[:4096]))
        if args.branch is None:
            branch = _pass_branch(args.code, branches) if is_pass else _home_branch(app, args.code, branches)
        if is_pass:
            if args.deduct:
                raise _error("A day pass has no sessions to deduct: use --check-in.")
            verdict = app.passes.verify(app.kiosk_desk(branch), clean_code(args.code[:4096]), admit=args.check_in,
                                        station="reception verify")
            return _print_pass_verdict(args, verdict, branch)
        action = (AttendanceAction.CHECK_IN_WITH_DEDUCTION if args.deduct
                  else AttendanceAction.CHECK_IN_ONLY if args.check_in else None)
        result = app.desk.scan(app.kiosk_desk(branch), args.code, action=action)
        numbers = {b.id: b.number for b in branches.values()}
    finally:
        app.close()
    payload = verify_payload(result, numbers)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        decision = result.decision
        print(("ALLOWED" if decision.allowed else "DENIED") + f": {decision.headline}")
        if result.customer:
            print(f"  #{result.customer.member_no} {result.customer.full_name} ({result.home_branch_name})")
        if payload["subscription"]:
            s = payload["subscription"]
            left = f", {s['remaining_sessions']} left" if s["remaining_sessions"] is not None else ""
            print(f"  {s['type']} · {s['status']} · ends {s['end_date']}{left}")
        for item in [*decision.reasons[1:], *decision.warnings, *decision.notes]:
            print(f"  - {item.message}")
        for message in result.messages:
            print(f"  {message}")
    return EXIT_OK if result.decision.allowed else EXIT_DENY


def verify_payload(result, branch_numbers) -> dict:  # type: ignore[no-untyped-def]
    decision = result.decision
    customer = result.customer
    sub = result.subscription
    return {
        "decision": "allow" if decision.allowed else "deny",
        "state": decision.state.value,
        "reasons": [{"code": r.code, "message": r.message} for r in decision.reasons],
        "warnings": [{"code": r.code, "message": r.message} for r in decision.warnings],
        "notes": [{"code": r.code, "message": r.message} for r in decision.notes],
        "customer": None if customer is None else {
            "id": customer.member_no, "full_name": customer.full_name,
            "branch_id": branch_numbers.get(customer.branch_id),
        },
        "subscription": None if sub is None else {
            "id": str(sub.subscription.id), "type": sub.subscription.subscription_type.value,
            "service": sub.subscription.service_name, "status": sub.status.value,
            "end_date": sub.subscription.end_date.isoformat(),
            "remaining_sessions": result.remaining if sub.subscription.is_pack else None,
        },
        "attendance_id": str(result.attendance.id) if result.attendance else None,
        "message": result.messages[0] if result.messages else None,
    }


def _pass_branch(code: str, branches):  # type: ignore[no-untyped-def]
    """The branch a pass names (any branch: the first), for a verify without --branch."""
    from reception.domain.passes import read
    from reception.domain.qr import clean_code

    found = read(clean_code(code[:4096]))
    number = found[0].branch_number if isinstance(found, tuple) else 0
    return branches.get(number) or branches[min(branches)]


def pass_payload(verdict, timezone: str) -> dict:  # type: ignore[no-untyped-def]
    """A pass's verdict as `reception verify --json` and the turnstile print it (the seed's status and reason)."""
    from zoneinfo import ZoneInfo

    expires = verdict.expires_at
    return {
        "status": "allow" if verdict.allowed else "deny",
        "decision": "allow" if verdict.allowed else "deny",
        "kind": "day_pass",
        "reason": verdict.code or None,
        "message": verdict.reason.message if verdict.reason else ("Day pass: admitted" if verdict.admitted
                                                                  else "Day pass, first use"),
        "pass_id": str(verdict.pass_id) if verdict.pass_id else None,
        "expires_at": expires.isoformat() if expires else None,
        "expires_local": expires.astimezone(ZoneInfo(timezone)).strftime("%H:%M") if expires else None,
        "used": verdict.admitted,
        "access_log_id": str(verdict.access_log_id),
    }


def _print_pass_verdict(args: argparse.Namespace, verdict, branch) -> int:  # type: ignore[no-untyped-def]
    payload = pass_payload(verdict, branch.timezone)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif verdict.allowed:
        state = "admitted" if verdict.admitted else "first use"
        print(f"ALLOWED: Day pass · valid until {payload['expires_local']} · {state}")
    else:
        print(f"DENIED: {payload['message']}")
    return EXIT_OK if verdict.allowed else EXIT_DENY


def cmd_pass(args: argparse.Namespace) -> int:
    import uuid
    from zoneinfo import ZoneInfo

    app = _open(args)
    try:
        desk = _signed_in_desk(app, args)
        if args.pass_command == "sell":
            sold = app.passes.sell(desk, name=args.name, phone=args.phone, method=PaymentMethod(args.method))
            payload = {"pass_id": str(sold.day_pass.id), "code": sold.code,
                       "issued_at": sold.day_pass.issued_at.isoformat(),
                       "expires_at": sold.day_pass.expires_at.isoformat(), "branch": desk.branch.number,
                       "amount": str(sold.payment.amount), "currency": sold.currency, "method": sold.payment.method.value,
                       "receipt": sold.payment.receipt_label}
            if args.qr:
                from reception.pass_images import pass_qr_png

                try:
                    Path(args.qr).write_bytes(pass_qr_png(sold.code))
                except ImportError:
                    print("reception: the pass is sold; its QR image needs the desk part: pip install "
                          "'reception[desk]' (the code above is the pass)", file=sys.stderr)
                except OSError as error:
                    print(f"reception: the pass is sold; its QR image could not be saved: {error.strerror}",
                          file=sys.stderr)
                payload["qr"] = str(Path(args.qr).resolve())
            if args.json:
                print(json.dumps(payload, ensure_ascii=False, indent=2))
            else:
                print(sold.code)
                print(f"Day pass sold at {desk.branch.name}: receipt {payload['receipt']}, {payload['amount']} "
                      f"{sold.currency} ({sold.payment.method.label}); valid until "
                      f"{sold.day_pass.expires_at.astimezone(ZoneInfo(desk.branch.timezone)):%d %b %Y %H:%M}.")
            return EXIT_OK
        if args.pass_command == "void":
            try:
                pass_id = uuid.UUID(args.pass_id)
            except ValueError:
                raise _error("PASS_ID is the pass's id as `reception pass sell` printed it.") from None
            refund = app.passes.void(desk, pass_id, args.reason)
            done = {"pass_id": str(pass_id), "voided": True,
                    "refund": None if refund is None else {"amount": str(refund.amount), "receipt": refund.receipt_label}}
            print(json.dumps(done, indent=2) if args.json else
                  "Voided." + (f" Refund {refund.amount} on receipt {refund.receipt_label}." if refund else ""))
            return EXIT_OK
        if args.revoke:
            app.passes.revoke(desk, args.revoke)
        elif args.rotate:
            app.passes.rotate(desk)
        found = app.passes.keys(desk)
    finally:
        app.close()
    rows = [{"key_id": k.key_id, "holder": k.holder, "created_at": k.created_at.isoformat(),
             "retired_at": k.retired_at.isoformat() if k.retired_at else None,
             "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None} for k in found]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            state = "revoked" if row["revoked_at"] else "retired" if row["retired_at"] else "signing"
            print(f"{row['key_id']}  {state:8}  {row['holder']}  since {str(row['created_at'])[:16]}")
        if not rows:
            print("No key yet: the first day pass sold makes one.")
    return EXIT_OK


def cmd_turnstile(args: argparse.Namespace) -> int:
    """The turnstile's listener in this process, holding the database's instance lock (no desk beside it)."""
    import os
    import signal
    import threading

    from reception import instance
    from reception.bootstrap import resolve_url
    from reception.turnstile import TOKEN_ENV, keep_syncing, open_turnstile

    url = resolve_url(args.db, demo=args.demo)
    try:
        lock = instance.acquire(url)
    except instance.AlreadyRunning as error:
        raise _error(f"{error.message} To serve the turnstile beside an open desk, start the desk with "
                     f"`reception --turnstile {args.listen}`.") from None
    stop = threading.Event()
    try:
        app = _open(args)
        try:
            try:
                listener, token_file = open_turnstile(app, args.branch, args.listen, token=os.environ.get(TOKEN_ENV),
                                                      station=args.name)
            except ValueError as error:
                raise _error(str(error)) from None
            listener.start()
            host, port = listener.address
            where = f"in {token_file}" if token_file else f"from {TOKEN_ENV}"
            print(f"Turnstile of {listener.turnstile.branch.name} on http://{host}:{port}/verify "
                  f"(token {where}; send it as Authorization: Bearer …). Ctrl+C stops it.", flush=True)
            for name in ("SIGINT", "SIGTERM"):
                signal.signal(getattr(signal, name), lambda *_: stop.set())
            keep_syncing(app, stop, report=lambda text: print(text, file=sys.stderr, flush=True))
            stop.wait()
            listener.stop()
        finally:
            app.close()
    finally:
        lock.release()
    return EXIT_OK


def _home_branch(app, code: str, branches):  # type: ignore[no-untyped-def]
    first = branches[min(branches)]
    home_id = app.customers.home_branch_of_card(app.kiosk_desk(first), code)
    return next((b for b in branches.values() if b.id == home_id), first)


def _signed_in_desk(app, args: argparse.Namespace, branch_no: int | None = None):  # type: ignore[no-untyped-def]
    """The staff member named by --user, at their branch (the owner: `branch_no`, else the first)."""
    import getpass
    import os

    from reception.services.context import Desk

    if not args.user:
        raise _error(f"`reception {args.command}` shows members' details: sign in with --user NAME "
                     f"(the password is read from {PASSWORD_ENV} or asked).")
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise _error(f"No password: set {PASSWORD_ENV} or run the command in a terminal.")
        password = getpass.getpass(f"Password for {args.user}: ")
    staff = app.staff.authenticate(args.user, password)
    branches = {b.number: b for b in app.catalogue.branches()}
    if not branches:
        raise _error("The database has no branches yet.")
    if staff.branch_id is not None:
        branch = next((b for b in branches.values() if b.id == staff.branch_id), None)
        if branch is None:
            raise _error(f"{staff.full_name}'s account is not linked to a branch. Ask the owner to set it.")
        return Desk(staff, branch)
    return Desk(staff, branches[branch_no] if branch_no in branches else branches[min(branches)])


def cmd_customers(args: argparse.Namespace) -> int:
    app = _open(args)
    try:
        desk = _signed_in_desk(app, args)
        found = app.customers.search(desk, args.text[:200], limit=max(1, min(args.limit, 1000)))
        numbers = {b.id: b.number for b in app.catalogue.branches()}
    finally:
        app.close()
    rows = [
        {
            "id": c.member_no, "full_name": c.full_name, "phone": c.phone, "branch_id": numbers.get(c.branch_id),
            "qr_code": c.qr_code, "temp_password": c.temp_password, "password_changed": c.password_changed,
            "is_active": c.is_active,
        }
        for c in found
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        print("No customers found.")
    else:
        for r in rows:
            temp = f"  temp password {r['temp_password']}" if r["temp_password"] else ""
            print(f"#{r['id']:<7} {r['full_name']:<30} {r['phone']:<14} branch {r['branch_id']}  {r['qr_code']}{temp}")
    return EXIT_OK


def cmd_attendance(args: argparse.Namespace) -> int:
    from reception.domain.periods import local_today
    from reception.services.attendance import parse_day

    if args.date and (args.start or args.end):
        raise _error("Use --date, or --from and --to, not both.")
    app = _open(args)
    try:
        branches = {b.number: b for b in app.catalogue.branches()}
        if not branches:
            raise _error("The database has no branches yet.")
        if args.branch is not None and args.branch not in branches:
            raise _error(f"No branch {args.branch}; branches are {sorted(branches)}.")
        desk = _signed_in_desk(app, args, args.branch)
        # staff of a branch see their branch; the owner every branch unless --branch names one
        everywhere = args.branch is None and desk.staff.branch_id is None
        branch = branches[args.branch] if args.branch is not None else desk.branch
        today = local_today(app.clock.now(), branch.timezone)
        start = parse_day(args.date or args.start) if (args.date or args.start) else today
        end = parse_day(args.date or args.end) if (args.date or args.end) else today
        rows = app.attendance.rows(desk, start_day=start, end_day=end,
                                   branch_id=None if everywhere else branch.id)
    finally:
        app.close()
    if args.csv:
        sys.stdout.write(app.attendance.to_csv(rows, branch.timezone))
        return EXIT_OK
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(branch.timezone)
    print(f"{len(rows)} visit(s) from {start} to {end}" + ("" if everywhere else f" at {branch.name}"))
    for row in rows:
        a = row.attendance
        flag = " (reversed)" if a.reversed_by else " [reversal]" if a.is_reversal else ""
        print(f"{a.check_in_time.astimezone(zone):%Y-%m-%d %H:%M}  #{row.member_no:<7} {row.full_name:<30} "
              f"{row.branch_name:<12} {a.action.value}{flag}")
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    from reception.bootstrap import open_storage, resolve_url

    if args.db_command == "copy":
        return _db_copy(args)
    if args.db_command == "new-epoch":
        from reception.bootstrap import open_app

        app = open_app(resolve_url(args.db, demo=args.demo), migrate=False)
        try:
            if app.sync_server is None:
                raise _error("This database is a desk's replica; `db new-epoch` is for the chain's server.")
            epoch = app.sync_server.new_epoch()
        finally:
            app.close()
        print(f"New epoch {epoch}: desks push again what this database lacks; member and receipt numbers "
              "move on past every block leased since the backup.")
        return EXIT_OK
    storage = open_storage(resolve_url(args.db, demo=args.demo))
    where, path = storage.describe(), storage.local_file
    if args.db_command == "upgrade":
        before = storage.revision()
        storage.upgrade()
        print(f"{where}: schema {before or 'empty'} -> {storage.revision()} (latest).")
    elif args.db_command == "check":
        if path is not None:
            if not path.exists():
                raise _error(f"There is no database file at {path}.")
            storage.integrity_check()
        current, head = storage.revision(), storage.head_revision()
        state = "up to date" if current == head else f"needs `reception db upgrade` ({current or 'empty'} -> {head})"
        print(f"{where}: integrity ok; schema {state}.")
        return EXIT_OK if current == head else EXIT_DENY
    elif args.db_command == "backup":
        dest = storage.backup(Path(args.path))
        print(f"Backup written to {dest}.")
    elif args.db_command == "restore":
        from reception.backups import restore_backup

        kept = restore_backup(Path(args.path), storage)
        print(f"Restored {where} from {args.path}."
              + (f" The previous file was kept as {kept}." if kept else ""))
    elif args.db_command == "archive-log":
        from reception.backups import archive_access_log
        from reception.services.attendance import parse_day

        if path is not None and not path.exists():
            raise _error(f"There is no database file at {path}.")
        moved = archive_access_log(storage, before=parse_day(args.before) if args.before else None, days=args.days)
        if not moved:
            print(f"{where}: no access-log rows to archive.")
        for month, count in moved.items():
            print(f"{month}: {count:,} access-log rows moved to {storage.access_archive_path(month)}")
    return EXIT_OK


def _db_copy(args: argparse.Namespace) -> int:
    """`reception db copy SRC DST`: a one-desk gym onto the chain's server, with its history."""
    from reception.bootstrap import copy_database, describe_url, normalise_url
    from reception.redact import mask_url

    source, destination = normalise_url(args.source), normalise_url(args.destination)
    report = copy_database(source, destination)
    if args.json:
        print(json.dumps({
            "source": mask_url(source), "destination": mask_url(destination), "schema_created": report.schema_created,
            "tables": [{"name": table.name, "rows": table.rows} for table in report.tables],
            "next_member_no": report.next_member_no, "next_receipt_no": report.next_receipt_no,
        }, indent=2))
        return EXIT_OK
    print(f"Copied {describe_url(source)} to {describe_url(destination)}"
          + (" (schema created)." if report.schema_created else "."))
    for table in report.tables:
        print(f"  {table.name:<16} {table.rows:>9,} rows")
    print(f"Every table matches the source row for row ({report.rows:,} rows). The next member number is "
          f"{report.next_member_no}, the next receipt {report.next_receipt_no}.")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """`reception serve`: PostgreSQL by URL in production; `--demo` serves the demo gym's own file."""
    from reception.bootstrap import describe_url, open_app, open_storage, resolve_url
    from reception.server.main import serve
    from reception.services import demo

    if not 1 <= args.port <= 65535 or not 1 <= args.workers <= 64:
        raise _error("Give a port from 1 to 65535 and 1 to 64 workers.")
    url = resolve_url(args.db, demo=args.demo)
    if args.demo:
        launch.refuse_other_gym(args, url)
        storage = open_storage(url)
        if storage.revision() != storage.head_revision():
            storage.upgrade()  # the demo's own file may be created or upgraded; a real gym's never is
        app = open_app(url)
        try:
            summary = demo.build_demo(app.uow, app.clock)
        finally:
            app.close()
        launch.print_logins(summary.logins)
        import os

        from reception.server.payments import DEMO_ENV

        os.environ[DEMO_ENV] = "1"  # the visitor's page takes test payments in demo mode only
        print("The visitor's day-pass page: /pass (test payments: no money is taken).", flush=True)
    serve(url, host=args.host, port=args.port, workers=args.workers,
          banner=f"Serving {describe_url(url)} on http://{args.host}:{args.port} (API docs at /docs).")
    return EXIT_OK


def _error(message: str) -> Exception:
    from reception.domain.errors import DomainError

    return DomainError(message)


def cmd_decode(args: argparse.Namespace) -> int:
    from reception.scanning import decode_cli

    return decode_cli.run(args)


def cmd_connect(args: argparse.Namespace) -> int:
    import getpass
    import os
    import socket

    from reception.bootstrap import open_app, resolve_url
    from reception.sync.agent import ConnectError, connect

    username = args.username
    if not username:
        if not sys.stdin.isatty():
            raise _error("Give --username (a manager's or the owner's).")
        username = input("Username: ").strip()
    password = args.password if args.password is not None else os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise _error(f"No password: give --password, set {PASSWORD_ENV} or run the command in a terminal.")
        password = getpass.getpass(f"Password for {username}: ")
    app = open_app(resolve_url(args.db, demo=args.demo))
    try:
        if app.replica is None:
            raise _error("Only a desk's own SQLite file can be connected to the chain's server.")
        try:
            status = connect(app.replica, app.clock, args.server, username, password, branch_no=args.branch,
                             name=args.name or socket.gethostname())
        except ConnectError as error:
            raise _error(str(error)) from None
        print(f"Connected to {status.server} as a desk of branch {status.branch_no}: "
              f"{app.replica.customer_count():,} customers copied; {status.member_numbers_left} member numbers "
              "leased to this desk.")
    finally:
        app.close()
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    import json as json_module

    from reception.sync.agent import ConnectError, SyncAgent

    if args.what == "rebuild":
        from reception.bootstrap import rebuild_replica, resolve_url

        try:
            rebuilt = rebuild_replica(resolve_url(args.db, demo=args.demo))
        except ConnectError as error:
            raise _error(str(error)) from None
        print(f"The replica was made again from the chain's server; {rebuilt.kept} change(s) not yet sent were "
              f"kept and will be sent. The damaged file is kept as {rebuilt.damaged_copy}.")
        if rebuilt.unreadable:
            print(f"{rebuilt.unreadable} change(s) could not be read back; the server will report the gap.",
                  file=sys.stderr)
        return EXIT_OK
    app = _open(args)
    try:
        if app.replica is None:
            raise _error("This database is not a desk's replica: `reception connect SERVER_URL` first.")
        try:
            agent = SyncAgent(app.replica, app.clock)
        except ConnectError as error:
            raise _error(str(error)) from None
        if args.what == "resolve":
            return _resolve_issue(app, agent, args)
        if args.what in ("desks", "disconnect"):
            return _desks(app, agent, args)
        report = agent.sync_once() if args.what is None else None
        status = agent.status()
    finally:
        app.close()
    if args.what == "issues":
        if args.json:
            print(json_module.dumps(status.issues, ensure_ascii=False, indent=2))
        else:
            print(f"{len(status.issues)} open sync issue(s)")
            for issue in status.issues:
                print(f"  {str(issue.get('id'))[:8]}  {issue.get('kind')}: {issue.get('words')} "
                      f"({issue.get('subject')})")
        return EXIT_OK
    assert report is not None
    if args.json:
        print(json_module.dumps({**status.to_dict(), "pushed": report.pushed, "pulled": report.pulled,
                                 "error": report.error}, ensure_ascii=False, indent=2))
    else:
        print(status.line(app.clock.now()))
        print(f"pushed {report.pushed}, pulled {report.pulled} row(s); {status.waiting} operation(s) waiting; "
              f"{len(status.issues)} open sync issue(s)")
        if report.error:
            print(f"Not synced: {report.error}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_ERROR


def _resolve_issue(app, agent, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    """`reception --user NAME sync resolve ISSUE --resolution TEXT`: resolved on the replica at once (an operation
    in the outbox), then sent if the server can be reached."""
    import uuid

    if not args.issue or not args.resolution:
        raise _error("Say which issue and what was done: reception --user NAME sync resolve ISSUE "
                     "--resolution TEXT (`reception sync issues` lists them).")
    wanted = args.issue.strip().lower()
    matches = [i for i in agent.status().issues if str(i.get("id", "")).startswith(wanted)]
    if len(matches) != 1:
        raise _error(f"No open sync issue {args.issue!r}." if not matches else
                     f"{args.issue!r} names {len(matches)} open sync issues: give more of its id.")
    desk = _signed_in_desk(app, args)
    agent.resolve(uuid.UUID(str(matches[0]["id"])), desk.staff, args.resolution, args.action)
    report = agent.sync_once()
    if report.ok:
        print("Resolved, and sent to the chain's server.")
    else:
        print(f"Resolved on this desk; it is sent with the next sync ({report.error})")
    return EXIT_OK


def _desks(app, agent, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    """`reception sync desks [--json]`; `reception --user NAME sync disconnect ID` (online only)."""
    import json as json_module
    import uuid

    desks = agent.desks()
    if args.what == "disconnect":
        if not args.issue:
            raise _error("Say which desk: reception --user NAME sync disconnect ID "
                         "(`reception sync desks` lists them).")
        wanted = args.issue.strip().lower()
        matches = [d for d in desks if str(d.get("id", "")).startswith(wanted)]
        if len(matches) != 1:
            raise _error(f"No desk {args.issue!r} at this branch." if not matches else
                         f"{args.issue!r} names {len(matches)} desks: give more of its id.")
        desk = _signed_in_desk(app, args)
        done = agent.disconnect(uuid.UUID(str(matches[0]["id"])), desk.staff)
        print(f"Disconnected {done['name']} ({done['series']}): what it sends from now on is held for a manager.")
        return EXIT_OK
    if args.json:
        print(json_module.dumps(desks, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{len(desks)} desk(s) at this branch")
    for d in desks:
        state = f"disconnected {d['disconnected_at']}" if d.get("disconnected_at") else "connected"
        mine = " (this desk)" if d.get("this_desk") else ""
        print(f"  {str(d['id'])[:8]}  {d['name']}{mine}  {d['series']}  last sync {d.get('last_push_at') or 'never'}"
              f"  {state}")
    return EXIT_OK


_COMMANDS = {
    "connect": cmd_connect,
    "sync": cmd_sync,
    "demo": cmd_demo,
    "verify": cmd_verify,
    "pass": cmd_pass,
    "turnstile": cmd_turnstile,
    "customers": cmd_customers,
    "attendance": cmd_attendance,
    "db": cmd_db,
    "decode": cmd_decode,
    "serve": cmd_serve,
}


if __name__ == "__main__":
    raise SystemExit(main())
