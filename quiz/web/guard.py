"""The gate at the door of both served front ends: the served origin and names only, the join code, the pass.

The room page (`quiz.web.app`) and the Textual app behind textual-serve (`quiz.cli.serve_server`) put
the same aiohttp middleware in front of every request and ask for the join code the same way; the
rules themselves are the gate's (`quiz.web.gate`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from quiz.web.gate import Gate
from quiz.web.render import render

PASS_COOKIE = "quiz_pass"
IDLE_CHECK_SECONDS = 60.0
"""How often idle sessions are looked for (the gate decides which are idle, on its own clock)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def refuse(status: int, message: str) -> web.Response:
    """A short plain-text refusal (it names no path and echoes nothing the request sent)."""
    return web.Response(status=status, text=message + "\n", content_type="text/plain")


def guard(gate: Gate) -> Middleware:
    """The middleware: every request names this server; a page of another site can neither open a page
    nor send a form; a form (any request but GET and HEAD) must say it comes from this server's page."""

    @web.middleware
    async def check_request(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not gate.host_ok(request.headers.get("Host")):
            return refuse(421, "This server does not answer to that name.")
        origin = request.headers.get("Origin")
        if origin is not None and not gate.origin_ok(origin):
            return refuse(403, "Refused: the request came from another site.")
        if origin is None and request.method not in ("GET", "HEAD"):
            return refuse(403, "Refused: a form must come from this server's own page.")  # browsers send one
        if not gate.fetch_site_ok(request.headers.get("Sec-Fetch-Site")):
            return refuse(403, "Refused: the request came from another site.")
        return await handler(request)

    return check_request


def address(request: web.Request) -> str:
    """The participant's address, for the per-device cap and the wrong-code count."""
    return request.remote or "unknown"


def has_pass(gate: Gate, request: web.Request) -> bool:
    """Whether the browser opened the page (with the join code, where one is needed)."""
    return gate.pass_ok(request.cookies.get(PASS_COOKIE))


def code_page(status: int, message: str) -> web.Response:
    """The page that asks for the join code."""
    return web.Response(status=status, text=render("code.html", message=message), content_type="text/html",
                        headers=PAGE_HEADERS)


PAGE_HEADERS = {
    "Referrer-Policy": "same-origin",  # never the page's address to another site; forms keep their Origin
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",  # answers are not kept in the browser's cache either
}
"""Headers of every page served here."""


def join(gate: Gate, request: web.Request) -> web.StreamResponse | None:
    """The join code's door: the code page, a refusal or the way in (the pass handed over, the code
    taken out of the address bar); None when the browser may go on to the page it asked for."""
    if not gate.needs_code or has_pass(gate, request):
        return None
    where = address(request)
    if gate.locked_out(where):
        return refuse(429, "Too many wrong join codes from this device.")
    given = request.query.get("code")
    if given is None:
        return code_page(200, "Type the join code shown by the person running this session.")
    if not gate.try_code(where, given):
        return code_page(403, "That code is not right. Check it and try again.")
    response = web.Response(status=303, headers={"Location": "/", **PAGE_HEADERS})
    give_pass(gate, response)
    return response


def give_pass(gate: Gate, response: web.StreamResponse) -> None:
    """Hand the browser this run's pass (only on this server's pages: SameSite Strict, no script)."""
    response.set_cookie(PASS_COOKIE, gate.pass_token, httponly=True, samesite="Strict", path="/")


def watch_idle(app: web.Application, end_idle: Callable[[], Awaitable[int]],
               every: float = IDLE_CHECK_SECONDS) -> None:
    """End idle sessions every `every` seconds while `app` runs."""

    async def start(app: web.Application) -> None:
        async def watch() -> None:
            while True:
                await asyncio.sleep(every)
                with contextlib.suppress(Exception):  # a failed close must not stop the watch
                    await end_idle()

        task = asyncio.get_running_loop().create_task(watch())

        async def stop(app: web.Application) -> None:
            task.cancel()

        app.on_cleanup.append(stop)

    app.on_startup.append(start)
