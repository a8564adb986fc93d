"""The room's light page (`quiz serve BANK --room NAME`): a walk from join to results driven by the core
flow, answers counted into the room, and the gate: foreign pages, forms without the session's token, the
join code, the caps, idle sessions; a hostile bank's text comes out inert.

The server is the real RoomPage on aiohttp's test server; the idle clock is one the tests advance.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.room.totals import Room, room_path
from quiz.web.app import COOKIE, RoomPage
from quiz.web.gate import Gate

from ..test_output_safety import HOSTILE, assert_inert, assert_no_live_markup
from .room_client import Participant

pytestmark = pytest.mark.allow_network

HOSTS = frozenset({"127.0.0.1", "localhost"})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Served:
    """A room page on a test server, and the participants made for it."""

    def __init__(self, page: RoomPage, server: TestServer) -> None:
        self.page, self.server = page, server
        self.base = f"http://127.0.0.1:{server.port}"
        self.people: list[Participant] = []

    def person(self) -> Participant:
        p = Participant(self.base)
        self.people.append(p)
        return p


async def serve(bank: Bank, gate: Gate, room: Room | None) -> Served:
    page = RoomPage(bank, gate, room)
    server = TestServer(page.make_app(), host="127.0.0.1")
    await server.start_server()
    assert server.port is not None
    gate.port = server.port
    return Served(page, server)


@pytest.fixture
async def served(data_home: Path, bank: Bank) -> AsyncIterator[tuple[Served, Room, Clock]]:
    clock = Clock()
    gate = Gate(port=0, hosts=HOSTS, max_participants=4, per_address=3, idle_seconds=600, clock=clock)
    room = Room("page", create=True)
    room.bind(bank)
    s = await serve(bank, gate, room)
    yield s, room, clock
    for p in s.people:
        await p.close()
    await s.server.close()
    room.close()


def text_of(page: str) -> str:
    """The page's words, tags left out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


async def test_a_walk_from_join_to_results(served: Any, data_home: Path) -> None:
    s, room, _ = served
    p = s.person()
    intro = await p.get()
    assert "Please note:" in intro and intro.index("Please note:") < intro.index("Start</button>")
    page = await p.do("start")
    assert "Are you 18 or older?" in page and '<fieldset' in page and "<legend>" in page
    page = await p.do("next")  # nothing chosen
    assert "Choose an answer first." in page and "Are you 18 or older?" in page
    page = await p.do("next", answer=1)
    assert "How often does this worry you?" in text_of(page) and "Question 1 of up to 6" in page
    page = await p.do("back")
    assert re.search(r'value="1" checked', page), "going back shows the answer given"
    await p.do("next", answer=1)
    await p.do("next", answer=4)  # worry: Always
    page = await p.do("decline")  # calm: Prefer not to say
    assert "Content note:" in page and "The next questions mention pain." in page  # before its questions
    page = await p.do("go_on")
    assert 'type="checkbox"' in page
    page = await p.do("next", ticked=[1, 2])  # pain and desire
    assert "Is the pain new?" in page
    page = await p.do("next", answer=1)
    page = await p.do("next", answer=2)  # the myth is false: right
    assert "Right." in page and "This statement is false." in page and "To think about:" in page
    page = await p.do("go_on")
    assert "<textarea" in page
    page = await p.do("next", text="my partner Sam")
    assert "Review your answers" in page and "my partner Sam" in page
    page = await p.do("results")
    words = text_of(page)
    assert words.index("In short") < words.index("Safety first") < words.index("See a doctor")
    assert "Why this appears" in words and "About these results" in words
    assert p.status == 200
    async with p.http.get(s.base + "/results.html") as download:
        assert download.headers["Content-Disposition"].startswith("attachment")
        assert "See a doctor" in await download.text()
    live = room.all_totals()
    assert live["age"] == (1, {"adult": 1}) and live["topics"] == (1, {"pain": 1, "desire": 1})
    assert "calm" not in live and "notes" not in live  # declined is not counted, free text never
    assert room.totals("age").counts is None  # one answer: nothing published
    assert b"Sam" not in room_path("page").read_bytes()
    written = sorted(str(f.relative_to(data_home)) for f in data_home.rglob("*") if f.is_file())
    assert all(f.startswith("quiz/rooms/page.sqlite3") for f in written), written


