"""A participant of the room page in tests and bench/room.py: an aiohttp client session that reads each
page's form tokens and sends the page's forms as a browser would (same Origin, the page's cookie)."""

from __future__ import annotations

import html
import re
from typing import Any

import aiohttp

TOKEN = re.compile(r'name="(csrf|seq)" value="([^"]*)"')


class Participant:
    """One browser: its own cookies, the last page it was shown."""

    def __init__(self, base: str, connector: aiohttp.BaseConnector | None = None) -> None:
        self.base = base.rstrip("/")
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), connector=connector,
                                          connector_owner=connector is None)
        self.page = ""
        self.status = 0

    async def close(self) -> None:
        await self.http.close()

    async def get(self, path: str = "/", **params: str) -> str:
        """Open a page (following redirects, as a browser does)."""
        async with self.http.get(self.base + path, params=params) as response:
            self.status = response.status
            self.page = await response.text()
        return self.page

    def tokens(self) -> dict[str, str]:
        """The hidden fields of the page's step form."""
        return {k: html.unescape(v) for k, v in TOKEN.findall(self.page)}

    async def do(self, action: str, origin: str | None = None, **fields: Any) -> str:
        """Press the button `action` of the page's form, with `fields` filled in."""
        data = aiohttp.FormData({**self.tokens(), "do": action})
        for key, value in fields.items():
            for v in value if isinstance(value, list) else [value]:
                data.add_field(key, str(v))
        async with self.http.post(self.base + "/", data=data,
                                  headers={"Origin": origin or self.base}) as response:
            self.status = response.status
            self.page = await response.text()
        return self.page

    async def start(self) -> str:
        """Open the page and press Start."""
        await self.get()
        return await self.do("start")
