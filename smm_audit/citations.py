"""The five source articles and their sections: a citation such as ``(000 L263, 004 L5)`` made readable.

The built-in checks cite the practitioner articles behind their rules by file
and line (``000 L263``: line 263 of article 000). Auditors keep that form (the
check docs, ``smm-audit explain``, the report's ``citations``); a client reads
``(SMM promotion guide, “Mistake 3: abandoned communities”; 12 SMM tasks,
introduction)`` instead. docs/sources.md describes the articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Section:
    """Lines ``first``-``last`` of an article; ``titled`` when the article gives it a heading (quoted when cited)."""

    first: int
    last: int
    name: str
    titled: bool = True

    @property
    def label(self) -> str:
        return f"“{self.name}”" if self.titled else self.name


@dataclass(frozen=True)
class Article:
    """One source article: ``id`` is its file number (``000``), ``name`` the short English name a report shows."""

    id: str
    name: str
    language: str
    title: str
    title_en: str
    lines: int
    sections: tuple[Section, ...]

    def sections_of(self, first: int, last: int) -> list[Section]:
        """The sections lines ``first``-``last`` fall in, in order; empty when a line is outside every section."""
        found = [s for s in self.sections if s.first <= last and first <= s.last]
        covered = sum(min(s.last, last) - max(s.first, first) + 1 for s in found)
        return found if first <= last and covered == last - first + 1 else []


def _sections(*rows: tuple[int, int, str] | tuple[int, int, str, bool]) -> tuple[Section, ...]:
    return tuple(Section(*row) for row in rows)


ARTICLES: dict[str, Article] = {
    a.id: a
    for a in (
        Article(
            "000",
            "SMM promotion guide",
            "Spanish",
            "Servicios de promoción en redes sociales. Elaboración de un plan calendario. "
            "Precios de promoción en redes sociales.",
            "Social media promotion services. Drawing up a calendar plan. Prices of social media promotion.",
            362,
            _sections(
                (1, 1, "title", False),
                (3, 3, "Personal-data agreement"),
                (5, 17, "Which businesses suit SMM"),
                (29, 31, "What SMM is"),
                (32, 46, "SMM strategy"),
                (47, 50, "Community design"),
                (51, 67, "Community checklist"),
                (68, 79, "Content strategy"),
                (80, 88, "Content categories"),
                (89, 94, "Content: what else matters"),
                (95, 107, "Not enough content"),
                (108, 111, "Social-media advertising"),
                (112, 125, "Targeted advertising"),
                (126, 141, "Defining the goal"),
                (142, 167, "Choosing a network"),
                (168, 171, "Promotion methods"),
                (172, 189, "White methods"),
                (190, 207, "Grey methods"),
                (208, 213, "Black methods"),
                (217, 220, "11 critical mistakes"),
                (221, 246, "Mistake 1: expecting quick sales"),
                (247, 260, "Mistake 2: handing SMM to staff"),
                (261, 264, "Mistake 3: abandoned communities"),
                (265, 272, "Mistake 4: rushing growth"),
                (273, 278, "Mistake 5: one-way communication"),
                (279, 284, "Mistake 6: doing it all yourself"),
                (285, 312, "Mistake 7: no goal"),
                (313, 320, "Mistake 8: spending untested"),
                (321, 326, "Mistake 9: copying others"),
                (327, 332, "Mistake 10: no competitor analysis"),
                (333, 346, "Mistake 11: ignoring negativity"),
            ),
        ),
        Article(
            "001",
            "SMM primer",
            "Malay",
            "Pemasaran dan promosi di rangkaian sosial smm. Faedah promosi SMM. Interaksi dengan pengguna",
            "Marketing and promotion in social networks (SMM). Benefits of SMM promotion. Interaction with users",
            605,
            _sections(
                (1, 1, "title", False),
                (7, 13, "introduction", False),
                (14, 23, "What SMM is"),
                (24, 31, "What an SMM specialist does"),
                (32, 50, "An SMM example"),
                (51, 57, "SMM tools"),
                (58, 61, "Where to start"),
                (62, 65, "Audience and competitors"),
                (66, 69, "A promotion strategy"),
                (70, 79, "Planning quality content"),
                (80, 85, "Building a dialogue"),
                (86, 91, "Analysing your work"),
                (92, 109, "What is SMM?"),
                (110, 139, "Promotion methods"),
                (140, 157, "The SMM manager"),
                (158, 168, "Pros and cons of SMM"),
                (169, 197, "Promotion tools"),
                (198, 220, "Promotion strategy"),
                (221, 233, "The SMM contract"),
                (234, 246, "Viral advertising"),
                (247, 263, "Measuring effectiveness"),
                (264, 270, "Books on SMM"),
                (271, 287, "SMM explained"),
                (288, 307, "10 SMM tools"),
                (308, 319, "Running pages and groups"),
                (320, 326, "Direct marketing"),
                (327, 332, "Discussions"),
                (333, 341, "Comments and reviews"),
                (342, 377, "Audience and engagement"),
                (378, 387, "Hidden marketing"),
                (388, 403, "Bloggers and thematic communities"),
                (404, 415, "Optimising the site (SMO)"),
                (416, 431, "Who an SMM specialist is"),
                (432, 449, "An SMM specialist's skills"),
                (450, 489, "VKontakte"),
                (490, 528, "Facebook"),
                (529, 547, "Instagram"),
                (548, 555, "conclusion", False),
                (556, 572, "What SMM promotion is"),
                (573, 594, "Choosing promotion tools"),
                (595, 605, "Creating content"),
            ),
        ),
        Article(
            "002",
            "SMM pitfalls",
            "Russian",
            "(no title; the introduction:) Распространенные ошибки, которые не позволяют вам реализовать "
            "весь потенциал социальных сетей",
            "Common mistakes that keep you from realising the full potential of social networks",
            76,
            _sections(
                (6, 9, "introduction", False),
                (10, 15, "Mistake 1: giving up on SMM"),
                (16, 21, "Mistake 2: no marketing plan"),
                (22, 27, "Mistake 3: the wrong KPIs"),
                (28, 33, "Mistake 4: every platform at once"),
                (34, 41, "Mistake 5: not joining conversations"),
                (42, 47, "Mistake 6: no relationships"),
                (48, 53, "Mistake 7: self-centred content"),
                (54, 59, "Mistake 8: too much automation"),
                (60, 65, "Mistake 9: too many accounts"),
                (66, 73, "Mistake 10: no social-media policy"),
                (74, 75, "conclusion", False),
            ),
        ),
        Article(
            "003",
            "Common SMM mistakes",
            "Spanish",
            "10 medios de comunicación social errores comunes de comercialización",
            "10 common social media marketing mistakes",
            70,
            _sections(
                (1, 2, "title", False),
                (3, 4, "introduction", False),
                (5, 10, "Invading customers' time"),
                (11, 20, "Bothering customers"),
                (21, 26, "The wrong SMM voices"),
                (27, 32, "Being impatient"),
                (33, 38, "SMM in isolation"),
                (39, 44, "One approach for all influencers"),
                (45, 48, "SMM as a channel"),
                (49, 56, "Not planning for the worst"),
                (57, 62, "One big campaign"),
                (63, 69, "Not rewarding participants"),
            ),
        ),
        Article(
            "004",
            "12 SMM tasks",
            "Arabic",
            "12 المهام التي تحتاج إلى معالجة من قبل الشركات إلى SMM",
            "12 tasks companies need to handle before SMM",
            231,
            _sections(
                (1, 1, "title", False),
                (3, 10, "introduction", False),
                (11, 20, "Why prepare"),
                (21, 47, "Do you need SMM at all?"),
                (48, 53, "Goals"),
                (54, 69, "Who does the work"),
                (70, 94, "Test advertising"),
                (95, 106, "Retargeting test"),
                (107, 132, "Competitor research"),
                (133, 156, "Promotion strategy"),
                (157, 164, "Work plan"),
                (165, 180, "Preparing materials"),
                (181, 186, "Visual design"),
                (187, 190, "Setting up the pages"),
                (191, 204, "Preparing content"),
                (205, 208, "Launch"),
                (209, 226, "conclusion", False),
            ),
        ),
    )
}


@dataclass(frozen=True)
class Citation:
    """Lines ``first``-``last`` of article ``article``, as cited."""

    article: str
    first: int
    last: int

    @property
    def ref(self) -> str:
        lines = f"L{self.first}" if self.first == self.last else f"L{self.first}-{self.last}"
        return f"{self.article} {lines}"

    def sections(self) -> list[Section]:
        """The sections cited; empty when the article or a line is unknown."""
        article = ARTICLES.get(self.article)
        return article.sections_of(self.first, self.last) if article else []


_LINES = r"L\d+(?:-\d+)?"
_ONE = rf"\b\d{{3}} {_LINES}(?:,[ \t]*{_LINES})*\b"
RUN = re.compile(rf"{_ONE}(?:(?:[,;][ \t]*|[ \t]+and[ \t]+){_ONE})*")
"""A run of references: ``000 L263, 004 L5``, ``000 L84, L45``, ``002 L70-72 and 000 L253``."""
_PART = re.compile(r"(?:\b(\d{3}) )?L(\d+)(?:-(\d+))?")


def _parse(run: str) -> Iterator[Citation]:
    article = ""
    for match in _PART.finditer(run):
        article = match[1] or article
        first = int(match[2])
        yield Citation(article, first, int(match[3]) if match[3] else first)


@lru_cache(maxsize=4096)
def _parsed(run: str) -> tuple[Citation, ...]:
    return tuple(_parse(run))


def parse(text: str) -> list[Citation]:
    """Every reference in ``text``, in order (repeats included)."""
    return [c for run in RUN.finditer(text) for c in _parsed(run[0])] if " L" in text else []


@lru_cache(maxsize=4096)
def _readable(run: str) -> str:
    cited = _parsed(run)
    if not any(c.sections() for c in cited):
        return run
    groups: list[tuple[str, list[str]]] = []
    for citation in cited:
        sections = citation.sections()
        if not sections:  # unknown: shown as written
            groups.append((citation.ref, []))
            continue
        name = ARTICLES[citation.article].name
        if not groups or groups[-1][0] != name:
            groups.append((name, []))
        labels = groups[-1][1]
        labels.extend(s.label for s in sections if s.label not in labels)
    return "; ".join(", ".join([name, *labels]) for name, labels in groups)


def readable(text: str) -> str:
    """``text`` with each run of references in the client's form: article names and sections, no line numbers."""
    return cite(text)[0]


def cite(text: str) -> tuple[str, list[Citation]]:
    """:func:`readable` ``text`` and the references it had, in one pass."""
    if " L" not in text:  # the common case, cheaply
        return text, []
    cited: list[Citation] = []

    def replace(match: re.Match[str]) -> str:
        cited.extend(_parsed(match[0]))
        return _readable(match[0])

    return RUN.sub(replace, text), cited


def annotated(text: str) -> str:
    """``text`` with the readable form after its references, for auditors: ``000 L263 (SMM promotion guide, …)``."""
    return RUN.sub(lambda m: m[0] if _readable(m[0]) == m[0] else f"{m[0]} ({_readable(m[0])})", text)


def describe(citation: Citation) -> dict[str, object]:
    """A reference as report data: the line reference, the article's short name and the sections (none: unknown)."""
    article = ARTICLES.get(citation.article)
    return {
        "ref": citation.ref,
        "article": article.name if article else None,
        "sections": [s.name for s in citation.sections()],
    }