async def test_a_stale_form_does_nothing(served: Any) -> None:
    s, room, _ = served
    p = s.person()
    await p.start()
    old = p.tokens()
    await p.do("next", answer=1)
    p.page = f'name="csrf" value="{old["csrf"]}" name="seq" value="{old["seq"]}"'
    page = await p.do("next", answer=2)  # the same form sent again (a double tap, the back button)
    assert "How often does this worry you?" in text_of(page)
    assert room.all_totals()["age"] == (1, {"adult": 1})


async def test_forms_from_anywhere_else_are_refused(served: Any) -> None:
    s, room, _ = served
    p = s.person()
    await p.start()
    tokens = p.tokens()
    assert (await p.do("next", origin="http://evil.example", answer=1)) and p.status == 403
    async with p.http.post(s.base + "/", data={**tokens, "do": "next", "answer": "1"}) as no_origin:
        assert no_origin.status == 403
    p.page = p.page.replace(tokens["csrf"], "made-up")
    await p.do("next", answer=1)
    assert p.status == 403
    async with p.http.get(s.base + "/", headers={"Host": f"evil.example:{s.server.port}"}) as rebound:
        assert rebound.status == 421
    async with p.http.get(s.base + "/", headers={"Sec-Fetch-Site": "cross-site"}) as framed:
        assert framed.status == 403
    assert "age" not in room.all_totals()


async def test_caps_and_idle_sessions(served: Any) -> None:
    s, _, clock = served
    people = [s.person() for _ in range(3)]
    for p in people:
        await p.get()
    extra = s.person()
    assert "already has 3 sessions" in await extra.get() and extra.status == 503  # per device
    s.page.gate.per_address = 10
    await extra.get()
    full = s.person()
    await full.get()
    assert full.status == 503 and "The room is full (4 participants)" in full.page
    clock.now += 500
    await people[0].start()  # busy; the others have been idle 500 s
    clock.now += 100
    assert await s.page.end_idle() == 3
    assert len(s.page.participants) == 1 and len(s.page.gate.live()) == 1
    page = await people[1].get()
    assert "Your earlier session here had ended" in page and "Please note:" in page
    assert (await full.get()) and full.status == 200  # a place came free
    await people[0].do("next", answer=1)
    assert people[0].status == 200
    left = await people[0].http.post(s.base + "/leave", data={"csrf": people[0].tokens()["csrf"]},
                                     headers={"Origin": s.base})
    assert left.status == 200 and "You left" in await left.text()
    assert COOKIE not in {c.key for c in people[0].http.cookie_jar}
    assert len(s.page.participants) == 2


async def test_the_join_code_is_asked_beyond_loopback(data_home: Path, bank: Bank) -> None:
    gate = Gate(port=0, hosts=HOSTS, join_code="K7MPQ2")
    s = await serve(bank, gate, None)
    p = s.person()
    page = await p.get()
    assert "Join code" in page and "Start" not in page and s.page.participants == {}
    assert (await p.get(code="AAAAAA")) and p.status == 403
    page = await p.get(code="k7m-pq2")  # as typed from the screen, any case
    assert "Start</button>" in page and len(s.page.participants) == 1
    await p.close()
    await s.server.close()


async def test_a_hostile_bank_is_inert_on_every_page(data_home: Path) -> None:
    bank = load_bank(HOSTILE)
    gate = Gate(port=0, hosts=HOSTS)
    room = Room("hostile", create=True)
    room.bind(bank)
    s = await serve(bank, gate, room)
    p = s.person()
    pages = [await p.get(), await p.do("start"), await p.do("go_on"), await p.do("next", answer=1),
             await p.do("next", answer=1), await p.do("go_on"), await p.do("results")]
    assert "Results:" in pages[-1] and "Source:" in pages[-3]
    for page in pages:
        assert_inert(page.replace("\r\n", "\n"), "room page")
        assert_no_live_markup(page, "room page")
        assert "<script" not in page
        assert all(href.startswith(("/", "https://", "http://")) for href in re.findall(r'href="([^"]*)"', page))
    assert "\U0001f468\u200d\U0001f469\u200d\U0001f467" in pages[0]  # joiners inside an emoji kept
    await p.close()
    await s.server.close()
    room.close()

