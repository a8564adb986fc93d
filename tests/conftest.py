"""Shared test set-up: Hypothesis profiles (tests/profiles.py), and a socket guard so no test reaches
the network unless it says it may."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from . import profiles  # noqa: F401  (loads the Hypothesis profile before any test module)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` starts two workers per core (PYTEST_XDIST_AUTO_NUM_WORKERS still decides if set).

    The Pilot tests spend most of their time waiting for the app to go idle, so one worker per core
    left the cores about half used: on two cores, four workers take about a quarter less time.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    return 2 * len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2 * (os.cpu_count() or 1)


LONG = ("tests/ui/test_same_results.py::", "tests/ui/test_take_banks.py::test_take_bank_from_launcher",
        "tests/ui/test_counts.py::test_launcher_intro")
"""The longest tests (Pilot walks through every shipped bank), longest module first."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist, start the long walks side by side, one at the head of each worker's share.

    `--dist worksteal` first hands each worker an even run of consecutive tests, and cannot steal a
    test queued behind a running one; left where they are collected, the walks end up queued one
    after another on the last worker while the others sit idle. Every worker collects the same list
    and workercount, so all make the same order, as xdist requires.
    """
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    if workers < 2:
        return

    def rank(item: pytest.Item) -> int:
        return next((i for i, prefix in enumerate(LONG) if item.nodeid.startswith(prefix)), len(LONG))

    long = sorted((item for item in items if rank(item) < len(LONG)), key=rank)
    rest = [item for item in items if rank(item) == len(LONG)]
    ordered: list[pytest.Item] = []
    left = len(items)
    for k in range(workers):
        share = left // (workers - k)  # as worksteal splits the list
        left -= share
        mine = long[k::workers]
        take = max(0, share - len(mine))
        ordered += mine + rest[:take]
        rest = rest[take:]
    items[:] = ordered + rest


class NetworkBlocked(RuntimeError):
    """A test without `@pytest.mark.allow_network` tried to use the network."""


_INET = {socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)}


@pytest.fixture(autouse=True)
def socket_guard(request: pytest.FixtureRequest,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any network socket, connection or name lookup unless the test is marked allow_network.

    Local AF_UNIX sockets stay allowed: asyncio (so Textual's Pilot) wakes its event loop through
    a socketpair, which never leaves the machine. The only program socket allowed is `quiz serve`'s,
    and its tests carry the marker.
    """
    if request.node.get_closest_marker("allow_network"):
        yield
        return
    real_init = socket.socket.__init__

    def guarded_init(self: socket.socket, family: Any = -1, type: Any = -1, proto: Any = -1,
                     fileno: Any = None) -> None:
        if fileno is None and (family == -1 or family in _INET):
            raise NetworkBlocked(f"test {request.node.nodeid} opened a network socket")
        real_init(self, family, type, proto, fileno)

    def refuse(what: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            raise NetworkBlocked(f"test {request.node.nodeid} tried {what} {args!r}")
        return blocked

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if self.family in _INET:
            raise NetworkBlocked(f"test {request.node.nodeid} tried to connect to {address!r}")
        real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if self.family in _INET:
            raise NetworkBlocked(f"test {request.node.nodeid} tried to connect to {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "__init__", guarded_init)
    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("a name lookup"))
    yield
