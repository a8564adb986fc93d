"""Who may use a served quiz: the served origin only, a join code beyond loopback, caps, idle sessions ended.

Pure rules, no web server: both served front ends (the room page, `quiz.web.app`, and the Textual app
behind textual-serve, `quiz.cli.serve_server`) ask the gate at every request through `quiz.web.guard`,
and the tests ask it directly with a clock they advance.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Clock = Callable[[], float]

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Join-code letters: capitals and digits without the look-alikes (0/O, 1/I/L), easy to read aloud."""
CODE_LENGTH = 6
"""31**6, about 890 million codes; wrong tries are capped per address (`MAX_WRONG_CODES`)."""
MAX_WRONG_CODES = 10
"""Wrong join codes from one address before it is refused altogether for the rest of the run."""
DEFAULT_MAX_PARTICIPANTS = 40
"""Sessions at once of the full app: each is an app process (about 31 MiB and a Textual start-up)."""
DEFAULT_ROOM_PARTICIPANTS = 250
"""Sessions at once on a room's light page: each is a few kilobytes in one process (bench/room.py
measures 200)."""
DEFAULT_PER_ADDRESS = 3
"""Connections at once from one address: a phone that reloads its page, or a tab and its reconnect."""
DEFAULT_IDLE_MINUTES = 30.0


def new_join_code() -> str:
    """A random join code (the `secrets` module: unguessable, unlike `random`)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def is_ip_literal(host: str) -> bool:
    """True for an address written as numbers: it cannot be a DNS name re-pointed at this computer."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def split_host(host_header: str) -> tuple[str, int | None]:
    """`name:port` (or `[v6]:port`) as the lowercase name and the port (None when absent or not a number)."""
    parts = urlsplit("//" + host_header)
    try:
        port = parts.port
    except ValueError:
        port = None
    return (parts.hostname or "").lower(), port


@dataclass
class Ticket:
    """One participant's connection, from admission to its end."""

    address: str
    last_seen: float
    ended: bool = False


@dataclass
class Gate:
    """The rules for one `quiz serve` run.

    Args:
        port: The port served; an Origin or Host naming another port is foreign.
        hosts: The names this server answers to (besides any address written as numbers, when
            `any_ip` is set): a page or websocket under another name is refused, which also stops
            a DNS name re-pointed at this computer (DNS rebinding).
        any_ip: Accept any address written as numbers (serving on 0.0.0.0 or ::).
        join_code: The code a participant must give before the page opens; None on loopback.
        max_participants: Sessions at once, all addresses together.
        per_address: Sessions at once from one address.
        idle_seconds: A session with no key or click for this long is ended.
        clock: Seconds, monotonic; tests pass one they advance.
    """

    port: int
    hosts: frozenset[str]
    any_ip: bool = False
    join_code: str | None = None
    max_participants: int = DEFAULT_MAX_PARTICIPANTS
    per_address: int = DEFAULT_PER_ADDRESS
    idle_seconds: float = DEFAULT_IDLE_MINUTES * 60
    clock: Clock = time.monotonic
    pass_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    """The cookie a browser gets once it opened the page (with the join code, where one is needed);
    the websocket and downloads need it. Random per run, never derived from the code."""
    tickets: list[Ticket] = field(default_factory=list)
    wrong_codes: dict[str, int] = field(default_factory=dict)

    # -- where a request comes from ------------------------------------------------------------------
    def host_ok(self, host_header: str | None) -> bool:
        """Whether the request names this server (its Host header)."""
        if not host_header:
            return False
        name, port = split_host(host_header)
        return self.names_this(name, port or 80)  # a browser leaves out port 80

    def names_this(self, name: str, port: int | None) -> bool:
        """Whether host `name` and `port` are this server's."""
        return port == self.port and (name in self.hosts or (self.any_ip and is_ip_literal(name)))

    def origin_ok(self, origin: str | None) -> bool:
        """Whether a page of this server made the request (its Origin header); a missing Origin is refused.

        Browsers send Origin on every websocket upgrade, so a page of another site, even one open in
        the facilitator's own browser, names itself and is refused.
        """
        if not origin:
            return False
        parts = urlsplit(origin)
        if parts.scheme != "http" or parts.username or parts.password or parts.path not in ("", "/"):
            return False
        try:
            port = parts.port or 80
        except ValueError:
            return False
        return self.names_this((parts.hostname or "").lower(), port)

    @staticmethod
    def fetch_site_ok(sec_fetch_site: str | None) -> bool:
        """A page action (opening the page, a download) not started by another site's page.

        `Sec-Fetch-Site` is set by the browser, which a page cannot forge: `none` is an address typed
        or scanned, `same-origin` a link or download of this page; `cross-site` and `same-site` are
        refused. Clients that send none (scripts) are left to the join code and the pass cookie.
        """
        return sec_fetch_site in (None, "none", "same-origin")

    # -- the join code -------------------------------------------------------------------------------
    @property
    def needs_code(self) -> bool:
        return self.join_code is not None

    def try_code(self, address: str, given: str | None) -> bool:
        """Whether `given` is the join code; too many wrong tries from one address refuse it for good."""
        if self.join_code is None:
            return True
        if self.wrong_codes.get(address, 0) >= MAX_WRONG_CODES:
            return False
        typed = (given or "").strip().upper().replace(" ", "").replace("-", "")
        if secrets.compare_digest(typed.encode(), self.join_code.encode()):
            return True
        self.wrong_codes[address] = self.wrong_codes.get(address, 0) + 1
        return False

    def locked_out(self, address: str) -> bool:
        return self.wrong_codes.get(address, 0) >= MAX_WRONG_CODES

    def pass_ok(self, cookie: str | None) -> bool:
        """Whether the browser holds this run's pass (it opened the page, with the code if needed)."""
        return cookie is not None and secrets.compare_digest(cookie.encode(), self.pass_token.encode())

    # -- sessions ------------------------------------------------------------------------------------
    def live(self) -> list[Ticket]:
        return [t for t in self.tickets if not t.ended]

    def admit(self, address: str) -> Ticket | str:
        """A ticket for a new session, or why there is none (the room or this address is full)."""
        live = self.live()
        if len(live) >= self.max_participants:
            return f"The room is full ({self.max_participants} participants). Try again later."
        if sum(t.address == address for t in live) >= self.per_address:
            return f"This device already has {self.per_address} sessions open; close one first."
        ticket = Ticket(address, self.clock())
        self.tickets = [*live, ticket]
        return ticket

    def touch(self, ticket: Ticket) -> None:
        """The participant pressed a key or clicked: their session is not idle."""
        ticket.last_seen = self.clock()

    def leave(self, ticket: Ticket) -> None:
        """The session has ended (closed, or ended here)."""
        ticket.ended = True
        self.tickets = self.live()

    def idle(self) -> list[Ticket]:
        """The live sessions idle for `idle_seconds` or more: to be ended."""
        now = self.clock()
        return [t for t in self.live() if now - t.last_seen >= self.idle_seconds]


def served_hosts(host: str, public_host: str) -> tuple[frozenset[str], bool]:
    """The names a server on `host` answers to, and whether any numeric address is accepted."""
    names = {public_host.lower(), host.lower(), "localhost", "127.0.0.1", "::1"}
    if host in ("0.0.0.0", "::", ""):
        name = socket.gethostname().lower()
        names |= {name, f"{name}.local"}
        return frozenset(n for n in names if n), True
    return frozenset(n for n in names if n), False
