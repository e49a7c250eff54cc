"""## What it checks

Every link to the client's own site (`client.domains` and their subdomains)
that the accounts publish must say where the visit came from: it needs a
non-empty `utm_source`, `utm_medium` and `utm_campaign`. The check reads

- posts: `links[]` and the URLs inside `text` (`https://…`, `www.…`, and bare
  `zerno-coffee.ru/shop` forms of the client's own domains);
- ads: `links[]`;
- the profile: `website` and the URLs inside `description`;
- the account's own comments (`from_account: true`, not deleted): URLs inside `text`.

Each link without all three tags is a finding that names the missing ones:
**high** for ads (and posts marked `is_ad`: a promoted post is paid traffic,
000 L118), **medium** for organic posts, the profile and comments. It also reports

- a `utm_source` that names another network than the account's (a VK post
  tagged `utm_source=facebook`): a **low** "copy-paste" finding. The aliases
  per platform are vk: vk, vkontakte, vk.com; instagram: instagram, ig,
  instagram.com; facebook: facebook, fb, facebook.com; telegram: telegram,
  tg, t.me; ok: ok, odnoklassniki, ok.ru; youtube: youtube, yt, youtube.com;
  tiktok: tiktok, tiktok.com; x: x, twitter, x.com, twitter.com (compared
  case-insensitively). A source outside this table (`newsletter`, `vk_ads`)
  is never called a contradiction;
- links through a URL shortener (bit.ly, vk.cc, clck.ru, t.co, …; the bundled
  list is PeterDaveHello/url-shorteners, CC BY-SA 4.0): **info**, because where
  they lead and whether the target is tagged cannot be seen. A later version
  resolves them over HTTP;
- malformed links (a bad port, an invalid IPv6 literal, spaces, no host, an
  invalid host name, a scheme that is not http(s)): **medium** when the text
  names one of the client's domains, **low** otherwise. They never crash the check.

Links to other people's sites are ignored: the client cannot tag them.
Shorteners and malformed links inside free text are recognised in their
`https://…` and `www.…` forms (bare forms only for the client's own domains).
The check needs `client.domains` and, for at least one account, its `posts`,
`ads`, `profile` or `comments`.

How links are read (the rules are ours, chosen to match what analytics reads):

- Hosts are compared case-insensitively, without a leading `www.`, trailing
  dots, the port and any `user:password@`; internationalised names are
  compared in their IDNA (punycode) form, so `кофе.рф` and `xn--e1ajmy.xn--p1ai`
  are the same host. `shop.zerno-coffee.ru` is the client's; `zerno-coffee.ru.evil.com`
  and `evilzerno-coffee.ru` are not.
- Only the query counts: tags after `#` (the fragment) are never sent to the
  site and do not count (the finding says so). Parameter names are decoded the
  way a browser's `URLSearchParams` decodes them, so `utm%5Fsource` is
  `utm_source`; names are then **case-sensitive**, as Google Analytics and
  Yandex Metrica treat them: `UTM_SOURCE` does not count (the finding says so).
- Links are judged by their real query, but quoted with their credentials
  masked: `user:password@` and the values of parameters such as `token`,
  `api_key`, `sig` or `session` show as `[REDACTED]` (docs/formats.md lists
  them all), masked before a long link is cut. A link that a quote or a
  trimmed `!` ends inside a password of the snapshot keeps no part of it:
  `?q=Hunter2-"x…` in a post is quoted as `?q=[REDACTED]`.
- A repeated parameter (`utm_source=&utm_source=vk`): the first non-empty
  value wins. A value of only spaces is empty.
- One finding per entity (post, ad, profile, comment) and URL: the same link
  in a post's `links` and in its `text` is reported once, at the first place
  it appears. URLs are the same when host (as above), port, path and query
  agree (the scheme and the fragment do not matter).
- Shortened and malformed links do not enter the score (their target is unknown).

**Score**: the share of own-domain links that carry all three tags, weighted
by placement: ads (and promoted posts) 3, the profile (website and
description) 2, posts 1, comments 1. **Status**: `fail` when an ad link lacks
a tag or the weighted share is below `fail_below`; `warn` when any own link
lacks a tag or a low or worse finding (copy-paste source, malformed link)
exists; `pass` otherwise (unverifiable short links alone are information).
Without `client.domains` the check is `not_applicable` and asks you to set it.

## Why it matters

- "Don't forget UTM tags on your ad links, to track ad effectiveness in
  analytics: Yandex.Direct or Google Analytics." (000 L118)
- "To know how many people came to your site, and from which post, use UTM
  tags; count conversion, average order and revenue." (001 L90): every post,
  not only ads.
- Instagram's bio link is the only active link on the profile (001 L543): an
  untagged profile website loses a whole channel's traffic in the reports.

The articles say which links need tags only in general terms. Ours: only links
to the client's own domains (others' sites cannot be tagged by the client);
the three tags Google Analytics and Yandex Metrica use to name a campaign; the
placement weights (3/2/1/1); `fail_below = 0.5` (fail when fewer than half the
weighted links are tagged); high for ads and medium for the rest, following
000 L118's emphasis on ads.

## Example

```json
{"client": {"name": "Kofeinya Zerno", "domains": ["zerno-coffee.ru"]},
 "accounts": [{"id": "vk-zerno", "platform": "vk",
   "posts": [{"id": "-187654321_1140", "links": ["https://zerno-coffee.ru/gift"]},
             {"id": "-187654321_1161", "links": [
               "https://zerno-coffee.ru/blog?utm_source=facebook&utm_medium=social&utm_campaign=brew"]}],
   "ads": [{"id": "vkads-55012", "links": ["https://zerno-coffee.ru/events/degustaciya"]}]}]}
```

The ad's link has no tags: a **high** finding at
`/accounts/0/ads/0/links/0`, and the check fails. The first post's link
lacks all three tags (medium); the second is tagged `utm_source=facebook` on
a VK account (low, copy-paste). Weighted share: 1 of 5 = 0.2.

## How to fix

Add `utm_source` (the network: `vk`, `telegram`, `instagram`…), `utm_medium`
(`social` for posts, `cpc` for paid ads) and `utm_campaign` (the campaign or
post) to every link to the site, in the query (before any `#`), in lower-case
names, e.g. `https://zerno-coffee.ru/shop?utm_source=vk&utm_medium=social&utm_campaign=autumn`.
When a post is copied to another network, change `utm_source` too. Link to the
site directly rather than through a shortener, or tag the target before
shortening it; correct malformed links.
"""

