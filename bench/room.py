"""Workshop room figures: memory per connected participant and answer-to-total delay at 30 participants.

Starts `quiz serve BANK --room NAME` on loopback, connects 30 participants over textual-serve's websocket
(each connection runs its own `quiz take` process, as a browser tab would), waits until every app has
drawn, then has all 30 answer the first question at the same moment and times how long until the room's
total reaches 30. Memory is the proportional set size (PSS, shared pages split fairly) of the server and
all its child processes, before and after the participants connect. Prints figures; asserts nothing.

Usage: python bench/room.py [--participants 30] [--bank tests/data/valid/full.yaml]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) in KiB over a process tree."""
    pss = rss = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            pass
    return pss, rss


def room_total(env: dict[str, str], question: str) -> int:
    os.environ.update(env)
    from quiz.room.totals import Room

    with Room("bench") as room:
        return room.all_totals().get(question, (0, {}))[0]


async def participant(url: str, ready: asyncio.Event, go: asyncio.Event, drawn: list[int]) -> None:
    import aiohttp

    page = url.split("/ws", 1)[0]
    # As a browser does: open the page (it hands over the pass cookie), then the websocket from its origin.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(page + "/") as response:
            response.raise_for_status()
        async with http.ws_connect(url, headers={"Origin": page}) as ws:
            await drive(ws, ready, go, drawn)


async def drive(ws: Any, ready: asyncio.Event, go: asyncio.Event, drawn: list[int]) -> None:
    """One participant's keys, once connected."""
    import aiohttp

    got = 0

    async def reader() -> None:
        nonlocal got
        async for msg in ws:
            if msg.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                got += len(msg.data)

    task = asyncio.create_task(reader())
    while got < 2000:  # the intro screen has been drawn
        await asyncio.sleep(0.05)
    await ws.send_json(["stdin", "\r"])  # intro -> start
    await asyncio.sleep(1.0)
    await ws.send_json(["stdin", "\r"])  # section intro -> first question
    await asyncio.sleep(1.0)
    drawn.append(1)
    ready.set()
    await go.wait()
    await ws.send_json(["stdin", "1"])  # answer the first question
    await asyncio.sleep(3.0)
    task.cancel()


async def run(args: argparse.Namespace) -> None:
    tmp = tempfile.mkdtemp(prefix="quiz-room-bench-")
    env = {"XDG_DATA_HOME": f"{tmp}/data", "HOME": f"{tmp}/home"}
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quiz", "serve", args.bank, "--port", str(port),
                             "--room", "bench", "--max-participants", str(args.participants),
                             "--per-device", str(args.participants)], env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        base_pss, base_rss = memory_kib(proc.pid)
        url = f"http://127.0.0.1:{port}/ws?width=80&height=24"
        go = asyncio.Event()
        drawn: list[int] = []
        events = [asyncio.Event() for _ in range(args.participants)]
        t0 = time.perf_counter()
        tasks = [asyncio.create_task(participant(url, events[i], go, drawn)) for i in range(args.participants)]
        while len(drawn) < args.participants:
            await asyncio.sleep(0.1)
            if time.perf_counter() - t0 > 180:
                raise SystemExit("participants did not all connect within 180 s")
        connect_s = time.perf_counter() - t0
        await asyncio.sleep(1.0)
        pss, rss = memory_kib(proc.pid)
        go.set()
        t_answer = time.perf_counter()
        delay = None
        while time.perf_counter() - t_answer < 30:
            if room_total(env, "age") >= args.participants:
                delay = time.perf_counter() - t_answer
                break
            await asyncio.sleep(0.005)
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    n = args.participants
    print(f"participants: {n} connected over websockets in {connect_s:.1f} s (each runs its own app process)")
    print(f"server alone: {base_pss / 1024:.1f} MiB PSS ({base_rss / 1024:.1f} MiB RSS)")
    print(f"with {n} connected: {pss / 1024:.1f} MiB PSS ({rss / 1024:.1f} MiB RSS)")
    print(f"memory per connected participant: {(pss - base_pss) / n / 1024:.1f} MiB PSS "
          f"({(rss - base_rss) / n / 1024:.1f} MiB RSS)")
    if delay is None:
        print(f"answer-to-total: the total did not reach {n} within 30 s")
    else:
        print(f"answer-to-total at {n} participants: all {n} answers counted {delay * 1000:.0f} ms after "
              "they were sent (the presenter redraws totals every 1 s on top of this)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--bank", default=str(ROOT / "tests" / "data" / "valid" / "full.yaml"))
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
