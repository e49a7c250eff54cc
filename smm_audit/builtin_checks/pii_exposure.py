"""## What it checks

Phone numbers and e-mail addresses that sit in public where the community
could hide them:

- in visible user comments: comments whose `deleted` is not true and whose
  `from_account` is not true (the account's own replies are left out unless
  `scan_account_comments` is on);
- in the text of the account's posts (`scan_posts`).

Each value found is a finding at the comment or post that shows it (one per
distinct value per entity; past the first 20 values of one text, the rest are
one finding that counts them by kind, so that a text listing thousands of
numbers reads, and is audited, quickly: every value still counts in the
metrics and the score). **The value itself never leaves the check**: the
message and the evidence show it masked, a phone as `+7 *** ***-**-67` (the
country code and the last two digits only, whatever the number's length) and
an e-mail as `i***@mail.ru` (the first character and the domain); the
finding's key holds the entity ids and the first 4 hex digits of the SHA-256
of the normalised value, and metrics are counts only.

Values that are not someone's personal data are left alone, and counted in
the metrics: the client's own contacts (every phone and e-mail in any
account's `profile.contacts` or `profile.description`, and e-mails at
`client.domains` or their subdomains: `ignore_own_contacts`) and toll-free
business lines (+7 800, +7 804, +1 800/888/877/866/855/844/833:
`ignore_toll_free`).

**Score and status**: score = 1 / (1 + exposures) (one exposure halves it;
ours); the check fails with a finding at **high** or above (both kinds are
high by default: `phone_severity`, `email_severity`) and warns with lesser
ones. **Metrics** (counts only): `texts_scanned`, `comments_scanned`,
`posts_scanned`, `comments_deleted_skipped`, `comments_own_skipped`,
`texts_missing` (comments or posts without `text`), `phones_exposed`,
`emails_exposed` (distinct values per entity), `comments_exposing`,
`posts_exposing`, `own_contacts_ignored`, `toll_free_ignored`, and per
account the scanned and exposed counts. Without `comments` and `posts` on any
account the check is not_applicable; when they exist but none has a `text`,
too (empty lists are known to be empty: pass).

**Which digits are a phone.** The detector is conservative: a run of digits
is a phone only in one of these shapes (separators may be spaces, hyphens or
dashes, dots, parentheses):

- a `+` (or `00`) and 10-15 digits (E.164: `+44 20 7946 0958`,
  `+1 (415) 555-2671`, `(+34) 912 345 678`, `0034 612 345 678`,
  `+79161234567`); +7 and +1 numbers must have 11 digits; the minimum is
  `min_international_digits`. `1 (415) 555-2671` is read as +1;
- Russian numbers with the trunk prefix: `8` or `7` as its own group followed
  by 10 digits (`8 (916) 123 45 67`, `8-916-1234567`, `7 (985) 222-33-44`),
  `8` glued to the area code (`8916 123-45-67`), or 11 digits in one piece
  starting `89`, `79` (mobile) or `83`, `84`, `88` (`89161234567`);
- with `unprefixed_phones`, 10 digits grouped like a phone and starting 2-9:
  3-3-2-2 (`(916) 123-45-67`, `916 123 45 67`) or 3-3-4 with a hyphen,
  parentheses or only dots (`(415) 555-2671`, `415-555-2671`, `415.555.2671`).
  These have no country code and are masked `*** ***-**-67`;
- a WhatsApp link `wa.me/79161234567`.

So prices (`1 500 руб`, `2990₽`, `$1,299.00`), dates (`12.10.2026`,
`2026-10-12`), times, card numbers (16 digits in fours), account and
tracking numbers and other long digit runs are not phones. A phone-shaped
number is still not a phone when it is preceded (in the same clause) by an
order, invoice, tracking, card, code or reference word or by `№`/`#`
("заказ №89161234567", "order # 415-555-2671", "referencia 987-654-3210")
unless a phone word ("звоните", "тел.", "call", "móvil"…) comes between, or
when it is followed by a currency or a unit ("8 916 123 456 руб"). Links
(`https://…`, `www.…`) are blanked before the search, so ids inside URLs are
never read; e-mail addresses need a local part, a domain and a TLD of letters
(Cyrillic domains included; `@handle` mentions are not e-mails).

Measured on the labeled corpus tests/data/pii_cases.jsonl (119 strings that
expose a phone or e-mail, 139 that do not, in Russian, English and Spanish;
`python benchmarks/measure_pii_exposure.py`): by value, precision 1.000
(125/125) and recall 0.977 (125/128); no negative string flagged. The corpus
was written by the authors of the detector (a second batch was written to
break the first version, and was kept), so expect lower figures on real
comments; the tests hold floors of 0.98 and 0.95. Its known misses are
national numbers of other countries written without their `+` code
(`020 7946 0958`, `612 345 678`) and obfuscated addresses (`ivan [at] mail.ru`).
A check run reads about 40,000 comments a second.

## Why it matters

- Phone numbers and e-mail addresses are personal data under Russian law
  152-FZ "On personal data" (000 L3: the operator's agreement lists "name,
  surname, phone number, personal e-mail address" as personal data) and under
  the GDPR. A community that leaves them in public lets anyone scrape them
  for spam and fraud, and the operator answers for processing it.
- Social networks are not confidential: data you value does not belong
  there (001 L165). The articles ask to watch the comments daily (000 L60),
  and removing personal data is legitimate moderation (the snapshot's
  `deletion_reason: personal_data`).

Which formats count, the masking, the severities and the score are ours:
the articles give no detector.

## Example

```json
{"id": "90966", "post_id": "-187654321_1256",
 "text": "Хочу заказать кофе в офис на 20 человек, позвоните, пожалуйста: +7 916 555-12-34, Елена"}
```

A visible user comment of the `vk @zerno.coffee` account: a **high** finding
"vk @zerno.coffee: user comment 90966 (post -187654321_1256) shows a phone
number +7 *** ***-**-34", and the check fails. The number is a customer's
(it is not among the profile's contacts), and "заказать" does not make it an
order number: it is not right before the number and "позвоните" comes between.

## How to fix

Hide or delete the comment (record `deletion_reason: personal_data`: it is
legitimate moderation and deleted-negative-comments does not count it), and
answer its author in private messages so the request is not lost. Remove
personal data from posts, or publish it only with the person's written
consent. Turn on the platform's filter for phone numbers and links where it
has one.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import operator
import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from smm_audit.api import SEVERITIES, Account, Check, Finding, Option, Result, Snapshot, hookimpl, severity_rank

try:
    from smm_audit.builtin_checks import _pii_scan as _native  # type: ignore[attr-defined]  # C, optional
except ImportError:  # built without a C compiler: the first pass runs in Python
    _native = None

HASH_HEX_DIGITS = 4
"""How much of the value's SHA-256 the key keeps: 16 bits, enough to tell apart the values of one comment, too few
to brute-force a phone number back from a fingerprint: with the country code and last two digits the mask shows,
about 150 Russian mobile numbers (1,500 Russian numbers) share each key."""

TOLL_FREE_CODES = frozenset({"800", "804", "888", "877", "866", "855", "844", "833"})
"""Toll-free prefixes after +7 or +1 (or of an unprefixed 10-digit number): business lines, not personal data."""


def _number_set(spec: str) -> frozenset[str]:
    """``"30-32 36"`` → ``{"30", "31", "32", "36"}``."""
    numbers: set[str] = set()
    for item in spec.split():
        low, _, high = item.partition("-")
        numbers.update(str(n) for n in range(int(low), int(high or low) + 1))
    return frozenset(numbers)


_TWO_DIGIT_COUNTRY_CODES = _number_set("20 27 30-34 36 39 40 41 43-49 51-58 60-66 81 82 84 86 90-95 98")
"""ITU-T E.164 country codes of two digits; 1 and 7 are the one-digit codes, every other code has three digits."""

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_SPACES = " \u00a0\u2009\u202f"
_URL = re.compile(r"[hHwW](?i:(?<=h)ttps?://|(?<=w)ww\.)(?:[!#-;=?-~]++|[^\s<>\"«»])+")
r"""``(?:https?://|www\.)[^\s<>"«»]+`` ignoring case, spelt so that the regex engine jumps from one h or w to the
next and runs over the URL's ASCII by a bitmap: a third of the time on 50,000 posts with a link each (no other
character matches h or w ignoring case; the tests compare the two spellings)."""
_WHATSAPP = re.compile(r"(?<![\w.])(?:wa\.me/|whatsapp\.com/send/?\?phone=)\+?(\d{10,15})(?!\d)", re.IGNORECASE)
_WHATSAPP_HINT_PATTERN = re.compile(r"[wW](?i:a\.me/|hatsapp\.com/send)")
r"""``wa\.me/|whatsapp\.com/send`` ignoring case, spelt as :data:`_URL` is."""
_WHATSAPP_HINT = _WHATSAPP_HINT_PATTERN.search
_FILE_EXTENSIONS = frozenset(["png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "mp4", "mov", "heic", "avif"])
"""An "address" whose domain ends in one of these is a file name (``icon@2x.png``), not an e-mail."""
_EMAIL = re.compile(r"(?<![\w.%+@-])([\w.%+-]+)@((?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,})(?![\w@-])")
_PHONE_RUN = re.compile(
    rf"(?<![\w#№$€£¥₽/=&?+@{_DASHES}-])(?:\(?\+\(?|(?<!\d[.,])\(?)\d(?:[\d{_SPACES}().{_DASHES}-]*\d)?"
)
_CHUNK = re.compile(rf"[^{_SPACES}]+")
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d").search


@functools.cache
def _phone_core(fewest: int) -> re.Pattern[str]:
    """What every window of ``fewest`` characters or more that _PHONE_RUN finds holds: digits at both ends of
    at least ``fewest`` − 3 characters (the window's "(+(" prefix aside) of its digit-run characters."""
    return re.compile(rf"\d[\d{_SPACES}().{_DASHES}-]{{{fewest - 5},}}\d")


_DASH = str.maketrans(_DASHES, "-" * len(_DASHES))
_SEPARATORS = "()." + _DASHES + "-"
_NOT_DIGITS = str.maketrans("", "", _SEPARATORS)
_ASCII_NOT_DIGITS = str.maketrans("", "", " ()+.-")
"""All an ASCII window holds besides its digits."""
_ZEROS = str.maketrans("123456789", "000000000")
_START = operator.itemgetter(3)
"""Pii.start."""
"""What a run holds besides digits and spaces, deleted: what is left of a piece of a run is its digits."""
"""Every dash as a hyphen (they are not ASCII: an ASCII window is left as it is)."""
_MAX_CHUNKS = 7
"""A phone is written in at most this many space-separated pieces (+54 9 11 1234 5678 has five)."""
_MOST_DIGITS = 17
"""The most digits a phone can be written with: 15 (E.164) after the international prefix 00."""

_NOT_PHONE_BEFORE = re.compile(
    r"(?<!\w)(?=[^\W\d_]|[№#])(?:(?:заказ|order|pedido|трек|track|артикул|сч[её]т|invoice|factura|referenc|ticket|transac|tarjeta"
    r"|карт|c[oó]dig|серийн|serial|recibo|receipt|накладн|waybill)\w*|(?:инн|огрн|кпп|бик|чек|id|ref|арт|код|code|card|iban|isbn"
    r"|sn|n[º°])(?!\w)|[№#])",
    re.IGNORECASE,
)
_PHONE_WORD = re.compile(
    r"(?<!\w)(?:тел|моб|звон|позвон|набер|whats|вотсап|ватсап|вацап|viber|вайбер|phone|call|cell|mobile|text"
    r"|m[oó]vil|tel[eé]fono|llam|celular|contact|контакт|связ)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?;,\n](?!\s*$)")
_AMOUNT_AFTER = re.compile(
    r"\s*+(?=[^\W\d_]|[$€£¥₽%])(?:руб|р\.|р(?!\w)|₽|rub|usd|eur|\$|€|£|¥|%|тыс|млн|млрд|kg|кг|шт|pcs|euros?|d[oó]lares|dollars?|pesos?"
    r"|cop|mxn|ars)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"[$€£¥₽]\s*$")


class Pii(NamedTuple):
    """One phone number or e-mail address found in a text: its normalised value and its masked form."""

    kind: str  # "phone" or "email"
    value: str
    masked: str
    start: int
    end: int
    toll_free: bool = False

    @property
    def digest(self) -> str:
        """The first hex digits of the value's SHA-256: what a finding's key may hold instead of the value."""
        return hashlib.sha256(self.value.encode("utf-8")).hexdigest()[:HASH_HEX_DIGITS]

    @property
    def contact_key(self) -> str:
        """How the value is compared with the client's own contacts: an e-mail as is, a phone by its last 10 digits."""
        return self.value if self.kind == "email" else self.value.lstrip("+")[-10:]


def find_pii(text: str, *, unprefixed: bool = True, min_international_digits: int = 10) -> list[Pii]:
    """The phone numbers and e-mail addresses in ``text``, in order (toll-free numbers marked, not dropped)."""
    if not _may_show(text, min(min_international_digits, 10)):
        return []
    return find_pii_plainly(text, unprefixed=unprefixed, min_international_digits=min_international_digits)


def _may_show(text: str, fewest: int) -> bool:
    """False when :func:`find_pii_plainly` finds nothing in ``text`` for certain: no '@', no WhatsApp link, and
    fewer than ``fewest`` digits outside its URLs (every phone has that many: a post whose digits are in its
    links, "Post 12: https://shop.ru/item/12345", holds none)."""
    if "@" in text or ("/" in text and _WHATSAPP_HINT(text)) or fewest <= 1:
        return True
    return _digits(fewest).match(_URL.sub("", text) if "www" in text or "//" in text else text) is not None


def _may_hint(text: str) -> bool:
    """False when :data:`_WHATSAPP_HINT` finds nothing in ``text``, told by ``str`` methods: ignoring case, only a
    long s (ſ) matches one of its letters and is not one in lower case."""
    lower = text.lower()
    return "ſ" in text or "wa.me/" in lower or "whatsapp.com/send" in lower


_SEPARATOR = "\x1f"
"""Joins texts for one pass over all of them: white space to the regexes, so no URL runs across it."""


def _may_show_each(texts: Sequence[str], fewest: int) -> list[bool]:
    """``[_may_show(text, fewest) for text in texts]``, by one pass of each regex over all the texts joined
    instead of up to three regex calls a text (50,000 posts with a link each: benchmarks/README.md)."""
    joined = _SEPARATOR.join(texts)
    if fewest <= 1 or joined.count(_SEPARATOR) != len(texts) - 1:  # no text, or one that holds the separator
        return [_may_show(text, fewest) for text in texts]
    shown = list(map(operator.contains, texts, itertools.repeat("@"))) if "@" in joined else [False] * len(texts)
    if "/" in joined and _may_hint(joined):
        ends = list(itertools.accumulate(len(text) + 1 for text in texts))  # where each text's separator ends
        for match in _WHATSAPP_HINT_PATTERN.finditer(joined):
            shown[bisect.bisect_right(ends, match.start())] = True
    return list(map(operator.or_, shown, _holding_digits(_joined_without_urls(texts, joined), fewest)))


def _joined_without_urls(texts: Sequence[str], joined: str) -> str:
    """The texts joined as :func:`_may_show` reads them: without their URLs where they hold "www" or "//"."""
    if all(map(operator.contains, texts, itertools.repeat("//"))):  # the usual post: a link in every text
        return _URL.sub("", joined)
    has_urls = ["www" in text or "//" in text for text in texts]
    without_urls = iter(_URL.sub("", _SEPARATOR.join(itertools.compress(texts, has_urls))).split(_SEPARATOR))
    return _SEPARATOR.join([next(without_urls) if urls else text for text, urls in zip(texts, has_urls, strict=True)])


_ASCII_DIGITS_KEPT = str.maketrans(
    "", "", "".join(chr(c) for c in range(128) if not chr(c).isdigit() and chr(c) != _SEPARATOR)
)
"""Deletes every ASCII character but the digits and the separator."""


def _holding_digits(joined: str, fewest: int) -> Iterator[bool]:
    """Whether each text of ``joined`` (texts between separators) holds at least ``fewest`` digits; counted by
    ``str`` methods when it is ASCII (a regex call a text: 12 against 2 ms on 50,000 posts)."""
    if joined.isascii():
        return map(fewest.__le__, map(len, joined.translate(_ASCII_DIGITS_KEPT).split(_SEPARATOR)))
    return map(bool, map(_digits(fewest).match, joined.split(_SEPARATOR)))


@functools.cache
def _digits(count: int) -> re.Pattern[str]:
    """Matches the start of a text that holds at least ``count`` digits."""
    return re.compile(rf"(?:\D*+\d){{{count}}}")


def find_pii_plainly(text: str, *, unprefixed: bool = True, min_international_digits: int = 10) -> list[Pii]:
    """:func:`find_pii` without its first test of whether the text can hold a phone or an e-mail at all."""
    found = []
    if "/" in text and _WHATSAPP_HINT(text):  # what every WhatsApp link holds, found without the lookbehind
        found = [_phone_pii(match.group(1), "+", match.start(), match.end()) for match in _WHATSAPP.finditer(text)]
    blanked = _URL.sub(lambda m: " " * len(m.group()), text) if "www" in text or "//" in text else text
    if "@" in blanked:
        spans = []
        for match in _EMAIL.finditer(blanked):
            email = _email_pii(match)
            if email:
                found.append(email)
                spans.append(match.span())
        blanked = _blank(blanked, spans)
    fewest = min(min_international_digits, 10)
    # no run of phone characters long enough for a phone: the loop below would skip every run it finds
    runs = _PHONE_RUN.finditer(blanked) if fewest <= 4 or _phone_core(fewest).search(blanked) else ()
    for run in runs:
        window = run.group()
        if len(window) < fewest:  # too few digits for any phone
            continue
        if len(window.split()) <= _MAX_CHUNKS:  # the whole run is the first window _phones_in_run tries
            ascii_window = window if window.isascii() else window.translate(_DASH)
            phone = _read_phone(ascii_window, unprefixed, min_international_digits)
            if phone and _phone_context(blanked, run.start(), run.end()):
                found.append(_phone_pii(phone[0], phone[1], run.start(), run.end()))
                continue
            found.extend(_phones_in_run(blanked, run, unprefixed, min_international_digits, whole_tried=True))
        else:
            found.extend(_phones_in_run(blanked, run, unprefixed, min_international_digits))
    if len(found) > 1:
        found.sort(key=_START)
    return found


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces, in one pass (spans in order, not overlapping)."""
    if not spans:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        pieces += (text[done:start], " " * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def mask_phone(digits: str, country_code: str | None) -> str:
    """``+7 *** ***-**-67``: the country code and the last two digits, never more."""
    tail = f"*** ***-**-{digits[-2:]}"
    return f"+{country_code} {tail}" if country_code else tail


def mask_email(local: str, domain: str) -> str:
    """``i***@mail.ru``: the first character of the local part and the domain."""
    return f"{local[0]}***@{domain}"


def country_code(digits: str) -> str:
    """The E.164 country code at the start of an international number's digits."""
    if digits[0] in "17":
        return digits[0]
    return digits[:2] if digits[:2] in _TWO_DIGIT_COUNTRY_CODES else digits[:3]


def _email_pii(match: re.Match[str]) -> Pii | None:
    local, domain = match.group(1).strip("."), match.group(2).lower()
    if not local or domain.rsplit(".", 1)[1] in _FILE_EXTENSIONS:
        return None
    value = f"{local.lower()}@{domain}"
    return Pii("email", value, mask_email(local, domain), match.start(), match.end())


def _phone_pii(digits: str, prefix: str, start: int, end: int) -> Pii:
    """A phone from its digits: ``prefix`` "+" (international), "8"/"7" (Russian trunk) or "" (no country code)."""
    if prefix == "+":
        code: str | None = country_code(digits)
        value = "+" + digits
    elif prefix in ("7", "8"):
        code, value = "7", "+7" + digits[1:]
    else:
        code, value = None, digits
    national = value[1 + len(code) :] if code else value
    toll_free = code in ("7", "1", None) and national[:3] in TOLL_FREE_CODES
    return Pii("phone", value, mask_phone(digits, code), start, end, toll_free)


def _phones_in_run(
    text: str, run: re.Match[str], unprefixed: bool, min_digits: int, whole_tried: bool = False
) -> list[Pii]:
    """The phones in one run of digits and separators: the longest valid windows of its pieces, left to right.

    ``whole_tried``: the whole run was read already, and is no phone here.
    """
    pieces = run.group().split()  # the pieces _CHUNK finds: a run holds no other white space than _SPACES
    digits_before = list(itertools.accumulate([len(piece.translate(_NOT_DIGITS)) for piece in pieces], initial=0))
    fewest = min(min_digits, 10)
    # the pieces a window can start from: _MAX_CHUNKS pieces from there hold at least ``fewest`` digits
    reach = digits_before[_MAX_CHUNKS:] + [digits_before[-1]] * min(_MAX_CHUNKS, len(digits_before))
    starts = [i for i, (low, high) in enumerate(zip(digits_before, reach, strict=True)) if high - low >= fewest]
    if not starts:
        return []
    chunks = [m.span() for m in _CHUNK.finditer(text, run.start(), run.end())]
    found: list[Pii] = []
    count, first = len(chunks), 0
    while True:
        at = bisect.bisect_left(starts, first)
        if at == len(starts):
            return found
        first = starts[at]
        # the windows from ``first`` with fewest to _MOST_DIGITS digits (digits_before only grows), longest first
        before = digits_before[first]
        most = min(count, first + _MAX_CHUNKS, bisect.bisect_right(digits_before, before + _MOST_DIGITS) - 1)
        least = max(first, bisect.bisect_left(digits_before, before + fewest) - 1)
        # past 11 digits only a +number or a 00 prefix is read: "+" only opens a run, "00" is in the first piece
        national = (
            first > 0 and digits_before[first + 1] > before and not pieces[first].lstrip(_SEPARATORS).startswith("00")
        )
        if whole_tried and first == 0 and most == count:
            most -= 1
        for last in range(most - 1, least - 1, -1):
            if national and digits_before[last + 1] - before > 11:
                continue
            start, end = chunks[first][0], chunks[last][1]
            window = text[start:end]
            phone = _read_phone(window if window.isascii() else window.translate(_DASH), unprefixed, min_digits)
            if phone and _phone_context(text, start, end):
                found.append(_phone_pii(phone[0], phone[1], start, end))
                first = last + 1
                break
        else:
            first += 1


@functools.lru_cache(maxsize=4096)
def _read_phone(window: str, unprefixed: bool, min_digits: int) -> tuple[str, str] | None:
    """(digits, prefix) when the window is written like a phone number, else None.

    Whether it is depends on the window's shape and its first three digits only: an ASCII window is judged once
    per shape (its other digits as 0), so that a text of many different numbers is not read digit by digit.
    """
    if not window.isascii():
        return _read_phone_as_written(window, unprefixed, min_digits)
    digits = window.translate(_ASCII_NOT_DIGITS)
    verdict = _phone_verdict(digits[:3], window.translate(_ZEROS), unprefixed, min_digits)
    return None if verdict is None else (digits[verdict[1] :], verdict[0])


@functools.lru_cache(maxsize=4096)
def _phone_verdict(first: str, shape: str, unprefixed: bool, min_digits: int) -> tuple[str, int] | None:
    """(prefix, digits to drop) for a window of this shape starting with these digits, else None."""
    pieces = shape.split("0", len(first))
    window = "".join(piece + digit for piece, digit in zip(pieces, first, strict=False)) + pieces[-1]
    phone = _read_phone_as_written(window, unprefixed, min_digits)
    return None if phone is None else (phone[1], len(window.translate(_ASCII_NOT_DIGITS)) - len(phone[0]))


def _read_phone_as_written(window: str, unprefixed: bool, min_digits: int) -> tuple[str, str] | None:
    """(digits, prefix) when the window is written like a phone number, else None."""
    groups = _DIGITS.findall(window)
    if not groups or window.count("(") != window.count(")"):
        return None
    digits = "".join(groups)
    lengths = [len(group) for group in groups]
    if window.lstrip("(").startswith("+") or (groups[0].startswith("00") and lengths[0] <= 5 and len(groups) > 1):
        digits = digits[2:] if groups[0].startswith("00") else digits
        if not min_digits <= len(digits) <= 15 or (digits[0] in "17" and len(digits) != 11):
            return None
        return digits, "+"
    if len(digits) == 11 and digits[0] in "78":
        return (digits, digits[0]) if _russian_trunk(digits, groups, lengths) else None
    if len(digits) == 11 and groups[0] == "1" and lengths[1:] == [3, 3, 4]:
        return digits, "+"
    if unprefixed and len(digits) == 10 and digits[0] in "23456789":
        dotted = "." in window
        if lengths == [3, 3, 4] and (set(window) - set("0123456789") == {"."} or not dotted):
            return (digits, "") if dotted or "-" in window or "(" in window else None
        if lengths == [3, 3, 2, 2] and not dotted:
            return digits, ""
    return None


def _russian_trunk(digits: str, groups: list[str], lengths: list[int]) -> bool:
    """Whether 11 digits starting 7 or 8 are a Russian number written with its trunk prefix."""
    if len(groups) == 1:
        return digits[1] == "9" or (digits[0] == "8" and digits[1] in "348")
    if digits[1] not in "3489":
        return False
    return groups[0] in ("7", "8") or (lengths[0] == 4 and lengths[1:] in ([3, 2, 2], [3, 4], [7]))


def _phone_context(text: str, start: int, end: int) -> bool:
    """False when the words around a phone-shaped number say it is an order number, an id or an amount."""
    # which digits stand before does not matter, only that they are digits: one cache entry for all
    return not _AMOUNT_AFTER.match(text, end) and _before_allows(text[max(0, start - 40) : start].translate(_ZEROS))


@functools.lru_cache(maxsize=4096)
def _before_allows(before: str) -> bool:
    """False when the 40 characters before a phone-shaped number end in a currency sign or hold an order word."""
    if _CURRENCY_BEFORE.search(before, max(0, len(before) - 3)):
        return False
    if not _NOT_PHONE_BEFORE.search(before):
        return True  # the cut at the last clause end below can only drop keywords
    clauses = list(_CLAUSE_END.finditer(before))
    if clauses:
        before = before[clauses[-1].end() :]
    keywords = list(_NOT_PHONE_BEFORE.finditer(before))
    if not keywords:
        return True
    return bool(_PHONE_WORD.search(before, keywords[-1].end()))


# ---------------------------------------------------------------------------- the check


@dataclass
class Tally:
    """The counts of one account (or of all of them)."""

    comments_scanned: int = 0
    posts_scanned: int = 0
    comments_deleted_skipped: int = 0
    comments_own_skipped: int = 0
    texts_missing: int = 0
    phones_exposed: int = 0
    emails_exposed: int = 0
    comments_exposing: int = 0
    posts_exposing: int = 0
    own_contacts_ignored: int = 0
    toll_free_ignored: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Scan:
    """What one pass over an account's comments and posts gathers."""

    tally: Tally = field(default_factory=Tally)
    findings: list[Finding] = field(default_factory=list)


class Entity(NamedTuple):
    """A text to scan: a comment or a post, with what its finding needs."""

    kind: str  # "comment" or "post"
    id: str
    post_id: str
    position: int  # in the account's comments or posts
    text: str

    def location(self, account: Account) -> str:
        return account.child(f"{self.kind}s", self.position)


KIND_WORDS = {"phone": "a phone number", "email": "an e-mail address"}
COMMENT_FIX = "Hide or delete the comment (deletion_reason: personal_data) and answer its author privately."
POST_FIX = "Edit the post to remove it, unless the person gave written consent to publish it."
MAX_LISTED_PER_TEXT = 20
"""A text shows at most this many values as findings of their own; the rest are one finding that counts them
(by kind), so that a text listing thousands of numbers gives a readable report. Every value still counts."""


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    accounts = [a for a in snapshot.accounts if a.has("comments") or (options["scan_posts"] and a.has("posts"))]
    if not accounts:
        wanted = ["accounts[].comments"] + (["accounts[].posts"] if options["scan_posts"] else [])
        return Result.not_applicable(wanted)
    own = _own_contacts(snapshot, options) if options["ignore_own_contacts"] else (frozenset(), ())
    total = Tally()
    findings: list[Finding] = []
    per_account = []
    for account in accounts:
        scan = _scan_account(account, options, own)
        total.add(scan.tally)
        findings.extend(scan.findings)
        per_account.append({"account": account.id, **_account_metrics(scan.tally)})
    scanned = total.comments_scanned + total.posts_scanned
    if scanned == 0 and total.texts_missing:
        return Result.not_applicable(
            ["accounts[].comments[].text", "accounts[].posts[].text"],
            "the snapshot's comments and posts carry no text to read",
        )
    metrics = {"accounts_checked": len(accounts), "texts_scanned": scanned, **total.__dict__, "accounts": per_account}
    exposures = total.phones_exposed + total.emails_exposed  # the findings list at most MAX_LISTED_PER_TEXT a text
    return Result(score=1.0 / (1 + exposures), findings=findings, metrics=metrics)


def _account_metrics(tally: Tally) -> dict[str, int]:
    keep = ("comments_scanned", "posts_scanned", "phones_exposed", "emails_exposed", "comments_exposing")
    return {name: getattr(tally, name) for name in (*keep, "posts_exposing")}


def _own_contacts(snapshot: Snapshot, options: Mapping[str, Any]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The client's own contacts (from every profile) by contact key, and its own domains."""
    keys: set[str] = set()
    for account in snapshot.accounts:
        profile = account.get("profile") or {}
        texts = [line for line in profile.get("contacts", ()) if isinstance(line, str)]
        if isinstance(profile.get("description"), str):
            texts.append(profile["description"])
        for text in texts:
            keys.update(pii.contact_key for pii in _find(text, options))
    domains = tuple(d.lower().strip(".").removeprefix("www.") for d in snapshot.client.get("domains", ()))
    return frozenset(keys), domains


def _find(text: str, options: Mapping[str, Any]) -> list[Pii]:
    return find_pii(
        text, unprefixed=options["unprefixed_phones"], min_international_digits=options["min_international_digits"]
    )


def _is_own(pii: Pii, own: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    keys, domains = own
    if keys and pii.contact_key in keys:
        return True
    if pii.kind != "email":
        return False
    host = pii.value.rsplit("@", 1)[1]
    return any(host == d or host.endswith("." + d) for d in domains)


def _entities(account: Account, options: Mapping[str, Any], tally: Tally) -> list[Entity]:
    """The visible user comments (and the account's posts) that may show a phone or an e-mail, counting what is
    skipped and what is scanned."""
    fewest = min(options["min_international_digits"], 10)
    skipped = _skipped_comments(account, options["scan_account_comments"])
    comments = account.comments
    found, scanned, missing = _worth_reading(comments, skipped, fewest)
    entities = [Entity("comment", comments[i]["id"], comments[i]["post_id"], i, comments[i]["text"]) for i in found]
    deleted_skipped = sum(skipped.values())
    tally.comments_deleted_skipped += deleted_skipped
    tally.comments_own_skipped += len(skipped) - deleted_skipped
    tally.comments_scanned += scanned
    tally.texts_missing += missing
    if options["scan_posts"]:
        posts = account.posts
        found, scanned, missing = _worth_reading(posts, {}, fewest)
        entities += [Entity("post", posts[i]["id"], posts[i]["id"], i, posts[i]["text"]) for i in found]
        tally.posts_scanned += scanned
        tally.texts_missing += missing
    return entities


def _worth_reading(
    items: Sequence[Mapping[str, Any]], skipped: Collection[int], fewest: int
) -> tuple[list[int], int, int]:
    """The positions of the items, not skipped, whose texts are strings with a digit or an '@' that
    :func:`_may_show`; and how many texts, not skipped, are strings (scanned) and are not (missing). In C
    (``_pii_scan.c``) where it is built and the items are a list of dicts, else :func:`_worth_reading_python`."""
    if _native is not None and isinstance(items, list) and os.environ.get("SMM_AUDIT_PURE_PYTHON") != "1":
        try:
            positions, others = _native.worth(items, fewest)
        except TypeError:  # an item that is no dict: as the Python pass reads it
            return _worth_reading_python(items, skipped, fewest)
        found = [i for i in positions if i not in skipped] if skipped else positions
        if others:
            return (found, *_counted(_texts(items), skipped))
        return found, len(items) - len(skipped), 0
    return _worth_reading_python(items, skipped, fewest)


def _worth_reading_python(
    items: Sequence[Mapping[str, Any]], skipped: Collection[int], fewest: int
) -> tuple[list[int], int, int]:
    """:func:`_worth_reading` in Python. Each distinct text is tested once (500,000 comments repeat a few,
    "Спасибо!"), no Python code runs for each item, and the items' texts are listed only when one is worth
    reading or is no string."""
    texts = None
    try:
        distinct = set(map(_GET, items, itertools.repeat("text")))
    except TypeError:  # an item that is no dict, or a text that is a JSON array or object
        texts = [text if isinstance(text, str) else None for text in _texts(items)]  # missing, as the others
        distinct = set(texts)
    strings = [text for text in distinct if isinstance(text, str)]
    worth = {text for text in itertools.compress(strings, _may_show_each(strings, fewest)) if _holds(text)}
    if len(strings) == len(distinct):  # every text is a string, the skipped ones too
        scanned, missing = len(items) - len(skipped), 0
    else:
        texts = _texts(items) if texts is None else texts
        scanned, missing = _counted(texts, skipped)
    if not worth:
        return [], scanned, missing
    texts = _texts(items) if texts is None else texts
    found = [i for i in itertools.compress(itertools.count(), map(worth.__contains__, texts)) if i not in skipped]
    return found, scanned, missing


def _holds(text: str) -> bool:
    """Whether the text holds a digit or an '@'."""
    return "@" in text or _HAS_DIGIT(text) is not None


def _counted(texts: list[Any], skipped: Collection[int]) -> tuple[int, int]:
    """How many texts, not skipped, are strings and how many are not."""
    scanned = sum(map(isinstance, texts, itertools.repeat(str)))
    missing = len(texts) - scanned
    for i in skipped:
        if isinstance(texts[i], str):
            scanned -= 1
        else:
            missing -= 1
    return scanned, missing


_GET: Callable[[Any, str], Any] = dict.get


def _texts(items: Sequence[Mapping[str, Any]]) -> list[Any]:
    """Each item's ``text`` (None where it has none), in one C-level pass when all are dicts (JSON objects)."""
    try:
        return list(map(_GET, items, itertools.repeat("text")))
    except TypeError:  # an item that is no dict: as the plain reading
        return [item.get("text") for item in items]


def _skipped_comments(account: Account, scan_own: bool) -> dict[int, bool]:
    """The positions of the comments not to read: True for a deleted one (``deleted: true``), False for one of
    the account's own (``from_account: true``) unless ``scan_own``. Only the comments that hold these fields are
    read (the shared index): on 500,000 comments without them the pass costs 56 ms against 84 ms for two more
    lookups a comment (benchmarks/README.md). :func:`_skipped_comments_plainly` is the plain reading."""
    comments = account.comments
    skipped = {i: True for i in account.comments_with("deleted") if comments[i].get("deleted") is True}
    if not scan_own:
        for i in account.comments_with("from_account"):
            if i not in skipped and comments[i].get("from_account") is True:
                skipped[i] = False
    return skipped


def _skipped_comments_plainly(account: Account, scan_own: bool) -> dict[int, bool]:
    """:func:`_skipped_comments` reading every comment (the tests compare the two)."""
    skipped: dict[int, bool] = {}
    for i, comment in enumerate(account.comments):
        if comment.get("deleted") is True:
            skipped[i] = True
        elif not scan_own and comment.get("from_account") is True:
            skipped[i] = False
    return skipped


def _scan_account(account: Account, options: Mapping[str, Any], own: tuple[frozenset[str], tuple[str, ...]]) -> Scan:
    scan = Scan()
    tally = scan.tally
    for entity in _entities(account, options, tally):
        exposed: dict[tuple[str, str], Pii] = {}
        for pii in _find(entity.text, options):
            if pii.toll_free and options["ignore_toll_free"]:
                tally.toll_free_ignored += 1
            elif options["ignore_own_contacts"] and _is_own(pii, own):
                tally.own_contacts_ignored += 1
            else:
                exposed.setdefault((pii.kind, pii.value), pii)
        if not exposed:
            continue
        if entity.kind == "comment":
            tally.comments_exposing += 1
        else:
            tally.posts_exposing += 1
        phones = sum(kind == "phone" for kind, _ in exposed)
        tally.phones_exposed += phones
        tally.emails_exposed += len(exposed) - phones
        scan.findings.extend(_findings(account, entity, list(exposed.values()), options))
    return scan


def _findings(account: Account, entity: Entity, exposed: list[Pii], options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per value, for the first MAX_LISTED_PER_TEXT values with distinct keys; one for the rest."""
    keys: set[tuple[str, str]] = set()
    rest: list[Pii] = []
    for pii in exposed:
        digest = pii.digest if len(keys) < MAX_LISTED_PER_TEXT else ""
        if digest and (pii.kind, digest) not in keys:
            keys.add((pii.kind, digest))
            yield _finding(account, entity, pii, digest, options)
        else:
            rest.append(pii)
    if rest:
        yield _more_finding(account, entity, rest, options)


def _finding(account: Account, entity: Entity, pii: Pii, digest: str, options: Mapping[str, Any]) -> Finding:
    what = f"{KIND_WORDS[pii.kind]} {pii.masked}"
    if entity.kind == "comment":
        message = f"{account.label}: user comment {entity.id} (post {entity.post_id}) shows {what}"
        fix = COMMENT_FIX
        evidence = {"kind": pii.kind, "masked": pii.masked, "comment_id": entity.id, "post_id": entity.post_id}
    else:
        message = f"{account.label}: post {entity.id} shows {what} in its text"
        fix = POST_FIX
        evidence = {"kind": pii.kind, "masked": pii.masked, "post_id": entity.id}
    return Finding(
        message,
        entity.location(account),
        (entity.kind, account.id, entity.id, pii.kind, digest),
        options[f"{pii.kind}_severity"],
        evidence=evidence,
        fix=fix,
    )


def _more_finding(account: Account, entity: Entity, rest: list[Pii], options: Mapping[str, Any]) -> Finding:
    """The values of one text past the listed ones, counted by kind, none of them shown even masked."""
    phones = sum(pii.kind == "phone" for pii in rest)
    counts = {"phone": phones, "email": len(rest) - phones}
    words = {"phone": ("phone number", "phone numbers"), "email": ("e-mail address", "e-mail addresses")}
    said = " and ".join(f"{n} more {words[kind][n != 1]}" for kind, n in counts.items() if n)
    severity = max((options[f"{kind}_severity"] for kind, n in counts.items() if n), key=severity_rank)
    evidence: dict[str, Any] = {"phones": counts["phone"], "emails": counts["email"], "post_id": entity.post_id}
    if entity.kind == "comment":
        where = f"user comment {entity.id} (post {entity.post_id})"
        message = f"{account.label}: {where} shows {said} (not listed one by one)"
        evidence["comment_id"] = entity.id
    else:
        message = f"{account.label}: post {entity.id} shows {said} in its text (not listed one by one)"
    return Finding(
        message,
        entity.location(account),
        (entity.kind, account.id, entity.id, "more"),
        severity,
        evidence=evidence,
        fix=COMMENT_FIX if entity.kind == "comment" else POST_FIX,
    )


CHECK = Check(
    id="pii-exposure",
    title="No personal data in public comments and posts",
    category="privacy",
    severity="high",
    weight=2,
    run=audit,
    summary="Phone numbers and e-mail addresses left visible in user comments and in posts, reported masked.",
    why="Phones and e-mails are personal data under 152-FZ (000 L3) and the GDPR; left in public they are "
    "scraped for spam and fraud (001 L165).",
    fix="Hide or delete comments that show a phone or e-mail (reason: personal data) and answer their authors "
    "privately; keep personal data out of posts.",
    options=(
        Option(
            "phone_severity",
            str,
            "high",
            "Severity of an exposed phone number; high or above fails the check (ours).",
            choices=SEVERITIES,
        ),
        Option(
            "email_severity",
            str,
            "high",
            "Severity of an exposed e-mail address; high or above fails the check (ours).",
            choices=SEVERITIES,
        ),
        Option("scan_posts", bool, True, "Also read the text of the account's posts."),
        Option(
            "scan_account_comments",
            bool,
            False,
            "Also read the account's own comments (from_account: true); off: they carry its own contacts.",
        ),
        Option(
            "ignore_own_contacts",
            bool,
            True,
            "Leave out the phones and e-mails of the profiles' contacts and description, and e-mails at "
            "client.domains: they are the business's, not personal data.",
        ),
        Option("ignore_toll_free", bool, True, "Leave out toll-free business lines (+7 800, 8 800, +1 800, …)."),
        Option(
            "unprefixed_phones",
            bool,
            True,
            "Also recognise 10-digit numbers without a country code when grouped like a phone: "
            "(916) 123-45-67, 415-555-2671 (ours).",
        ),
        Option(
            "min_international_digits",
            int,
            10,
            "A +number needs at least this many digits, country code included (ours; E.164 allows 15 at most).",
            minimum=7,
            maximum=15,
        ),
    ),
    sources=(
        "000 L3: name, phone number and personal e-mail address are personal data under 152-FZ.",
        "001 L165: social networks are not confidential; data you value does not belong there.",
        "000 L60: watch the comments under your posts daily.",
    ),
    reads=("accounts[].comments[].text", "accounts[].posts[].text"),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