from __future__ import annotations

import bisect
import functools
import ipaddress
import itertools
import operator
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import unquote_plus, urlsplit

from smm_audit.api import Account, Check, Finding, Option, Result, Severity, Snapshot, hookimpl, scrubbed

try:
    from smm_audit.builtin_checks import _utm_scan as _native  # type: ignore[attr-defined]  # C, optional
except ImportError:  # built without a C compiler: the verdicts of lone links are found in Python
    _native = None

UTM_PARAMS = ("utm_source", "utm_medium", "utm_campaign")
PLACEMENTS = ("ad", "profile", "post", "comment")
WEIGHT_OPTIONS = {"ad": "weight_ads", "profile": "weight_profile", "post": "weight_posts", "comment": "weight_comments"}
PLATFORM_SOURCES: dict[str, tuple[str, ...]] = {
    "vk": ("vk", "vkontakte", "vk.com"),
    "instagram": ("instagram", "ig", "instagram.com"),
    "facebook": ("facebook", "fb", "facebook.com"),
    "telegram": ("telegram", "tg", "t.me"),
    "ok": ("ok", "odnoklassniki", "ok.ru"),
    "youtube": ("youtube", "yt", "youtube.com"),
    "tiktok": ("tiktok", "tiktok.com"),
    "x": ("x", "twitter", "x.com", "twitter.com"),
}
"""The utm_source values that name each platform; the first is the one the fixes suggest."""
SOURCE_PLATFORM = {alias: platform for platform, aliases in PLATFORM_SOURCES.items() for alias in aliases}
TEXT_FIELDS = frozenset({"text", "description"})
SHORTENERS_FILE = "url_shorteners.txt"
DISPLAY_LENGTH = 160

