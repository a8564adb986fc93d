"""Shipped banks: they validate, cite only real, complete references, and test every outcome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz.bank.check import check_file
from quiz.bank.model import Bank
from quiz.bank.resource_checks import UNCHECKED

BANKS_DIR = Path(__file__).resolve().parent.parent / "banks"
BANKS = sorted(BANKS_DIR.glob("*.yaml"))
SHIPPED = {"therapy-fit", "myths-facts", "therapist-fit"}

# References from seed 002 that the content fact-check (FACTS.md section 1a) could not find, or
# found only with different authors, year, journal or finding. None of them may appear in a shipped
# bank, not even in a note. Each pattern is matched case-insensitively against the whole file.
FAKE_CITATIONS: dict[str, str] = {
    # "Sharma, Nanda & Vaid 2020, J Sex Med 17(1)": probably made up.
    "Sharma et al. 2020": r"\bSharma\b|\bVaid\b",
    # "Graziottin, Serafini & Marzano 2018, J Sex Med 15(12)": made up or misattributed.
    "Graziottin et al. 2018": r"\bGraziottin\b|\bSerafini\b|\bMarzano\b",
    # "Bergeron ... 2011, Pain 152(4)": the real trial is Pain 2001, 91(3).
    "Bergeron et al. 2011": r"Bergeron[^\n]{0,120}\b2011\b|\bPain\s*152\b|152\(4\)",
    # "Shindel ... 2010" cited as a meta-analysis of sex therapy: it is a medical-student survey.
    "Shindel et al. 2010": r"\bShindel\b",
    # "Gonzalez 2018, J Sex Res 55(1)": not found.
    "Gonzalez 2018": r"\bGonzalez\b",
    # "Carvalho, Nobre & Yela 2019, Arch Sex Behav 48(1)": not found.
    "Carvalho et al. 2019": r"\bCarvalho\b|\bYela\b",
    # "Leiblum & Rosen 2018": the 6th edition is Hall & Binik 2020.
    "Leiblum & Rosen 2018": r"\bLeiblum\b",
    # "Cerny & Janssen 2016, Sexual Medicine 4(3)": not found.
    "Cerny & Janssen 2016": r"\bCerny\b",
    # "McCarthy & Metz 2015, J Sex Res 52(4)": not found; their real joint work is Metz & McCarthy.
    "McCarthy & Metz 2015": (r"McCarthy,?\s*(?:B\.\s*W\.\s*)?(?:&|and)\s*Metz"
                             r"|J(?:ournal of)?\s*Sex\s*Res[^\n]{0,20}52\(4\)"),
    # "Mitchell & Mitchell 1983", sensate focus: not found (sensate focus is Masters & Johnson's).
    "Mitchell & Mitchell 1983": r"Mitchell\s*(?:&|and)\s*Mitchell",
    # "Johnson & Lebow 2000" cited for a finding it does not contain.
    "Johnson & Lebow 2000": r"\bLebow\b",
    # "Liebert & Van Horn 2005", trauma-focused sex therapy: not found.
    "Liebert & Van Horn 2005": r"\bLiebert\b|\bVan\s+Horn\b",
    # "Jern & Santtila 2010", CBT for premature ejaculation: not found as described.
    "Jern & Santtila 2010": r"\bSanttila\b",
    # "Moglia, Herman & Hackl 2017": unverified, unusable.
    "Moglia et al. 2017": r"\bMoglia\b|\bHackl\b",
    # Unsourced figures from the same seed.
    "90% success for vaginismus": r"\b90\s*%[^\n]{0,80}vaginismus|vaginismus[^\n]{0,80}\b90\s*%",
    "85% improved": r"\b85\s*%",
}


def _load(path: Path) -> Bank:
    result = check_file(path)
    assert result.bank is not None, "\n".join(str(p) for p in result.problems)
    return result.bank


def test_the_three_banks_are_shipped() -> None:
    assert {p.stem for p in BANKS} >= SHIPPED


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_bank_validates(path: Path) -> None:
    result = check_file(path)
    assert not result.problems, "\n".join(str(p) for p in result.problems)
    assert result.bank is not None
    assert result.bank.id == path.stem


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_bank_metadata(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/bank.schema.json"
    bank = _load(path)
    assert bank.min_age == 18
    assert bank.reviewed
    assert bank.minutes
    assert bank.description
    words = bank.disclaimer.lower()
    assert "educational" in words and "diagnosis" in words and "substitute" in words


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_reference_has_title_and_author_year_or_organisation(path: Path) -> None:
    bank = _load(path)
    works = bank.sources + bank.reading
    assert works, "a shipped bank cites its sources"
    for w in works:
        assert w.title.strip(), f"{w.id}: no title"
        assert (w.author.strip() and w.year) or w.organisation.strip(), \
            f"{w.id}: needs an author and a year, or an organisation"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_no_reference_the_fact_check_could_not_find(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [name for name, pattern in FAKE_CITATIONS.items()
             if re.search(pattern, text, flags=re.IGNORECASE)]
    assert not found, f"{path.name} cites references FACTS.md marks as not found: {found}"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_resources_start_with_everyone(path: Path) -> None:
    bank = _load(path)
    if not bank.resources:
        return
    regions = {r.id: r.region for r in bank.resources}
    assert regions.get("emergency") == "ALL"
    assert regions.get("findahelpline") == "ALL"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_examples_cover_every_suggestion_and_band(path: Path) -> None:
    bank = _load(path)
    named: set[str] = set()
    bands: set[tuple[str, str]] = set()
    for ex in bank.examples:
        named.update(ex.expect.suggestions)
        if ex.expect.first:
            named.add(ex.expect.first)
        bands.update(ex.expect.bands)
    missing = [s.id for s in bank.suggestions if s.id not in named]
    assert not missing, f"no example expects these suggestions: {missing}"
    missing_bands = [f"{d.id}.{b.id}" for d in bank.dimensions for b in d.bands
                     if (d.id, b.id) not in bands]
    assert not missing_bands, f"no example reaches these bands: {missing_bands}"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_under_18_ends_early_with_only_youth_support(path: Path) -> None:
    bank = _load(path)
    minors = [ex for ex in bank.examples if dict(ex.answers).get("age") == "under-18"]
    assert minors, "an example must show that under 18 ends the bank"
    ex = minors[0]
    assert ex.expect.ended is True
    assert ex.expect.first == "youth"
    others = {s.id for s in bank.suggestions} - {"youth"}
    assert others <= set(ex.expect.not_suggestions), "a minor must see nothing but youth support"


def test_partner_safety_turns_off_couples_work() -> None:
    bank = _load(BANKS_DIR / "therapy-fit.yaml")
    couples = {"work-joint", "work-undecided", "read-communication", "read-affair", "read-desire",
               "read-desire-couple", "read-several"}
    for s in bank.suggestions:
        if s.id in couples:
            # A precondition, not a reason: it sits in the gate, so results never quote it (some also
            # ask for a relationship shape there).
            assert s.gate_text.startswith('partner-safety == "no"'), s.id
    unsafe = [ex for ex in bank.examples
              if dict(ex.answers).get("partner-safety") in ("yes", "unsure")]
    assert unsafe
    joint = {"work-joint", "work-undecided", "read-communication", "read-affair"}
    for ex in unsafe:
        assert joint <= set(ex.expect.not_suggestions), ex.name
    red_flag = [ex for ex in bank.examples if ex.expect.first and ex.expect.first.startswith("see-doctor")]
    assert red_flag, "an example must show a medical red flag coming first"


# --- content safeguards -------------------------------------------------------------------------

# Numbers ../shared/content/RESOURCES.md marks NOT CONFIRMED (or lists as outdated): none may ship until
# someone checks it on the service's own page. Each pattern is matched against a bank's resources.
UNCONFIRMED_NUMBERS: dict[str, str] = {
    "Tele-MANAS": r"\b14416\b|1-?800-?891-?4416|1-?800-?91-?4416",
    "Women Helpline 181": r"(?<![\d-])181(?![\d-])",
    "1800RESPECT": r"1800\s?737\s?732|0458\s?737\s?732|1800RESPECT",
    "NCW helpline": r"7827170170|\b14490\b|7217735372",
    "Rape Crisis England and Wales": r"0808\s?500\s?2222|080[08]\s?802\s?9999",
    "LGBT National Hotline": r"888-?843-?4564",
    "Switchboard": r"0800\s?0119\s?100|03[03]0\s?330\s?0630",
    "Talk Suicide Canada": r"1-?833-?456-?4566",
    "Childhelp misprint": r"1-?800-?422-?2253",
    "Trevor misprint": r"1-?866-?488-?7366",
    "old Samaritans": r"08457\s?90\s?90\s?90",
}

# Words a result must never use: diagnostic labels, outdated or exclusionary terms.
RESULT_MUST_NOT_SAY = [
    r"\byou have (?:a |an )?[a-z -]*disorder\b", r"\bHSDD\b", r"\bhypoactive\b", r"\bdysfunction\b",
    r"\bbiological sex\b", r"\bbiologically (?:male|female)\b", r"\bcures\b", r"\bwill cure\b",
    r"\bproven\b", r"\bguarantee", r"\bgender dysphoria\b", r"\bhusband\b", r"\bwife\b",
    r"\bboyfriend\b", r"\bgirlfriend\b", r"\byou should\b", r"\byou must\b",
]


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_results_use_no_diagnostic_or_exclusionary_words(path: Path) -> None:
    bank = _load(path)
    texts = [(s.id, f"{s.title} {s.text} {s.because}") for s in bank.suggestions]
    texts += [(f"{d.id}.{b.id}", f"{b.label} {b.text}") for d in bank.dimensions for b in d.bands]
    found = [(where, pattern) for where, text in texts for pattern in RESULT_MUST_NOT_SAY
             if re.search(pattern, text, flags=re.IGNORECASE)]
    assert not found, found


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_resource_was_checked_and_says_so_by_its_date(path: Path) -> None:
    """A shipped bank carries only entries RESOURCES.md confirms: each with the day it was checked, none
    with words saying it was not (a date says the number was checked; if it was not, it does not ship)."""
    bank = _load(path)
    for r in bank.resources:
        assert r.last_verified, f"{r.id}: a shipped resource was checked, so it carries the day"
        words = f"{r.name} {r.contact} {r.description}"
        assert not UNCHECKED.search(words), f"{r.id}: a shipped resource says it was not checked"
        found = [name for name, pattern in UNCONFIRMED_NUMBERS.items() if re.search(pattern, words)]
        assert not found, f"{r.id}: RESOURCES.md does not confirm {found}"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_privacy_note_names_the_quick_exit(path: Path) -> None:
    bank = _load(path)
    intro = bank.sections[0].intro.lower()
    # Every front end shows its quick exit on every screen (the app's key bar, plain mode's prompts, the
    # room page's button), so the bank names it without one front end's key.
    assert "quick exit" in intro and "ctrl+q" not in intro, "name the quick exit, not one front end's key"
    assert "unless you choose to save or export" in intro


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_sensitive_personal_questions_can_be_declined(path: Path) -> None:
    bank = _load(path)
    for section in bank.sections:
        if not section.content_note:
            continue
        for q in section.questions:
            if q.kind != "statement":
                assert q.prefer_not_to_say, f"{q.id}: a sensitive question needs 'Prefer not to say'"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_option_labels_are_short(path: Path) -> None:
    bank = _load(path)
    long = [(q.id, o.label) for q in bank.questions for o in q.options if len(o.label) > 64]
    assert not long, long


def test_partner_safety_support_comes_before_everything_but_youth_support() -> None:
    bank = _load(BANKS_DIR / "therapy-fit.yaml")
    by_id = {s.id: s for s in bank.suggestions}
    support = by_id["partner-safety-support"]
    others = [s.id for s in bank.suggestions
              if s.id not in {"youth", "partner-safety-support"} and s.priority >= support.priority]
    assert not others, f"these would show before domestic-violence support: {others}"
    # Only confirmed lines ship: no confirmed domestic-violence line was found for India or Australia,
    # so the universal line (local emergency number, findahelpline.com) stands in for them.
    assert {"us-ndvh", "ca-sheltersafe", "uk-ndah", "emergency", "findahelpline"} <= set(support.resources)
    both = [ex for ex in bank.examples
            if dict(ex.answers).get("partner-safety") in ("yes", "unsure")
            and "see-doctor" in ex.expect.suggestions]
    assert both and all(ex.expect.first == "partner-safety-support" for ex in both)


def test_every_medical_red_flag_routes_to_a_doctor() -> None:
    bank = _load(BANKS_DIR / "therapy-fit.yaml")
    red_flags = next(q for q in bank.questions if q.id == "red-flags")
    # One card per kind of answer (heart, erection, pain, medicine, the rest), all safety notes.
    cards = [s for s in bank.suggestions if s.id.startswith("see-doctor")]
    assert cards and all(s.kind == "safety" for s in cards)
    for o in red_flags.options:
        if o.value != "none":
            assert any(f'"{o.value}"' in s.when_text for s in cards), f"red flag {o.value} reaches no doctor card"
    text = " ".join(s.text.lower() for s in cards)
    assert "don't stop" in text and "emergency" in text
