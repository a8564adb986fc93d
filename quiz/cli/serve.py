"""`quiz serve BANK`: the app served to browsers on this machine or the local network."""

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

from quiz.bank.check import load_bank
from quiz.cli.banks import resolve_bank_or_usage
from quiz.errors import UsageError
from quiz.room.totals import Room, RoomError
from quiz.safe_text import one_line
from quiz.store.atomic import write_file


def register(sub: Any) -> None:
    """Add the `serve` command."""
    p = sub.add_parser("serve", help="serve the app to browsers (loopback unless --host is given)",
                       description="Serve a bank to web browsers with textual-serve. Participants are "
                                   "never asked for a name. By default only this computer can connect; "
                                   "give --host 0.0.0.0 (or this machine's address) to let a room join.")
    p.add_argument("bank", metavar="BANK", help="a bank file or a shipped bank's id")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--room", metavar="NAME",
                   help="collect anonymous totals into this room (see `quiz present --room`)")
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


def private_templates(folder: Path) -> Path:
    """textual-serve's page without its web-font link, so participants' browsers contact no one else."""
    import textual_serve

    src = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    html = src.read_text(encoding="utf-8")
    html = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", "", html, flags=re.S)
    write_file(folder / "app_index.html", html, mode=0o644, durable=False)  # a throwaway copy for this run
    return folder


def participant_command(bank_path: Path, room: str | None) -> str:
    """The command each browser connection runs."""
    cmd = [sys.executable, "-m", "quiz", "take", str(bank_path.resolve())]
    if room:
        cmd += ["--room", room]
    return shlex.join(cmd)


def run(args: argparse.Namespace) -> int:
    """Serve until ctrl+c."""
    path = resolve_bank_or_usage(args.bank)
    bank = load_bank(path)
    if not 1 <= args.port <= 65535:
        raise UsageError("--port must be between 1 and 65535")
    if args.room:
        try:
            with Room(args.room, create=True) as room:
                room.bind(bank)
        except RoomError as exc:
            raise UsageError(str(exc)) from None
    from textual_serve.server import Server

    url = share_address(args.host, args.port)
    title = one_line(bank.title)  # the banner is bank text on the facilitator's terminal
    if is_loopback(args.host):
        print(f"Serving \u201c{title}\u201d on {url} (this computer only).")
    else:
        print(f"Serving \u201c{title}\u201d. Share this address: {url}")
        print("Notice: anyone on this network can open it. Participants are never asked for a name.")
    if args.room:
        print(one_line(f"Room `{args.room}`: only counts per option are kept. Show them with "
                       f"`quiz present {bank.id} --room {args.room}`."))
    print("Press ctrl+c to stop.")
    with tempfile.TemporaryDirectory(prefix="quiz-serve-") as tmp:
        server = Server(participant_command(path, args.room), host=args.host, port=args.port,
                        title=bank.title, public_url=url, templates_path=private_templates(Path(tmp)))
        try:
            server.serve()
        except OSError as exc:
            raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    return 0