_HOST = re.compile(r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*")
_SPACE = re.compile(r"\s")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_URL_CHARS = r"[^\s<>\"«»“”]"
_FAST_URL_CHARS = rf"(?:(?-i:[!#-;=?-~]++)|{_URL_CHARS})"
"""What :data:`_URL_CHARS` matches, a run of printable ASCII at once by a bitmap (case does not matter to it)."""
_WEB_URL = rf"(?:https?://|www\.){_FAST_URL_CHARS}+"
_TRAILING = ".,;:!?…'\")]}>*"
_GET: Callable[[Any, str], Any] = dict.get
_GET_OR: Callable[[Any, str, Any], Any] = dict.get
_GROUPS: Callable[[Any, str], tuple[str, ...]] = re.Match.groups


# --------------------------------------------------------------------------- parsing links


class Link(NamedTuple):
    """One link as published: its normalised form, or why it is malformed."""

    raw: str
    key: str
    host: str | None = None
    path: str = ""
    query: str = ""
    fragment: str = ""
    error: str | None = None


@functools.lru_cache(maxsize=8192)
def normalise_host(host: str) -> str | None:
    """Lower case, IDNA (punycode), no trailing dot, no leading ``www.``; None when it is no valid host name."""
    host = host.strip().rstrip(".").lower()
    if not host:
        return None
    if ":" in host:  # an IPv6 literal (urlsplit has taken the brackets off)
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError:
            return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if len(host) > 253 or not _HOST.fullmatch(host) or any(len(label) > 63 for label in host.split(".")):
        return None
    return host[4:] if host.startswith("www.") and len(host) > 4 else host


def unicode_host(host: str) -> str:
    """The Unicode form of a punycode host (``xn--e1ajmy.xn--p1ai`` → ``кофе.рф``); itself when not IDNA."""
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


@functools.lru_cache(maxsize=8192)
def parse_link(raw: str) -> Link | None:
    """Parse one published link; None when it is no web link at all (``mailto:``, ``tel:``)."""
    plain = _PLAIN_LINK.fullmatch(raw)
    if plain is not None:  # the usual link, split as below would split it, in one regex
        rest, _, fragment = (plain.group(2) or "").partition("#")
        path, _, query = rest.partition("?")
        return _link(raw, plain.group(1).lower(), None, path, query, fragment)
    return parse_link_plainly(raw)


def parse_link_plainly(raw: str) -> Link | None:
    """:func:`parse_link` without its shortcut for the usual link (the tests compare the two)."""
    text = raw.strip()
    if not text:
        return None
    scheme = _SCHEME.match(text)
    if scheme and "." not in scheme.group(1):
        name = scheme.group(1).lower()
        if name not in ("http", "https"):
            if text[scheme.end() :].startswith("//"):
                return _malformed(text, f"its scheme {name}: is not http(s)")
            return None
    elif text.startswith("//"):
        text = "http:" + text
    else:
        text = "http://" + text
    if _SPACE.search(text):
        return _malformed(raw, "it contains spaces")
    try:
        hostname, port, path, query, fragment = split_url(text)
    except ValueError as exc:
        return _malformed(raw, f"it cannot be parsed ({exc})")
    if not hostname:
        return _malformed(raw, "it has no host")
    return _link(raw, hostname, port, path, query, fragment)


def _link(raw: str, hostname: str, port: int | None, path: str, query: str, fragment: str) -> Link:
    host = normalise_host(hostname)
    if host is None:
        return _malformed(raw, "its host name is invalid")
    key = host + (f":{port}" if port not in (None, 80, 443) else "") + (path or "/")
    if query:
        key += "?" + query
    return Link(raw.strip(), key, host, path, query, fragment)


_PLAIN_LINK = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9.-]+)([/?#][!-~]*)?")
"""A whole link that :func:`parse_link` reads through its simple path (:data:`_SIMPLE_URL`): an http(s) URL
of printable ASCII without spaces whose host is a plain name."""
_SIMPLE_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9.-]+)(?=[/?#]|\Z)")
"""An http(s) URL whose host is a plain name (no user, port or brackets): split without urlsplit."""
_LONE_LINK = re.compile(
    r"[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9.-]+)(?:/[!$-;=@-~]*)?(?:\?([!$-;=?-~]*))?(?:#[!#-;=?-~]*)?"
    r"(?<![.,;:!?'\")\]}>*])"
)
"""A plain link (:data:`_PLAIN_LINK`) that the text pattern finds whole where it stands alone in a text: none of
``"<>`` (they end a URL in text), no punctuation at its end that :func:`trim_url` would cut. Groups: the host
as written and the query (before any ``#``)."""
_LONE_LINK_OR_ANY = re.compile(rf"{_LONE_LINK.pattern}|(?s:.*)")
"""Matches every string whole: its groups are those of :data:`_LONE_LINK`, or empty when it is none."""


def split_url(text: str) -> tuple[str | None, int | None, str, str, str]:
    """``urlsplit(text)``'s hostname, port, path, query and fragment; a printable ASCII URL with a plain host
    name is split directly, as urlsplit would split it (the usual link, a third of this check's time)."""
    simple = _SIMPLE_URL.match(text) if text.isascii() and text.isprintable() else None
    if simple is None:
        parts = urlsplit(text)
        return parts.hostname, parts.port, parts.path, parts.query, parts.fragment
    rest, _, fragment = text[simple.end() :].partition("#")
    path, _, query = rest.partition("?")
    return simple.group(1).lower(), None, path, query, fragment


def _malformed(raw: str, reason: str) -> Link:
    return Link(raw.strip(), raw.strip(), error=reason)


def trim_url(url: str) -> str:
    """Drop the punctuation a sentence puts after a URL (keeping a closing parenthesis that belongs to it)."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def display(url: str) -> str:
    """A URL for messages: credentials (``user:password@``, ``?token=``…) and the audit's secrets masked, then cut.

    Only the message is masked: the analysis reads the real query (``utm_*``) from the parsed link.
    """
    scheme = _SCHEME.match(url)
    if "@" in url and not url.startswith("//") and not (scheme and "." not in scheme.group(1)):  # as parse_link
        return scrubbed("//" + url, DISPLAY_LENGTH + 2)[2:]
    return scrubbed(url, DISPLAY_LENGTH)


class Tags(NamedTuple):
    """The UTM tags of a link: the values found, the ones missing, and hints on why."""

    values: dict[str, str]
    missing: tuple[str, ...]
    hints: tuple[str, ...] = ()


def utm_params(query: str) -> dict[str, list[str]]:
    """The query's parameters whose decoded name starts with ``utm_`` in any case, decoded like ``parse_qs``
    with ``keep_blank_values`` (``+`` is a space, ``%5F`` is ``_``), values in order."""
    params: dict[str, list[str]] = {}
    if "utm" not in query.lower() and "%" not in query:
        return params
    for pair in query.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        if "%" in name or "+" in name:
            name = unquote_plus(name)
        if name[:4].lower() == "utm_":
            params.setdefault(name, []).append(unquote_plus(value))
    return params


def read_tags(link: Link) -> Tags:
    """Read utm_source/medium/campaign from the query; the first non-empty value of a repeated one wins."""
    return _read_tags(link.query, link.fragment, "utm_" in link.path.lower())


@functools.lru_cache(maxsize=8192)
def _read_tags(query: str, fragment: str, tags_in_path: bool) -> Tags:
    """:func:`read_tags` of what the tags depend on: links of one campaign share a query, not a path."""
    params = utm_params(query)
    values: dict[str, str] = {}
    for name in UTM_PARAMS:
        value = next((v.strip() for v in params.get(name, ()) if v.strip()), None)
        if value is not None:
            values[name] = value
    missing = tuple(name for name in UTM_PARAMS if name not in values)
    hints: list[str] = []
    if missing:
        wrong_case = sorted(name for name in params if name.lower() in missing and name != name.lower())
        if wrong_case:
            hints.append(f"{', '.join(wrong_case)}: parameter names are case-sensitive, use lower case")
        if "utm_" in fragment.lower():
            hints.append("tags after '#' are in the fragment, which is never sent to the site")
        if tags_in_path:
            hints.append("tags in the path: the '?' before them is missing")
        if any(name in params and name not in values for name in missing):
            hints.append("some tags are present but empty")
    return Tags(values, missing, tuple(hints))


def _verdict(kind: str, query: str, platform: str) -> int | None:
    """:meth:`Auditor.quiet_verdict` of a link to a host of this kind with this query."""
    if kind != "own":
        return 0 if kind == "other" else None  # a shortener (or an invalid host) is always judged
    return 1 if quiet_tags(query, platform) else None


@functools.lru_cache(maxsize=8192)
def quiet_tags(query: str, platform: str) -> bool:
    """Whether an own link with this query gives no finding on this platform: all three tags, no copy-paste source."""
    tags = _read_tags(query, "", False)  # the fragment and the path only add hints to missing tags
    if tags.missing:
        return False
    named = SOURCE_PLATFORM.get(tags.values["utm_source"].lower())
    return named is None or platform not in PLATFORM_SOURCES or named == platform


# --------------------------------------------------------------------------- where links are


FieldPath = tuple[str | int, ...]


class Entity(NamedTuple):
    """Something that publishes links: a post, an ad, a profile or a comment of one account.

    A named tuple, as :class:`Sighting`: one is made per post and per link, and a tuple is made in C."""

    key: tuple[str, ...]
    name: str
    placement: str
    sources: tuple[tuple[FieldPath, str, Any], ...]
    """(path below the account, field name, the string); TEXT_FIELDS are free text searched for URLs."""


def entities(account: Account, *, posts: bool = True) -> Iterator[Entity]:
    """Every post (unless ``posts`` is false), ad, the profile and every own comment of the account, with the
    strings to read."""
    if posts:
        for i, post in enumerate(account.posts):
            yield post_entity(account, i, post)
    for i, ad in enumerate(account.ads):
        name = f"ad {ad['id']}" + (f" «{ad['name']}»" if ad.get("name") else "")
        yield Entity(("ad", account.id, ad["id"]), name, "ad", tuple(_link_sources(("ads", i), ad)))
    profile = account.get("profile") or {}
    sources: list[tuple[FieldPath, str, Any]] = [
        (("profile", part), part, profile[part]) for part in ("website", "description") if profile.get(part)
    ]
    if sources:
        yield Entity(("profile", account.id), "profile", "profile", tuple(sources))
    comments = account.comments
    for i in account.comments_with("from_account"):  # the others are not the account's own (the shared index)
        comment = comments[i]
        if comment.get("from_account") and not comment.get("deleted") and comment.get("text"):
            kind = "reply" if comment.get("reply_to") else "comment"
            name = f"{kind} {comment['id']} under post {comment['post_id']}"
            sources = [(("comments", i, "text"), "text", comment["text"])]
            yield Entity(("comment", account.id, comment["id"]), name, "comment", tuple(sources))


def post_entity(account: Account, i: int, post: Mapping[str, Any]) -> Entity:
    """The account's post at position ``i`` as an entity: its ``links[]``, then its ``text``."""
    promoted = bool(post.get("is_ad"))
    sources = _link_sources(("posts", i), post)
    if post.get("text"):
        sources.append((("posts", i, "text"), "text", post["text"]))
    name = f"{'promoted post' if promoted else 'post'} {post['id']}"
    return Entity(("post", account.id, post["id"]), name, "ad" if promoted else "post", tuple(sources))


def _link_sources(path: FieldPath, item: Mapping[str, Any]) -> list[tuple[FieldPath, str, Any]]:
    """The ``links[]`` of a post or an ad as entity sources."""
    return [((*path, "links", j), "links", link) for j, link in enumerate(item.get("links", ()))]


class Sighting(NamedTuple):
    """One distinct link of an entity, at the place where it first appears."""

    account: Account
    entity: Entity
    path: FieldPath
    field: str
    link: Link

    @property
    def name(self) -> str:
        """How messages name the entity: "post 123", "ad 7 «Autumn»", "profile website"."""
        return f"profile {self.field}" if self.entity.placement == "profile" else self.entity.name

    def finding(self, kind: str, message: str, severity: Severity, fix: str, *, shown: str, **evidence: Any) -> Finding:
        """A finding about this link: located at its field, keyed by the entity's ids and the normalised URL;
        ``shown`` is the link as messages show it (:func:`display`, made once by the caller for its message)."""
        return Finding(
            f"{self.account.label}: {self.name} {message}",
            self.account.child(*self.path),
            (*self.entity.key, kind, self.link.key),
            severity,
            evidence={"url": shown, "field": self.field, "placement": self.entity.placement} | evidence,
            fix=fix,
        )


def text_pattern(own_domains: Sequence[str]) -> re.Pattern[str]:
    """One regex for URLs in free text: http(s)://…, www.…, and bare forms of the client's own domains (no group:
    ``findall`` gives whole matches)."""
    forms = {form for domain in own_domains for form in (domain, unicode_host(domain))}
    names = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    # a bare form starts with a word and a dot when every name does: looked ahead for, the word is read once
    dotted = r"(?=[\w-]*+\.)" if forms and all(re.match(r"[\w-]*\.", form) for form in forms) else ""
    bare = rf"{dotted}(?:[\w-]+\.)*(?:{names})(?!\.?[\w-])(?::\d+)?(?:[/?#]{_FAST_URL_CHARS}*)?"
    return re.compile(rf"(?<![\w@./-])(?:{_WEB_URL}|{bare})", re.IGNORECASE)


def text_hint(own_domains: Sequence[str]) -> re.Pattern[str]:
    """A regex that matches somewhere in every text in which :func:`text_pattern` finds a URL, found faster: each
    such URL holds "://", "www." or an own name, so the hint looks for those at a ':' or a '.' (in any case, as
    the text pattern reads them). A text it finds nothing in holds no URL. Without a dot in every own name it
    looks for them everywhere, as the text pattern does."""
    forms = sorted({form for domain in own_domains for form in (domain, unicode_host(domain))}, key=len, reverse=True)
    if not forms or "" in forms:  # the text pattern's bare form then matches names of no own domain: read all
        return re.compile("")
    if not all("." in form for form in forms):  # a name without a dot to anchor on ("localhost")
        names = "".join(f"|{re.escape(form)}" for form in forms)
        return re.compile(rf"://|www\.{names}", re.IGNORECASE)
    heads = "".join(
        rf"|(?<=(?i:{re.escape(head)})\.)(?i:{re.escape(tail)})" for head, _, tail in (f.partition(".") for f in forms)
    )
    # the first item is a class of no cased letter: the regex engine skips to the next ':' or '.' in C
    return re.compile(rf"[:.](?:(?<=:)//|(?<=(?i:www)\.){heads})")


@functools.cache
def shorteners() -> frozenset[str]:
    """The bundled URL shortener hosts (data/url_shorteners.txt here), normalised; ``!host`` lines excluded."""
    from smm_audit import bundled

    text = bundled.read_text(__package__ or "smm_audit.builtin_checks", "data", SHORTENERS_FILE)
    listed: set[str] = set()
    excluded: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        target = excluded if line.startswith("!") else listed
        host = normalise_host(line.lstrip("!"))
        if host:
            target.add(host)
    return frozenset(listed - excluded)


def matching_domain(host: str, domains: Sequence[str]) -> str | None:
    """The domain of ``domains`` that ``host`` is, or is a subdomain of."""
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return domain
    return None


def is_shortener(host: str, hosts: frozenset[str]) -> bool:
    """Whether the host, or a parent domain of it, is a known shortener."""
    labels = host.split(".")
    return any(".".join(labels[i:]) in hosts for i in range(len(labels) - 1 or 1))


_SEPARATOR = "\x1f"
"""Joins the posts' texts for one pass over all of them: white space to the text pattern, so no URL runs across it."""
_HOLE = "\x1e"
"""Stands for a post's link in its text: white space too."""
_UNBOUNDED_HOLE = re.compile(r"\x1e(?:(?<![^\S\x1e]\x1e)|(?![^\S\x1e]))")
"""A hole with no white space (other than a hole) before or after it: the link it stands for was written inside a
longer word or URL."""


def lone_links(posts: Sequence[Mapping[str, Any]], hint: re.Pattern[str]) -> list[str] | None:
    """For each post, its link when all it publishes is that one link: ``links[]`` holds just that string and
    the text holds no URL but the link itself, standing alone (white space or the text's ends on both sides),
    as often as it likes; "" for a post that publishes no link (no ``links[]``, or an empty one, and no URL in
    its text); :data:`_READ` for a post to read link by link. None for them all when a post is no JSON object
    or a text holds :data:`_SEPARATOR` or :data:`_HOLE`.

    Told by C-level passes over all the posts at once: each link in its text is replaced by a hole, the texts
    are joined :data:`_CHUNK` at a time, and ``hint`` (:func:`text_hint`) and :data:`_UNBOUNDED_HOLE` are
    searched for in each chunk; only the posts they find something in are read link by link. Whether the link
    itself is one that its text would show whole (:data:`_LONE_LINK`) is for the caller to tell."""
    try:
        texts = list(map(_GET, posts, itertools.repeat("text")))
        links = list(map(_GET_OR, posts, itertools.repeat("links"), itertools.repeat(())))
    except TypeError:  # a post that is no dict
        return None
    if not posts:
        return []
    if not all(map(isinstance, texts, itertools.repeat(str))):
        texts = [text if isinstance(text, str) else "" for text in texts]  # post_links reads no other text
    if any(map(operator.contains, texts, itertools.repeat(_SEPARATOR))) or any(
        map(operator.contains, texts, itertools.repeat(_HOLE))
    ):  # looked for text by text: joining them all first costs page faults for the copy
        return None
    lone = _only_links(links)
    needles = lone if all(lone) else [link or _SEPARATOR for link in lone]  # "" is no needle; _READ is none
    for start in range(0, len(texts), _CHUNK):  # in chunks: memory the next chunk reuses costs no page faults
        rests = list(
            map(str.replace, texts[start : start + _CHUNK], needles[start : start + _CHUNK], itertools.repeat(_HOLE))
        )
        searched = _SEPARATOR + _SEPARATOR.join(rests) + _SEPARATOR
        hits = [match.start() for match in hint.finditer(searched)]
        hits += [match.start() for match in _UNBOUNDED_HOLE.finditer(searched)]
        if hits:
            starts = list(itertools.accumulate(map(operator.add, map(len, rests), itertools.repeat(1)), initial=1))
            for position in hits:
                lone[start + bisect.bisect_right(starts, position) - 1] = _READ
    return lone


_READ = _SEPARATOR
"""What :func:`lone_links` gives for a post to read link by link: no text holds it, so it is no needle either."""
_CHUNK = 2048
"""Posts whose texts :func:`lone_links` searches at once."""


def _only_links(links: Sequence[Any]) -> list[str]:
    """Each post's only link (from its ``links`` value, () when it has none): the string when the list holds one
    non-empty string, "" when there is no list or an empty one, :data:`_READ` otherwise."""
    if all(map(isinstance, links, itertools.repeat(list))) and all(map((1).__eq__, map(len, links))):
        only = list(map(operator.itemgetter(0), links))  # the usual posts: one link each, found by C-level calls
        if all(map(isinstance, only, itertools.repeat(str))) and all(only):
            return only
    return [
        value[0]
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str) and value[0]
        else ""
        if value == () or value == []
        else _READ
        for value in links
    ]


# --------------------------------------------------------------------------- the audit


@dataclass
class Tally:
    """Counts of one account, or of the whole snapshot."""

    own: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PLACEMENTS, 0))
    untagged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PLACEMENTS, 0))
    missing: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UTM_PARAMS, 0))
    shortened: int = 0
    malformed: int = 0
    mismatches: int = 0

    def add(self, other: Tally) -> None:
        for name in PLACEMENTS:
            self.own[name] += other.own[name]
            self.untagged[name] += other.untagged[name]
        for name in UTM_PARAMS:
            self.missing[name] += other.missing[name]
        self.shortened += other.shortened
        self.malformed += other.malformed
        self.mismatches += other.mismatches

    @property
    def own_total(self) -> int:
        return sum(self.own.values())

    @property
    def untagged_total(self) -> int:
        return sum(self.untagged.values())


