"""textual-serve's Server with `quiz serve`'s gate: served origin only, join code, caps, idle sessions ended.

textual-serve offers no hook for middleware or for checking a request, so this subclasses its public
`Server` and overrides its public methods: `serve` (to run an aiohttp application built here, with an
aiohttp middleware, aiohttp's documented way to act on every request), `handle_index`,
`handle_websocket` and `handle_download`. The app processes are still textual-serve's `AppService`.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from quiz.web.gate import Gate, Ticket
from quiz.web.guard import PAGE_HEADERS, address, give_pass, guard, has_pass, join, refuse, watch_idle


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
        app = web.Application(middlewares=[guard(self.gate)])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)  # textual-serve's start-up lines, as before
        watch_idle(app, self.end_idle)
        return app

    def serve(self, debug: bool = False) -> None:
        """Serve until ctrl+c (textual-serve's `serve`, on the application built here)."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(self.make_web_app(), host=self.host, port=self.port, print=lambda *args: None)

    # -- the page ------------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: after the join code where one is needed; it hands the browser this run's pass."""
        door = join(self.gate, request)
        if door is not None:
            return door
        response = aiohttp_jinja2.render_template("app_index.html", request, self.page_context(request))
        response.headers.update(PAGE_HEADERS)
        response.headers["Referrer-Policy"] = "no-referrer"
        give_pass(self.gate, response)
        return response

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
        if not has_pass(self.gate, request):
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
        if not has_pass(self.gate, request):
            return refuse(403, "Open the page first" + (" with the join code." if self.gate.needs_code else "."))
        ticket = self.gate.admit(address(request))
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
