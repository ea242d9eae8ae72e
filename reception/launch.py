"""Starting Reception from a command line, whichever entry point: the options before a command, the demo gym's
announcement, and the guard that turns a refusal into its message and exit code 2 (a bug into a log entry)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

EXIT_OK, EXIT_DENY, EXIT_ERROR = 0, 1, 2

DeskRunner = Callable[[argparse.Namespace], int]


def add_database_options(parser: argparse.ArgumentParser, *, default: object = None) -> None:
    """--db and --demo: accepted before the command and after it (`reception db upgrade --db URL`)."""
    parser.add_argument("--db", metavar="URL", default=default,
                        help="database URL or SQLite file (default: RECEPTION_DB, then the gym's local file)")
    parser.add_argument("--demo", action="store_true", default=False if default is None else default,
                        help="open the demo gym (created on first start)")


def add_desk_options(parser: argparse.ArgumentParser) -> None:
    """What the desk window takes: --db, --demo, --camera, --lang and --self-test."""
    add_database_options(parser)
    parser.add_argument("--camera", metavar="SPEC", help="0, 1, ... | file:PATH | none")
    parser.add_argument("--lang", choices=("en", "ar"), help="the desk's language for this start (default: Settings)")
    parser.add_argument("--self-test", action="store_true", help="check the installation and exit")
    parser.add_argument("--turnstile", metavar="HOST:PORT", help="also serve the branch's turnstile (POST /verify) "
                        "from this desk, e.g. 127.0.0.1:8765; the token is in the data folder's turnstile.token")


def demo_place(url: str) -> str:
    """What the database at `url` holds: "empty", "demo" or "other" (another gym, or not Reception's)."""
    from reception.bootstrap import open_app, open_storage
    from reception.services.demo import holds

    storage = open_storage(url)
    path = storage.local_file
    if path is not None and not path.exists():
        return "empty"
    if storage.revision() is None:
        return "other" if storage.holds_tables() else "empty"
    app = open_app(url)
    try:
        return holds(app.uow)
    finally:
        app.close()


def refuse_other_gym(args: argparse.Namespace, url: str) -> None:
    from reception import paths
    from reception.bootstrap import describe_url
    from reception.domain.errors import DomainError

    if url != paths.demo_database_url() and demo_place(url) == "other":
        named, drop = ("--db", "leave out --db") if args.db else ("RECEPTION_DB", "unset RECEPTION_DB")
        raise DomainError(f"{describe_url(url)} already holds another gym (or other data), so the demo gym is not "
                     f"written there. Name an empty database with {named}, or {drop} to use the "
                     f"demo's own file ({paths.demo_database_url().removeprefix('sqlite:///')}).")


def print_logins(logins: Sequence[tuple[str, str, str, str]]) -> None:
    print("\nStaff logins:")
    print(f"  {'username':<10} {'password':<10} {'role':<13} branch")
    for username, password, role, branch in logins:
        print(f"  {username:<10} {password:<10} {role:<13} {branch}")


def announce_demo(args: argparse.Namespace) -> None:
    """`reception --demo`: before the window opens, say on stdout where the demo gym is and how to sign in.

    Raises DomainError (exit 2) when --db or RECEPTION_DB names a database that holds another gym.
    """
    from reception.bootstrap import describe_url, resolve_url
    from reception.services import demo

    url = resolve_url(args.db, demo=True)
    refuse_other_gym(args, url)
    if sys.stdout is None:  # the windowed Reception.exe has no console
        return
    print(f"The demo gym: {describe_url(url)} (built on first start if it is not there yet).")
    print_logins(demo.logins([name for name, _ in demo.data.BRANCHES]))
    sys.stdout.flush()


def start_desk(args: argparse.Namespace, run_desk: DeskRunner) -> int:
    """`reception` with no command and `reception-desk`: the self-test, or the window (the demo gym announced
    first). `run_desk` opens the window; the caller passes it, so this module needs no Qt."""
    if args.self_test:
        from reception.selftest import run_self_test

        return run_self_test(args)

    def desk() -> int:
        if args.demo:
            announce_demo(args)
        return run_desk(args)

    return guarded("reception", desk)


def guarded(label: str, run: Callable[[], int]) -> int:
    """Runs a command: a refusal (DomainError) is printed masked with exit code 2; a bug is logged (masked,
    with its traceback) and reported in one line, not as a traceback on a kiosk's screen."""
    from reception.domain.errors import DomainError
    from reception.redact import mask_text

    try:
        return run()
    except DomainError as error:
        print(f"reception: {mask_text(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as error:  # a bug: the traceback goes to the (masked) log file, not to the kiosk's screen
        from reception import extras

        if isinstance(error, ImportError) and (missing := extras.missing_from(error)):
            print(f"reception: {missing}", file=sys.stderr)  # a library of an extra this install lacks
            return EXIT_ERROR
        import logging

        from reception.logs import log_file, setup_logging

        setup_logging()
        logging.getLogger("reception.cli").exception("`%s` failed", label)
        print(f"reception: something went wrong — details saved to {log_file()}", file=sys.stderr)
        return EXIT_ERROR