def lone_verdicts(links: list[str], verdicts: _Verdicts) -> list[int | None]:
    """``verdicts[(host, query)]`` of each lone link (:data:`_LONE_LINK`), None for the other strings: in C
    (``_utm_scan.c``) where it is built, else :func:`lone_verdicts_python`."""
    if _native is not None and os.environ.get("SMM_AUDIT_PURE_PYTHON") != "1":
        found: list[int | None] = _native.lone_verdicts(links, verdicts)
        return found
    return lone_verdicts_python(links, verdicts)


def lone_verdicts_python(links: Sequence[str], verdicts: _Verdicts) -> list[int | None]:
    """:func:`lone_verdicts` in Python, keeping no object per link (a fresh process pays page faults for each)."""
    parts = map(_GROUPS, map(_LONE_LINK_OR_ANY.fullmatch, links), itertools.repeat(""))
    return list(map(verdicts.__getitem__, parts))


class _Verdicts(dict[tuple[str, ...], "int | None"]):
    """(host as written, query) of a lone link (:data:`_LONE_LINK_OR_ANY`) → its :meth:`Auditor.host_verdict` on one
    platform, found on first sight; ("", "") (no lone link) → None."""

    def __init__(self, auditor: Auditor, platform: str) -> None:
        super().__init__()
        self.auditor, self.platform = auditor, platform

    def __missing__(self, key: tuple[str, ...]) -> int | None:
        written, query = key
        verdict = self[key] = self.auditor.host_verdict(written, query, self.platform) if written else None
        return verdict


