"""The room page: a light, server-rendered participant page for a workshop room, one question at a time.

One Python process serves every participant: each one's place and answers are a `Flow` over a
`Session` (the core flow every front end renders) held in this process's memory under a random cookie,
never on disk, never with a name. Each answer to an item with options is counted into the room's
anonymous totals (`quiz.room.totals.counter`) as it is given. A session ends when the person leaves, or
after the idle time with no click; nothing of it is kept. The pages are plain HTML forms (no script),
so they work with JavaScript off and with a screen reader.

The gate and its middleware are the same as the served Textual app's (`quiz.web.guard`): this server's
origin and names only, the join code beyond loopback, caps on participants and per device; every form
also carries the session's own token, so no other page can send one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from quiz.bank.model import DECLINED, Bank
from quiz.engine.flow import Ask, Flow, Intro, Results, Reveal, Review, SectionNote
from quiz.engine.report import to_html
from quiz.engine.session import Session, SessionError
from quiz.room.totals import Room, counter
from quiz.web.gate import Gate, Ticket
from quiz.web.guard import PAGE_HEADERS, address, guard, join, refuse, watch_idle
from quiz.web.render import STATIC, render
from quiz.web.views import NOTHING_CHOSEN, answer_value, page_for

COOKIE = "quiz_room"
"""The participant's cookie: a random key to their place in this server's memory, nothing else."""
MAX_FORM_BYTES = 64 * 1024
"""The largest form accepted: a free-text answer is at most a few thousand characters."""
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
"""No script at all, styles from this server only, forms only to it, never inside another site's frame."""
ENDED = ("Your earlier session here had ended (no answer for a while, or the room was restarted); nothing "
         "of it was kept. You can start again.")


@dataclass
class Participant:
    """One person's place in the room, in memory only."""

    flow: Flow
    ticket: Ticket
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    """Sent back with every form of this session's pages; a form without it is refused."""
    seq: int = 0
    """Counts the actions taken: a form from an earlier page (a double tap, the browser's back) does
    nothing but show where the person is."""
    notice: str = ""
    """Said once on the next page: why the last action did nothing."""


