"""Workshop room figures on the light room page: join time, memory, and answer-to-total delay.

Starts `quiz serve BANK --room bench` on loopback (the room's light page: one server process), then N
simulated participants join at once, each with its own aiohttp client session, cookie and connection,
through the real pages and forms a browser uses (open the page, press Start: the first question is
shown). Then all N answer the first question at the same moment, and the bench times how long until
the room's live counter for it reaches N (read from the room file, as the presenter reads it).

The three figures, each printed as soon as it is known:

- `participants: N connected ... in X s`: from the first request until every participant has the first
  question on screen (target for 200 on a 2-core machine: within 10 s).
- `with N connected: Y MiB PSS`: the proportional set size (shared pages split fairly) of the server
  and every process it started, with all N sessions open (target: at most 512 MiB). The server alone,
  before anyone joined, is printed first; the difference over N is the cost of one participant.
- `all N answers counted Z ms after they were sent`: from sending the N answers until the room's
  counter holds all N (target: within 1 s); the presenter redraws its totals every 1 s on top of this.

Prints figures; asserts nothing. The machine's other load shows in every figure.

Usage: python bench/room.py [--participants 30] [--bank tests/data/valid/full.yaml]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.workshop.room_client import Participant  # noqa: E402  (the tests' participant, as a browser acts)


def first_question(bank_path: str) -> str:
    """The id of the bank's first question, which everyone answers at once (with its first option)."""
    from quiz.bank.check import load_bank
    from quiz.engine.session import Session

    q = Session(load_bank(Path(bank_path))).current()
    if q is None:
        raise SystemExit("the bank has no question to answer")
    return q.id


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


def counted(db: Path, question: str) -> int:
    """The room's live counter of participants who answered `question` (read only: no lock taken)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT n FROM answered WHERE question=?", (question,)).fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0]) if row else 0


async def join(p: Participant) -> None:
    """Open the page, press Start, and Continue past any content note to the first question."""
    await p.start()
    for _ in range(5):
        if 'value="go_on"' not in p.page:
            break
        await p.do("go_on")


def say(line: str) -> None:
    print(line, flush=True)


async def wait_listening(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("quiz serve exited before it served")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise SystemExit("quiz serve did not start listening within 30 s")


async def run(args: argparse.Namespace) -> None:
    n = args.participants
    first = first_question(args.bank)
    tmp = tempfile.mkdtemp(prefix="quiz-room-bench-")
    env = {"XDG_DATA_HOME": f"{tmp}/data", "HOME": f"{tmp}/home"}
    db = Path(tmp) / "data" / "quiz" / "rooms" / "bench.sqlite3"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "quiz", "serve", args.bank, "--port", str(port),
                             "--room", "bench", "--max-participants", str(n), "--per-device", str(n)],
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    people = [Participant(base) for _ in range(n)]
    try:
        await wait_listening(port, proc)
        base_pss, base_rss = memory_kib(proc.pid)
        say(f"server alone: {base_pss / 1024:.1f} MiB PSS ({base_rss / 1024:.1f} MiB RSS)")

        t0 = time.perf_counter()
        await asyncio.gather(*(join(p) for p in people))
        joined = time.perf_counter() - t0
        shown = sum(p.status == 200 and 'name="answer"' in p.page for p in people)
        say(f"participants: {shown} connected over HTTP in {joined:.1f} s (the light page: one server process, "
            "each participant a session in its memory)")

        pss, rss = memory_kib(proc.pid)
        say(f"with {n} connected: {pss / 1024:.1f} MiB PSS ({rss / 1024:.1f} MiB RSS)")
        say(f"memory per connected participant: {(pss - base_pss) / n:.0f} KiB PSS "
            f"({(rss - base_rss) / n:.0f} KiB RSS)")

        t_answer = time.perf_counter()
        sent = asyncio.gather(*(p.do("next", answer=1) for p in people))
        delay = None
        while time.perf_counter() - t_answer < 30:
            if counted(db, first) >= n:
                delay = time.perf_counter() - t_answer
                break
            await asyncio.sleep(0.005)
        await sent
        pages = time.perf_counter() - t_answer
        if delay is None:
            say(f"answer-to-total: the total did not reach {n} within 30 s")
        else:
            say(f"answer-to-total at {n} participants: all {n} answers counted {delay * 1000:.0f} ms after they "
                f"were sent (every next page back after {pages * 1000:.0f} ms; the presenter redraws totals "
                "every 1 s on top of this)")
    finally:
        await asyncio.gather(*(p.close() for p in people))
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--bank", default=str(ROOT / "tests" / "data" / "valid" / "full.yaml"))
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