class Auditor:
    """Reads the links of one snapshot's accounts against the client's domains."""

    def __init__(self, own_domains: Sequence[str]) -> None:
        self.own_domains = tuple(own_domains)
        self.own_forms = tuple({form for d in own_domains for form in (d, unicode_host(d))})
        self.pattern = text_pattern(own_domains)
        self.hint = text_hint(own_domains)
        self.shorteners = shorteners()
        self._host_kinds: dict[str, str] = {}
        """host → "own", "shortener" or "other", as :meth:`judge` sorts links."""
        self._plain_host_kinds: dict[str, str] = {}
        """A plain link's host as written → its kind, or "invalid" (:meth:`plain_verdict`)."""

    def sightings(self, account: Account, entity: Entity) -> Iterator[Sighting]:
        """Each distinct link of the entity, first occurrence first."""
        seen: set[str] = set()
        for path, where, value in entity.sources:
            if not isinstance(value, str):
                continue
            for candidate in self.urls_in(value) if where in TEXT_FIELDS else (value,):
                link = parse_link(candidate)
                if link is None or link.key in seen:
                    continue
                seen.add(link.key)
                yield Sighting(account, entity, path, where, link)

    def urls_in(self, text: str) -> list[str]:
        """The URLs written in free text, without the punctuation around them."""
        if "." not in text:
            return []
        return [url if url and url[-1] not in _TRAILING else trim_url(url) for url in self.pattern.findall(text)]

    def account(self, account: Account) -> tuple[Tally, list[Finding]]:
        tally, findings = Tally(), []
        platform = account.platform
        posts = account.posts
        for i in self.loud_posts(posts, platform, tally):
            post = posts[i]
            if not self.quiet_post(post, platform, tally):  # the usual post: all its links tagged, or others'
                findings.extend(self.entity_findings(account, post_entity(account, i, post), tally))
        for entity in entities(account, posts=False):
            findings.extend(self.entity_findings(account, entity, tally))
        return tally, findings

    def account_plainly(self, account: Account) -> tuple[Tally, list[Finding]]:
        """:meth:`account` by its definition: every entity's sightings judged (the tests compare the two)."""
        tally, findings = Tally(), []
        for entity in entities(account):
            findings.extend(self.entity_findings(account, entity, tally))
        return tally, findings

    def entity_findings(self, account: Account, entity: Entity, tally: Tally) -> list[Finding]:
        findings = []
        for sighting in self.sightings(account, entity):
            findings.extend(self.judge(sighting, tally))
        return findings

    def loud_posts(self, posts: Sequence[Mapping[str, Any]], platform: str, tally: Tally) -> Sequence[int]:
        """Count into ``tally`` the posts whose one link (:func:`lone_links`) :meth:`judge` would only count, or
        that publish none; the positions of the others, in order, to be read as :meth:`quiet_post` reads them.
        No Python code runs for each post: on 50,000 posts the calls of the plain reading cost three quarters of
        this check's time (benchmarks/README.md)."""
        lone = lone_links(posts, self.hint)
        if lone is None:
            return range(len(posts))
        judged = lone_verdicts(lone, _Verdicts(self, platform))
        counted = list(map(operator.eq, judged, itertools.repeat(1)))
        ads = sum(map(bool, itertools.compress(map(_GET, posts, itertools.repeat("is_ad")), counted)))
        tally.own["ad"] += ads
        tally.own["post"] += sum(counted) - ads
        loud = itertools.compress(itertools.count(), map(operator.is_, judged, itertools.repeat(None)))
        return [i for i in loud if lone[i] != ""]  # "" publishes no link: nothing to count

    def host_verdict(self, written: str, query: str, platform: str) -> int | None:
        """:meth:`quiet_verdict` of a plain link (:data:`_PLAIN_LINK`) to the host ``written`` with this query."""
        kind = self._plain_host_kinds.get(written)
        if kind is None:
            host = normalise_host(written.lower())
            kind = self._plain_host_kinds[written] = "invalid" if host is None else self.host_kind(host)
        return _verdict(kind, query, platform)

    def quiet_post(self, post: Mapping[str, Any], platform: str, tally: Tally) -> bool:
        """Count a post into ``tally`` and say True when :meth:`judge` finds nothing in any of its links (an
        own link with its three tags and no copy-paste source, or someone else's site that is no shortener);
        False, counting nothing, when one link gives a finding. No entity or sighting is made on the way: they
        cost half of this check's time on 50,000 posts (benchmarks/README.md)."""
        own = self.quiet_links(self.post_links(post), platform)
        if own is None:
            return False
        if own:
            tally.own["ad" if post.get("is_ad") else "post"] += own
        return True

    def post_links(self, post: Mapping[str, Any]) -> list[str]:
        """The distinct links a post publishes, as written: its ``links[]``, then the URLs in its text."""
        text = post.get("text")
        raws = [value for value in post.get("links", ()) if isinstance(value, str)]
        if text and isinstance(text, str):
            raws += self.urls_in(text)
        return list(dict.fromkeys(raws)) if len(raws) > 1 else raws  # a link in links[] and in the text: one

    def quiet_links(self, raws: Sequence[str], platform: str) -> int | None:
        """How many of these links (of one post) are own links that :meth:`judge` only counts, one per key;
        None when one of them gives a finding."""
        if len(raws) == 1:  # one link, no key to compare
            return self.plain_verdict(raws[0], platform)
        own = 0
        seen: set[str] = set()
        for raw in raws:
            link = parse_link(raw)
            if link is None or link.key in seen:
                continue
            seen.add(link.key)
            verdict = self.quiet_verdict(link, platform)
            if verdict is None:
                return None
            own += verdict
        return own

    def quiet_verdict(self, link: Link, platform: str) -> int | None:
        """1 for an own link that :meth:`judge` only counts, 0 for a link it ignores, None when it finds something."""
        host = link.host
        if link.error is not None or host is None:
            return None
        return _verdict(self.host_kind(host), link.query, platform)

    def plain_verdict(self, raw: str, platform: str) -> int | None:
        """:meth:`quiet_verdict` of ``parse_link(raw)``, read without making the link when it is a plain one
        (:data:`_PLAIN_LINK`): a post's links are mostly distinct, so parsing them misses every cache."""
        plain = _PLAIN_LINK.fullmatch(raw)
        if plain is None:
            link = parse_link(raw)
            return 0 if link is None else self.quiet_verdict(link, platform)
        return self.host_verdict(plain.group(1), (plain.group(2) or "").partition("#")[0].partition("?")[2], platform)

    def host_kind(self, host: str) -> str:
        """How :meth:`judge` sorts a link to this (normalised) host: "own", "shortener" or "other"."""
        kind = self._host_kinds.get(host)
        if kind is None:
            if matching_domain(host, self.own_domains) is not None:
                kind = "own"
            else:
                kind = "shortener" if is_shortener(host, self.shorteners) else "other"
            self._host_kinds[host] = kind
        return kind

    def judge(self, sighting: Sighting, tally: Tally) -> list[Finding]:
        """The findings one link gives, counted into ``tally``."""
        link = sighting.link
        if link.error is not None:
            tally.malformed += 1
            own_looking = any(form in link.raw.lower() for form in self.own_forms)
            shown = display(link.raw)
            return [
                sighting.finding(
                    "malformed",
                    f"has a malformed link {shown!r}: {link.error}",
                    "medium" if own_looking else "low",
                    "Correct the link: as published it leads nowhere or to the wrong page.",
                    shown=shown,
                    reason=link.error,
                )
            ]
        assert link.host is not None
        if matching_domain(link.host, self.own_domains) is None:
            if not is_shortener(link.host, self.shorteners):
                return []
            tally.shortened += 1
            shown = display(link.raw)
            return [
                sighting.finding(
                    "shortened",
                    f"links through the shortener {link.host} ({shown}): "
                    "where it leads and whether it is tagged cannot be verified",
                    "info",
                    "Link to the site directly with UTM tags, or tag the target before shortening it "
                    "(a later version of this check resolves short links over HTTP).",
                    shown=shown,
                    shortener=link.host,
                )
            ]
        placement = sighting.entity.placement
        tally.own[placement] += 1
        tags = read_tags(link)
        findings = []
        if tags.missing:
            findings.append(_untagged(sighting, tags))
            tally.untagged[placement] += 1
            for name in tags.missing:
                tally.missing[name] += 1
        mismatch = _mismatch(sighting, tags)
        if mismatch is not None:
            tally.mismatches += 1
            findings.append(mismatch)
        return findings