class RoomPage:
    """The participant pages of one room: routes, and every participant's state."""

    def __init__(self, bank: Bank, gate: Gate, room: Room | None = None, *, idle_minutes: float = 30.0) -> None:
        """Serve `bank` to those `gate` lets in, counting answers into `room` (None: counted nowhere)."""
        self.bank = bank
        self.gate = gate
        self.room = room
        self.idle_minutes = idle_minutes
        self.listener = counter(room, bank) if room is not None else None
        self.participants: dict[str, Participant] = {}
        """Every open session, by its cookie."""

    def make_app(self) -> web.Application:
        """The aiohttp application: the pages behind the gate's middleware."""
        app = web.Application(middlewares=[guard(self.gate)], client_max_size=MAX_FORM_BYTES)
        app.add_routes([
            web.get("/", self.show, name="index"),
            web.post("/", self.act, name="act"),
            web.post("/leave", self.leave, name="leave"),
            web.get("/results.html", self.download, name="download"),
            web.static("/static", STATIC, name="static"),
        ])
        watch_idle(app, self.end_idle)
        return app

    # -- pages ---------------------------------------------------------------------------------------
    def html(self, status: int, template: str, heading: str, /, **values: Any) -> web.Response:
        """A page of this room."""
        text = render(template, title=self.bank.title, lang=self.bank.language, heading=heading,
                      idle_minutes=f"{self.idle_minutes:g}", counted=self.room is not None,
                      **{"csrf": "", "notice": "", "notes": (), **values})
        return web.Response(status=status, text=text, content_type="text/html",
                            headers={**PAGE_HEADERS, "Content-Security-Policy": CSP})

    def step_page(self, p: Participant) -> web.Response:
        """The page of the step the participant is at."""
        page = page_for(p.flow.step, p.flow)
        notice, p.notice = p.notice, ""
        return self.html(200, page.template, page.heading, bank=self.bank, csrf=p.csrf, seq=p.seq,
                         notice=notice, **page.values)

    def participant(self, request: web.Request) -> Participant | None:
        """The participant whose cookie the request carries, if their session is open."""
        token = request.cookies.get(COOKIE)
        return self.participants.get(token) if token else None

    async def show(self, request: web.Request) -> web.StreamResponse:
        """GET /: the join code where one is needed, then the participant's step (a new session for a
        browser without one, within the caps)."""
        door = join(self.gate, request)
        if door is not None:
            return door
        p = self.participant(request)
        if p is not None:
            self.gate.touch(p.ticket)
            return self.step_page(p)
        ticket = self.gate.admit(address(request))
        if isinstance(ticket, str):
            return self.html(503, "message.html", "Not now", message=ticket, again="Try again")
        token = secrets.token_urlsafe(32)
        p = Participant(Flow(Session(self.bank, listener=self.listener)), ticket)
        if COOKIE in request.cookies:
            p.notice = ENDED
        self.participants[token] = p
        response = self.step_page(p)
        response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
        return response

    async def act(self, request: web.Request) -> web.StreamResponse:
        """POST /: one action on the participant's step, then the page of the step it leads to."""
        p = self.participant(request)
        if p is None:
            return see_other()  # the session ended: the page says so and starts a new one
        form = await request.post()
        if not same(form.get("csrf"), p.csrf):
            return refuse(403, "Refused: this form did not come from your page.")
        if form.get("seq") == str(p.seq):
            self.gate.touch(p.ticket)
            p.notice = self.apply(p, form)
            p.seq += 1
        return see_other()

    def apply(self, p: Participant, form: MultiDictProxy[Any]) -> str:
        """Do what the form asks of the step shown; returns what to tell the person ("" for nothing)."""
        flow, do = p.flow, str(form.get("do", ""))
        step = flow.step
        try:
            match step:
                case Intro() if do == "start":
                    flow.begin()
                case SectionNote() | Reveal() if do == "go_on":
                    flow.go_on()
                case SectionNote() if do == "skip_section":
                    flow.skip_section()
                case Ask() if do == "next":
                    q = step.question
                    single = {k: v for k, v in form.items() if isinstance(v, str)}
                    ticked = [v for v in form.getall("ticked", []) if isinstance(v, str)]
                    value = answer_value(q, single, ticked)
                    if value is None:
                        return NOTHING_CHOSEN + (" Or choose Skip." if q.can_skip else "")
                    flow.answer(value)
                case Ask() if do == "decline" and step.question.prefer_not_to_say:
                    flow.answer(DECLINED)
                case Ask() if do == "skip":
                    flow.skip()
                case Review() if do == "results":
                    flow.results()
                case Review() if do.startswith("edit:"):
                    qid = do.removeprefix("edit:")
                    if any(q.id == qid for q in flow.session.visible):
                        flow.edit(qid)
                case Results() if do == "review":
                    flow.review()
                case _ if do == "back":
                    flow.back()
        except SessionError as exc:
            text = str(exc)
            return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
        return ""

    async def leave(self, request: web.Request) -> web.StreamResponse:
        """POST /leave: end the session now; the answers leave this server's memory."""
        token = request.cookies.get(COOKIE)
        p = self.participants.get(token) if token else None
        if p is not None:
            form = await request.post()
            if not same(form.get("csrf"), p.csrf):
                return refuse(403, "Refused: this form did not come from your page.")
            self.end(token or "")
        response = self.html(200, "message.html", "You left",
                             message="You left. Your answers are gone from this server; the room keeps only "
                                     "its anonymous counts." if self.room is not None else
                                     "You left. Your answers are gone from this server.", again="Start again")
        response.del_cookie(COOKIE, path="/")
        return response

    async def download(self, request: web.Request) -> web.StreamResponse:
        """GET /results.html: the participant's results as a file for their own browser (nothing is
        written on this computer)."""
        p = self.participant(request)
        if p is None or not isinstance(p.flow.step, Results):
            return refuse(404, "No results to download yet.")
        self.gate.touch(p.ticket)
        return web.Response(text=to_html(p.flow.step.outcome), content_type="text/html", headers={
            **PAGE_HEADERS, "Content-Security-Policy": CSP,
            "Content-Disposition": 'attachment; filename="results.html"'})

    # -- sessions ------------------------------------------------------------------------------------
    def end(self, token: str) -> None:
        """End one session: its state is dropped and its place in the caps freed."""
        p = self.participants.pop(token, None)
        if p is not None:
            self.gate.leave(p.ticket)

    async def end_idle(self) -> int:
        """End every session the gate finds idle; returns how many."""
        idle = {id(t) for t in self.gate.idle()}
        gone = [token for token, p in self.participants.items() if id(p.ticket) in idle]
        for token in gone:
            self.end(token)
        return len(gone)


def same(given: Any, expected: str) -> bool:
    """Whether a form's token is the session's (compared in constant time)."""
    return isinstance(given, str) and secrets.compare_digest(given.encode(), expected.encode())


def see_other() -> web.Response:
    """After a form: to the page of where the person is now (a reload does not send the form again)."""
    return web.Response(status=303, headers={"Location": "/", **PAGE_HEADERS})
