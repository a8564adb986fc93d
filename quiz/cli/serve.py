"""`quiz serve BANK`: the app served to browsers on this machine or the local network; with `--room`, the
light room page (`quiz.web.app`) for a workshop."""

from __future__ import annotations

import argparse
import ipaddress
import re
import shlex
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.cli.banks import resolve_bank_or_usage
from quiz.errors import QuizError, UsageError
from quiz.room.totals import Room, RoomError
from quiz.safe_text import html_escape, one_line
from quiz.store.atomic import write_file
from quiz.web.gate import (
    DEFAULT_IDLE_MINUTES,
    DEFAULT_MAX_PARTICIPANTS,
    DEFAULT_PER_ADDRESS,
    DEFAULT_ROOM_PARTICIPANTS,
    Gate,
    new_join_code,
    served_hosts,
)


def register(sub: Any) -> None:
    """Add the `serve` command."""
    p = sub.add_parser("serve", help="serve the app to browsers, or a room's page (loopback unless --host "
                                     "is given)",
                       description="Serve a bank to web browsers: the full app (textual-serve) for individuals, "
                                   "or with --room a light page for a workshop room (one server process, no "
                                   "script, answers counted into the room's anonymous totals). Participants "
                                   "are never asked for a name. By default only this computer can connect; "
                                   "give --host 0.0.0.0 (or this machine's address) to let a room join.")
    p.add_argument("bank", metavar="BANK", help="a bank file or a shipped bank's id")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--room", metavar="NAME",
                   help="open a workshop room: the light participant page, each answer counted into this "
                        "room's anonymous totals (see `quiz present --room`)")
    p.add_argument("--max-participants", type=int, default=None, metavar="N",
                   help=f"sessions open at once, at most (default {DEFAULT_MAX_PARTICIPANTS}, or "
                        f"{DEFAULT_ROOM_PARTICIPANTS} with --room)")
    p.add_argument("--per-device", type=int, default=DEFAULT_PER_ADDRESS, metavar="N",
                   help=f"sessions open at once from one address (default {DEFAULT_PER_ADDRESS})")
    p.add_argument("--idle-minutes", type=float, default=DEFAULT_IDLE_MINUTES, metavar="M",
                   help=f"end a session after M minutes with no key or click (default {DEFAULT_IDLE_MINUTES:g})")
    p.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses."""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def share_address(host: str, port: int) -> str:
    """The address to give participants."""
    if host in ("0.0.0.0", "::"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect(("192.0.2.1", 9))  # no packet is sent; this picks the outgoing interface
                host = s.getsockname()[0]
        except OSError:
            host = socket.gethostname()
    return f"http://{host}:{port}"


def make_gate(host: str, port: int, public_host: str, *, max_participants: int = DEFAULT_MAX_PARTICIPANTS,
              per_address: int = DEFAULT_PER_ADDRESS, idle_minutes: float = DEFAULT_IDLE_MINUTES) -> Gate:
    """The rules of this run: served names only; a fresh join code unless only this computer can connect."""
    hosts, any_ip = served_hosts(host, public_host)
    return Gate(port=port, hosts=hosts, any_ip=any_ip,
                join_code=None if is_loopback(host) else new_join_code(),
                max_participants=max_participants, per_address=per_address, idle_seconds=idle_minutes * 60)


def qr_lines(text: str) -> list[str]:
    """`text` as a QR code for the terminal: segno's compact drawing, light modules as blocks (a phone
    scans it off the facilitator's screen or a projector)."""
    import io

    import segno

    out = io.StringIO()
    segno.make(text, error="m", boost_error=False).terminal(out=out, compact=True, border=2)
    return out.getvalue().splitlines()


def page_title(title: str) -> str:
    """The bank's title as the text of the page's `<title>`: HTML-escaped, and its braces written as
    character references, so the template engine that reads the page finds no tag in bank text."""
    return html_escape(title).replace("{", "&#123;").replace("}", "&#125;")