def _untagged(sighting: Sighting, tags: Tags) -> Finding:
    """The finding for an own link without all three tags."""
    missing = ", ".join(tags.missing)
    what = f"no UTM tags ({missing})" if len(tags.missing) == len(UTM_PARAMS) else f"no {missing}"
    hint = f" — {'; '.join(tags.hints)}" if tags.hints else ""
    is_ad = sighting.entity.placement == "ad"
    source = tags.values.get("utm_source") or _suggested_source(sighting.account.platform)
    medium = tags.values.get("utm_medium") or ("cpc" if is_ad else "social")
    campaign = tags.values.get("utm_campaign") or "<campaign>"
    shown = display(sighting.link.raw)
    return sighting.finding(
        "missing-utm",
        f"links to {shown} with {what}{hint}",
        "high" if is_ad else "medium",
        f"Tag the link: utm_source={source}&utm_medium={medium}&utm_campaign={campaign}.",
        shown=shown,
        missing=list(tags.missing),
        hints=list(tags.hints),
    )


def _mismatch(sighting: Sighting, tags: Tags) -> Finding | None:
    """The copy-paste finding when utm_source names another platform than the account's."""
    value = tags.values.get("utm_source")
    named = SOURCE_PLATFORM.get(value.lower()) if value else None
    platform = sighting.account.platform
    if named is None or platform not in PLATFORM_SOURCES or named == platform:
        return None
    shown = display(sighting.link.raw)
    return sighting.finding(
        "source-mismatch",
        f"links to {shown} tagged utm_source={value}, "
        f"a {named} source on a {platform} account (copied from another network's post?)",
        "low",
        f"Use utm_source={_suggested_source(platform)} for links published on {platform}.",
        shown=shown,
        utm_source=value,
        source_platform=named,
        account_platform=platform,
    )


