"""`quiz serve`'s gate, attacked as issue 16 did: a foreign page driving the app, eleven connections
past a cap of ten, no join code, a session left open. Each is refused or ended.

The server is the real QuizServer on aiohttp's test server; only the app process behind a websocket
is a stand-in (`FakeService`), so no Textual app starts. The idle clock is one the tests advance.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from quiz.cli.serve import make_gate, qr_lines
from quiz.cli.serve_server import QuizServer, Service
from quiz.web.gate import MAX_WRONG_CODES, Gate, served_hosts
from quiz.web.guard import PASS_COOKIE

pytestmark = pytest.mark.allow_network

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost"})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeService:
    """The app process behind one websocket: records what reached it."""

    def __init__(self) -> None:
        self.started = False
        self.stopped = False
        self.typed: list[bytes] = []

    async def start(self, width: int, height: int) -> None:
        self.started = True

    async def stop(self) -> None:
        self.stopped = True

    async def send_bytes(self, data: bytes) -> bool:
        self.typed.append(data)
        return True

    async def set_terminal_size(self, width: int, height: int) -> None:
        pass

    async def blur(self) -> None:
        pass

    async def focus(self) -> None:
        pass


class TestQuizServer(QuizServer):
    __test__ = False

    def __init__(self, gate: Gate, templates: Path) -> None:
        super().__init__("true", gate, templates_path=templates)
        self.services: list[FakeService] = []

    def open_service(self, websocket: web.WebSocketResponse) -> Service:
        service = FakeService()
        self.services.append(service)
        return service


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    (tmp_path / "app_index.html").write_text("<html><body data-ws='{{ app_websocket_url }}'>"
                                             "{{ application.name }}</body></html>")
    return tmp_path


async def start(gate: Gate, templates: Path) -> tuple[TestQuizServer, TestClient[Any, Any]]:
    server = TestQuizServer(gate, templates)
    test_server = TestServer(server.make_web_app(), host="127.0.0.1")
    await test_server.start_server()
    assert test_server.port is not None
    gate.port = test_server.port
    client: TestClient[Any, Any] = TestClient(test_server)
    await client.start_server()
    return server, client


@pytest.fixture
async def loopback(templates: Path) -> AsyncIterator[tuple[TestQuizServer, TestClient[Any, Any], Clock]]:
    clock = Clock()
    gate = Gate(port=0, hosts=LOOPBACK_HOSTS, max_participants=10, per_address=20, idle_seconds=600,
                clock=clock)
    server, client = await start(gate, templates)
    yield server, client, clock
    await client.close()


def origin(client: TestClient[Any, Any]) -> str:
    return f"http://127.0.0.1:{client.port}"


async def open_page(client: TestClient[Any, Any]) -> None:
    response = await client.get("/")
    assert response.status == 200
    assert PASS_COOKIE in {c.key for c in client.session.cookie_jar}


async def refused_ws(client: TestClient[Any, Any], **headers: str) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers=headers)
    return refused.value.status


async def test_a_foreign_page_cannot_drive_the_app(loopback: Any) -> None:
    server, client, _ = loopback
    await open_page(client)  # even with the facilitator's own pass in the browser
    assert await refused_ws(client, Origin="http://evil.example") == 403
    assert await refused_ws(client, Origin=f"http://evil.example:{client.port}") == 403
    assert await refused_ws(client) == 403  # no Origin at all
    assert server.services == [], "no app started"
    ws = await client.ws_connect("/ws", headers={"Origin": origin(client)})
    await ws.send_json(["stdin", "1"])
    await ws.send_json(["ping", "x"])
    assert (await ws.receive_json()) == ["pong", "x"]
    await ws.close()
    [service] = server.services
    assert service.typed == [b"1"] and service.stopped


async def test_a_page_action_from_another_site_is_refused(loopback: Any) -> None:
    _, client, _ = loopback
    assert (await client.get("/", headers={"Origin": "http://evil.example"})).status == 403
    assert (await client.get("/", headers={"Sec-Fetch-Site": "cross-site"})).status == 403
    assert (await client.get("/download/anything", headers={"Sec-Fetch-Site": "same-site"})).status == 403
    assert (await client.get("/download/anything")).status == 403  # no pass yet
    assert (await client.get("/", headers={"Sec-Fetch-Site": "none"})).status == 200


async def test_a_name_re_pointed_at_this_computer_is_refused(loopback: Any) -> None:
    """DNS rebinding: another site's name resolving to 127.0.0.1 makes its pages same-origin."""
    server, client, _ = loopback
    host = f"evil.example:{client.port}"
    assert (await client.get("/", headers={"Host": host})).status == 421
    assert await refused_ws(client, Host=host, Origin=f"http://{host}") == 421
    assert server.services == []