def private_templates(folder: Path, title: str = "quiz") -> Path:
    """textual-serve's page without its web-font link, so participants' browsers contact no one else;
    with a viewport setting, so a phone lays it out at its own width (not a desktop's 980 px), and
    the bank's title as the tab's title."""
    import textual_serve

    src = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    html = src.read_text(encoding="utf-8")
    html = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", "", html, flags=re.S)
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S | re.I)
    head = ('<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"    <title>{page_title(title)}</title>\n")
    html, found = re.subn(r"(<head[^>]*>\s*)", lambda m: m[1] + head, html, count=1, flags=re.I)
    if not found:
        raise QuizError("textual-serve's page has no <head>: this version of textual-serve is not supported")
    write_file(folder / "app_index.html", html, mode=0o644, durable=False)  # a throwaway copy for this run
    return folder


def participant_command(bank_path: Path) -> str:
    """The command each browser connection of the full app runs."""
    return shlex.join([sys.executable, "-m", "quiz", "take", str(bank_path.resolve())])


def run(args: argparse.Namespace) -> int:
    """Serve until ctrl+c."""
    path = resolve_bank_or_usage(args.bank)
    bank = load_bank(path)
    if not 1 <= args.port <= 65535:
        raise UsageError("--port must be between 1 and 65535")
    if args.max_participants is None:
        args.max_participants = DEFAULT_ROOM_PARTICIPANTS if args.room else DEFAULT_MAX_PARTICIPANTS
    if args.max_participants < 1 or args.per_device < 1:
        raise UsageError("--max-participants and --per-device must be at least 1")
    if not args.idle_minutes > 0:
        raise UsageError("--idle-minutes must be more than 0")
    room: Room | None = None
    if args.room:
        try:
            room = Room(args.room, create=True)
            room.bind(bank)
        except RoomError as exc:
            raise UsageError(str(exc)) from None
    try:
        return serve(args, path, bank, room)
    finally:
        if room is not None:
            room.close()


def serve(args: argparse.Namespace, path: Path, bank: Bank, room: Room | None) -> int:
    """Print the banner, then serve the room page (with a room) or the full app."""
    url = share_address(args.host, args.port)
    title = one_line(bank.title)  # the banner is bank text on the facilitator's terminal
    gate = make_gate(args.host, args.port, urlsplit(url).hostname or args.host,
                     max_participants=args.max_participants, per_address=args.per_device,
                     idle_minutes=args.idle_minutes)
    if is_loopback(args.host):
        print(f"Serving \u201c{title}\u201d on {url} (this computer only).")
    else:
        print(f"Serving \u201c{title}\u201d. Share this address: {url}")
        print("Notice: anyone on this network who has the join code below can open it. Participants are "
              "never asked for a name.")
    if args.room:
        print(one_line(f"Room `{args.room}`: a light page for phones; only counts per option are kept. Show "
                       f"them with `quiz present {bank.id} --room {args.room}`."))
    if gate.join_code is not None:
        join = f"{url}/?code={gate.join_code}"
        print(f"Join code: {gate.join_code} (asked for by the page; or open {join})")
        print("\n".join(qr_lines(join)))
    print(f"At most {gate.max_participants} participants at once, {gate.per_address} per device; "
          f"a session ends after {args.idle_minutes:g} minutes with no key or click.", flush=True)
    try:
        if room is not None:
            serve_room(args, bank, gate, room)
        else:
            serve_app(args, path, bank, gate, url)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    return 0


STOP_LINE = "Press ctrl+c to stop."
"""The banner's last line; the room page says it once its port is open."""


def serve_room(args: argparse.Namespace, bank: Bank, gate: Gate, room: Room) -> None:
    """The light room page: one process, every participant's state in its memory."""
    from aiohttp import web

    from quiz.web.app import RoomPage

    page = RoomPage(bank, gate, room, idle_minutes=args.idle_minutes)
    # aiohttp calls `print` once the port is open: the last line is said when the room can be joined.
    web.run_app(page.make_app(), host=args.host, port=args.port,
                print=lambda _running: print(STOP_LINE, flush=True))


def serve_app(args: argparse.Namespace, path: Path, bank: Bank, gate: Gate, url: str) -> None:
    """The full app through textual-serve: an app process per participant."""
    from quiz.cli.serve_server import QuizServer

    with tempfile.TemporaryDirectory(prefix="quiz-serve-") as tmp:
        templates = private_templates(Path(tmp), bank.title)
        server = QuizServer(participant_command(path), gate, host=args.host, port=args.port,
                            title=bank.title, public_url=url, templates_path=templates)
        print(STOP_LINE, flush=True)
        server.serve()