def _suggested_source(platform: str) -> str:
    return PLATFORM_SOURCES.get(platform, ("<source>",))[0]


def own_domains(snapshot: Snapshot) -> list[str]:
    """The client's domains, normalised like link hosts; invalid entries are dropped."""
    domains = [normalise_host(d) for d in snapshot.client.get("domains", ()) if isinstance(d, str)]
    return list(dict.fromkeys(d for d in domains if d))


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    if not snapshot.client.get("domains"):
        given = "is empty" if "domains" in snapshot.client else "is not set"
        return Result.not_applicable(
            ["client.domains"],
            f'client.domains {given}: set it to the client\'s own web domains (e.g. ["zerno-coffee.ru"]) '
            "so that missing-utm knows which links must carry UTM tags",
        )
    domains = own_domains(snapshot)
    if not domains:
        return Result.not_applicable(["client.domains"], "client.domains holds no valid host name: correct it")
    fields = ("posts", "ads", "profile", "comments")
    accounts = [a for a in snapshot.accounts if any(a.has(name) for name in fields)]
    if not accounts:
        missing = ["accounts"] if not snapshot.accounts else [f"accounts[].{name}" for name in fields]
        return Result.not_applicable(missing)

    auditor = Auditor(domains)
    total, findings, per_account = Tally(), [], []
    for account in accounts:
        tally, account_findings = auditor.account(account)
        total.add(tally)
        findings.extend(account_findings)
        per_account.append(_account_metrics(account, tally))
    score = weighted_share(total, options)
    metrics = _metrics(total, score, per_account)
    below = bool(total.own_total) and score < options["fail_below"]
    reason = f"the weighted tagged share {score:.2f} is under fail_below {options['fail_below']:g}" if below else None
    message = (
        f"{total.own_total - total.untagged_total} of {total.own_total} own-domain links tagged"
        f" (weighted share {score:.2f})"
        if total.own_total
        else "no link to the client's domains found"
    )
    return Result(
        status="fail" if below else None,
        status_reason=reason,
        score=round(score, 6),
        findings=findings,
        metrics=metrics,
        message=message,
    )


