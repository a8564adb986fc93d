"""A room of 200 on the light page, in one process: every answer is counted, and the totals stay anonymous.

Each participant is its own client session (its own cookie), joins with the real page and forms and
answers the first question, all at once; three change their minds from the results and some answer a second item. The
figures bench/room.py measures (join time, memory, delay) are not asserted here.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from quiz.bank.model import Bank
from quiz.room.totals import Room, export_csv, room_path
from quiz.web.app import RoomPage
from quiz.web.gate import Gate

from .room_client import Participant

pytestmark = pytest.mark.allow_network

CROWD = 200


async def test_two_hundred_participants_are_all_counted(data_home: Path, bank: Bank) -> None:
    room = Room("crowd", create=True)
    room.bind(bank)
    gate = Gate(port=0, hosts=frozenset({"127.0.0.1"}), max_participants=CROWD, per_address=CROWD)
    page = RoomPage(bank, gate, room)
    server = TestServer(page.make_app(), host="127.0.0.1")
    await server.start_server()
    assert server.port is not None
    gate.port = server.port
    connector = aiohttp.TCPConnector(limit=50)
    people = [Participant(f"http://127.0.0.1:{server.port}", connector) for _ in range(CROWD)]
    try:
        await asyncio.gather(*(p.start() for p in people))
        assert all("Are you 18 or older?" in p.page for p in people)
        choice = [1 if i % 4 else 2 for i in range(CROWD)]  # every fourth is under 18 (which ends their take)
        await asyncio.gather(*(p.do("next", answer=c) for p, c in zip(people, choice, strict=True)))
        changed = [p for p, c in zip(people[:10], choice, strict=False) if c == 2]
        for action, value in (("review", None), ("edit:age", None), ("next", 1)):  # from the results
            await asyncio.gather(*(p.do(action, answer=value) if value else p.do(action) for p in changed))
        second = [p for p in people if "How often does this worry you?" in p.page][:7]
        await asyncio.gather(*(p.do("next", answer=2) for p in second))
        assert len(second) == 7
    finally:
        await asyncio.gather(*(p.close() for p in people))
        await connector.close()
        await server.close()
    assert all(p.status == 200 for p in people)
    assert len(changed) == 3 and all(p.status == 200 for p in changed)
    minors = choice.count(2) - len(changed)
    live = room.all_totals()
    assert live["age"] == (CROWD, {"adult": CROWD - minors, "minor": minors})
    assert live["worry"] == (7, {"1": 7})
    published = room.published_totals()
    first = choice.count(2)
    # Published when the 200th answered (a whole step of K); the three changes since are held back
    # until K more people answer, so no reading tells who changed what.
    assert published["age"] == (CROWD, {"adult": CROWD - first, "minor": first})
    assert published["worry"] == (5, {"1": 5})  # 7 answered: only the first step of 5 is shown
    assert "worry,1,Sometimes,5,5" in export_csv(room, bank)
    room.close()
    stored = room_path("crowd").read_bytes()
    for p in people:  # no participant's key reached the room file
        token = next(c.value for c in p.http.cookie_jar if c.key == "quiz_room")
        assert token.encode() not in stored
