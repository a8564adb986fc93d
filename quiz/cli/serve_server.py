"""textual-serve's Server with `quiz serve`'s gate: served origin only, join code, caps, idle sessions ended.

textual-serve offers no hook for middleware or for checking a request, so this subclasses its public
`Server` and overrides its public methods: `serve` (to run an aiohttp application built here, with an
aiohttp middleware, aiohttp's documented way to act on every request), `handle_index`,
`handle_websocket` and `handle_download`. The app processes are still textual-serve's `AppService`.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from quiz.cli.serve_gate import Gate, Ticket

PASS_COOKIE = "quiz_pass"
IDLE_CHECK_SECONDS = 60.0
"""How often idle sessions are looked for (the gate decides which are idle, on its own clock)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CODE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join code</title>
<style>body{{font:1.2rem system-ui,sans-serif;margin:2rem auto;max-width:28rem;padding:0 1rem}}
input,button{{font:inherit;padding:.6rem;min-height:44px}}</style></head>
<body><h1>Join code</h1><p>{message}</p>
<form method="get" action="/"><label for="code">Code</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" required>
<button type="submit">Join</button></form></body></html>
"""


class Service(Protocol):
    """What a session drives: textual-serve's AppService (tests give a stand-in that runs no process)."""

    async def start(self, width: int, height: int) -> None: ...
    async def stop(self) -> None: ...
    async def send_bytes(self, data: bytes) -> bool: ...
    async def set_terminal_size(self, width: int, height: int) -> None: ...
    async def blur(self) -> None: ...
    async def focus(self) -> None: ...


def to_int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def refuse(status: int, message: str) -> web.Response:
    """A short plain-text refusal (it names no path and echoes nothing the request sent)."""
    return web.Response(status=status, text=message + "\n", content_type="text/plain")