def weighted_share(tally: Tally, options: Mapping[str, Any]) -> float:
    """The tagged share of own links weighted by placement; 1.0 without own links (nothing to tag)."""
    weights: dict[str, float] = {name: options[WEIGHT_OPTIONS[name]] for name in PLACEMENTS}
    total = sum(weights[name] * tally.own[name] for name in PLACEMENTS)
    if total <= 0:  # no own links, or every weight set to 0: fall back to the plain share
        return 1.0 if not tally.own_total else 1 - tally.untagged_total / tally.own_total
    untagged = sum(weights[name] * tally.untagged[name] for name in PLACEMENTS)
    return max(0.0, min(1.0, 1 - untagged / total))


def _metrics(tally: Tally, score: float, per_account: list[dict[str, Any]]) -> dict[str, Any]:
    own = tally.own_total
    return {
        "own_links": own,
        "own_links_by_placement": dict(tally.own),
        "tagged": own - tally.untagged_total,
        "untagged": tally.untagged_total,
        "untagged_by_placement": dict(tally.untagged),
        "missing_by_param": dict(tally.missing),
        "tagged_share": round((own - tally.untagged_total) / own, 6) if own else None,
        "weighted_tagged_share": round(score, 6) if own else None,
        "shortened": tally.shortened,
        "malformed": tally.malformed,
        "source_mismatches": tally.mismatches,
        "accounts": per_account,
    }


def _account_metrics(account: Account, tally: Tally) -> dict[str, Any]:
    return {
        "account": account.id,
        "own_links": tally.own_total,
        "untagged": tally.untagged_total,
        "shortened": tally.shortened,
        "malformed": tally.malformed,
        "source_mismatches": tally.mismatches,
    }


CHECK = Check(
    id="missing-utm",
    title="Links to the client's site carry UTM tags",
    category="tracking",
    severity="medium",
    weight=2,
    run=audit,
    summary="Own-domain links in posts, ads, profiles and own comments need utm_source, utm_medium and utm_campaign.",
    why="Without UTM tags analytics cannot say which post or ad brought a visit, an order or revenue "
    "(000 L118, 001 L90).",
    fix="Add utm_source, utm_medium and utm_campaign to every link to the site; change utm_source when copying "
    "a post to another network.",
    options=(
        Option(
            "fail_below",
            float,
            0.5,
            "Fail when the weighted share of tagged own links is below this (ours; an untagged ad link fails anyway).",
            minimum=0,
            maximum=1,
        ),
        Option("weight_ads", float, 3.0, "Weight of ad and promoted-post links in the score (ours).", minimum=0),
        Option(
            "weight_profile",
            float,
            2.0,
            "Weight of the profile's website and description links (ours; the bio link is the profile's "
            "only active link on Instagram, 001 L543).",
            minimum=0,
        ),
        Option("weight_posts", float, 1.0, "Weight of organic post links in the score (ours).", minimum=0),
        Option("weight_comments", float, 1.0, "Weight of links in the account's own comments (ours).", minimum=0),
    ),
    sources=(
        "000 L118: don't forget UTM tags on your ad links, to track ad effectiveness in analytics.",
        "001 L90: to know how many people came to your site, and from which post, use UTM tags.",
        "001 L543: the Instagram bio is the only place for an active link.",
    ),
    reads=(
        "client.domains",
        "accounts[].posts[].links",
        "accounts[].posts[].text",
        "accounts[].ads[].links",
        "accounts[].profile.website",
        "accounts[].profile.description",
        "accounts[].comments[].text",
    ),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