async def test_eleven_connections_past_a_cap_of_ten(loopback: Any) -> None:
    server, client, _ = loopback
    await open_page(client)
    sockets = [await client.ws_connect("/ws", headers={"Origin": origin(client)}) for _ in range(10)]
    assert await refused_ws(client, Origin=origin(client)) == 503
    assert len(server.services) == 10
    await sockets.pop().close()
    for _ in range(100):  # requests give the server turns to finish the closed session
        if len(server.gate.live()) < 10:
            break
        await client.get("/")
    sockets.append(await client.ws_connect("/ws", headers={"Origin": origin(client)}))  # a place came free
    assert await refused_ws(client, Origin=origin(client)) == 503
    for ws in sockets:
        await ws.close()


async def test_connections_per_address_are_capped(templates: Path) -> None:
    gate = Gate(port=0, hosts=LOOPBACK_HOSTS, max_participants=40, per_address=3)
    server, client = await start(gate, templates)
    await open_page(client)
    sockets = [await client.ws_connect("/ws", headers={"Origin": origin(client)}) for _ in range(3)]
    assert await refused_ws(client, Origin=origin(client)) == 503
    assert len(server.services) == 3
    for ws in sockets:
        await ws.close()
    await client.close()


async def test_without_the_join_code_nothing_opens(templates: Path) -> None:
    gate = Gate(port=0, hosts=LOOPBACK_HOSTS, join_code="K7MPQ2")
    server, client = await start(gate, templates)
    page = await client.get("/")
    assert page.status == 200 and "Join code" in await page.text()
    assert "data-ws" not in await page.text()
    assert PASS_COOKIE not in {c.key for c in client.session.cookie_jar}
    assert await refused_ws(client, Origin=origin(client)) == 403  # the websocket, skipping the page
    assert (await client.get("/", params={"code": "AAAAAA"})).status == 403
    assert await refused_ws(client, Origin=origin(client), Cookie=f"{PASS_COOKIE}=guessed") == 403  # made up
    assert server.services == []
    joined = await client.get("/", params={"code": "k7m-pq2"})  # as typed from the screen, any case
    assert joined.status == 200 and "data-ws" in await joined.text()
    assert str(joined.url).endswith("/")  # the code left the address bar
    ws = await client.ws_connect("/ws", headers={"Origin": origin(client)})
    await ws.close()
    assert len(server.services) == 1
    await client.close()


async def test_wrong_codes_lock_an_address_out(templates: Path) -> None:
    gate = Gate(port=0, hosts=LOOPBACK_HOSTS, join_code="K7MPQ2")
    _, client = await start(gate, templates)
    for _ in range(MAX_WRONG_CODES):
        assert (await client.get("/", params={"code": "AAAAAA"})).status == 403
    assert (await client.get("/", params={"code": "K7MPQ2"})).status == 429  # even the right one now
    await client.close()


async def test_idle_sessions_end(loopback: Any) -> None:
    server, client, clock = loopback
    await open_page(client)
    quiet = await client.ws_connect("/ws", headers={"Origin": origin(client)})
    busy = await client.ws_connect("/ws", headers={"Origin": origin(client)})
    clock.now += 500
    await busy.send_json(["stdin", "x"])
    assert (await busy.send_json(["ping", 1])) is None and (await busy.receive_json()) == ["pong", 1]
    clock.now += 100  # the quiet one has been idle 600 s, the busy one 100 s
    assert await server.end_idle() == 1
    closed = await quiet.receive()
    assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
    assert len(server.gate.live()) == 1
    await busy.close()


def test_the_gate_needs_a_code_only_beyond_loopback() -> None:
    assert make_gate("127.0.0.1", 8000, "127.0.0.1").join_code is None
    code = make_gate("0.0.0.0", 8000, "192.168.1.20").join_code
    assert code is not None and len(code) >= 6
    assert make_gate("0.0.0.0", 8000, "192.168.1.20").join_code != code  # random per run
    assert make_gate("192.168.1.20", 8000, "192.168.1.20").join_code is not None


def test_the_join_address_is_printed_as_a_qr_code() -> None:
    lines = qr_lines("http://192.168.1.20:8000/?code=K7MPQ2")
    assert len(lines) > 10 and len({len(line) for line in lines}) == 1  # a square of half-block rows
    assert set("".join(lines)) <= set(" \u2580\u2584\u2588")


def test_served_hosts() -> None:
    names, any_ip = served_hosts("127.0.0.1", "127.0.0.1")
    assert not any_ip and "localhost" in names and "evil.example" not in names
    names, any_ip = served_hosts("0.0.0.0", "192.168.1.20")
    assert any_ip and "192.168.1.20" in names