class QuizServer(Server):
    """Serves the participant command to browsers that `gate` lets in."""

    def __init__(self, command: str, gate: Gate, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.gate = gate
        self.sockets: dict[int, tuple[Ticket, web.WebSocketResponse]] = {}
        """The open sessions, by the id of their ticket."""

    # -- the application -----------------------------------------------------------------------------
    def make_web_app(self) -> web.Application:
        """The aiohttp application: textual-serve's routes behind the gate's middleware."""
        app = web.Application(middlewares=[self.check_request])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)  # textual-serve's start-up lines, as before
        app.on_startup.append(self.start_idle_watch)
        return app

    def serve(self, debug: bool = False) -> None:
        """Serve until ctrl+c (textual-serve's `serve`, on the application built here)."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(self.make_web_app(), host=self.host, port=self.port, print=lambda *args: None)

    @web.middleware
    async def check_request(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every request: it names this server; a page of another site cannot start anything."""
        if not self.gate.host_ok(request.headers.get("Host")):
            return refuse(421, "This server does not answer to that name.")
        origin = request.headers.get("Origin")
        if origin is not None and not self.gate.origin_ok(origin):
            return refuse(403, "Refused: the request came from another site.")
        if not self.gate.fetch_site_ok(request.headers.get("Sec-Fetch-Site")):
            return refuse(403, "Refused: the request came from another site.")
        return await handler(request)

    def address(self, request: web.Request) -> str:
        return request.remote or "unknown"

    def has_pass(self, request: web.Request) -> bool:
        return self.gate.pass_ok(request.cookies.get(PASS_COOKIE))

    # -- the page ------------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: after the join code where one is needed; it hands the browser this run's pass."""
        if self.gate.needs_code and not self.has_pass(request):
            address = self.address(request)
            if self.gate.locked_out(address):
                return refuse(429, "Too many wrong join codes from this device.")
            given = request.query.get("code")
            if given is None:
                return self.code_page(200, "Type the join code shown by the person running this session.")
            if not self.gate.try_code(address, given):
                return self.code_page(403, "That code is not right. Check it and try again.")
            response: web.StreamResponse = web.Response(status=303, headers={"Location": "/"})  # code leaves the bar
        else:
            response = aiohttp_jinja2.render_template("app_index.html", request, self.page_context(request))
        response.set_cookie(PASS_COOKIE, self.gate.pass_token, httponly=True, samesite="Strict", path="/")
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def code_page(self, status: int, message: str) -> web.Response:
        return web.Response(status=status, text=CODE_PAGE.format(message=html.escape(message)),
                            content_type="text/html")

    def page_context(self, request: web.Request) -> dict[str, Any]:
        """textual-serve's template values, with every address on the host the browser used (already
        checked by the gate), so the websocket is same-origin and carries the pass."""
        base = f"http://{request.host}"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{request.host}/ws",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A participant's export, sent to the browser that holds the pass."""
        if not self.has_pass(request):
            return refuse(403, "Open the page first.")
        return await super().handle_download(request)

    # -- sessions ------------------------------------------------------------------------------------
    def open_service(self, websocket: web.WebSocketResponse) -> Service:
        """The app process behind one websocket (tests override this with a stand-in)."""
        async def close() -> None:
            await websocket.close()

        return AppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                          close=close, download_manager=self.download_manager, debug=self.debug)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """One participant's session: only with this run's pass and within the caps."""
        if request.headers.get("Origin") is None:
            return refuse(403, "Refused: no Origin.")  # browsers always send one; the middleware checked it
        if not self.has_pass(request):
            return refuse(403, "Open the page first" + (" with the join code." if self.gate.needs_code else "."))
        ticket = self.gate.admit(self.address(request))
        if isinstance(ticket, str):
            return refuse(503, ticket)
        websocket = web.WebSocketResponse(heartbeat=15)
        self.sockets[id(ticket)] = (ticket, websocket)
        service: Service | None = None
        try:
            await websocket.prepare(request)
            service = self.open_service(websocket)
            await service.start(to_int(request.query.get("width", "80"), 80),
                                to_int(request.query.get("height", "24"), 24))
            await self.relay(websocket, service, ticket)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            self.sockets.pop(id(ticket), None)
            self.gate.leave(ticket)
            if service is not None:
                await service.stop()
        return websocket

    async def relay(self, websocket: web.WebSocketResponse, service: Service, ticket: Ticket) -> None:
        """Pass the browser's keys, size and focus to the app; a key or click keeps the session alive."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1]
            except (ValueError, TypeError, IndexError, KeyError):
                continue  # not textual-serve's page talking: ignore it
            if kind == "stdin" and isinstance(data, str):
                self.gate.touch(ticket)
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(to_int(str(data.get("width")), 80),
                                                to_int(str(data.get("height")), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def end_idle(self) -> int:
        """End every session the gate finds idle; returns how many."""
        ended = 0
        for ticket in self.gate.idle():
            entry = self.sockets.get(id(ticket))
            self.gate.leave(ticket)
            if entry is not None:
                await entry[1].close(message=b"idle")
                ended += 1
        return ended

    async def start_idle_watch(self, app: web.Application) -> None:
        async def watch() -> None:
            while True:
                await asyncio.sleep(IDLE_CHECK_SECONDS)
                with contextlib.suppress(Exception):  # a failed close must not stop the watch
                    await self.end_idle()

        task = asyncio.get_running_loop().create_task(watch())

        async def stop(app: web.Application) -> None:
            task.cancel()

        app.on_cleanup.append(stop)


def served_hosts(host: str, public_host: str) -> tuple[frozenset[str], bool]:
    """The names a server on `host` answers to, and whether any numeric address is accepted."""
    import socket

    names = {public_host.lower(), host.lower(), "localhost", "127.0.0.1", "::1"}
    if host in ("0.0.0.0", "::", ""):
        name = socket.gethostname().lower()
        names |= {name, f"{name}.local"}
        return frozenset(n for n in names if n), True
    return frozenset(n for n in names if n), False

