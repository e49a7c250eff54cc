#!/usr/bin/env python3
"""Generate the two example snapshots of smm-audit.

    python3 examples/generate_examples.py [FOLDER]

writes, next to this script (or into FOLDER):

* ``demo-snapshot.json`` -- "Kofeinya Zerno", a Moscow/Saint Petersburg coffee
  roaster with a busy VK group, an Instagram profile a freelancer abandoned four
  months ago and a Telegram channel that went quiet after a launch burst. Every
  built-in check has something real to find (bought followers and a join spike,
  dead and foreign members, untagged and mis-tagged links, deleted complaints,
  unanswered weekend questions, five posts on one day, engagement halved over the
  last month, a customer's phone and e-mail left in public, an overloaded
  manager, a leaver who still holds the VK password, a reused password, ...).
* ``healthy-snapshot.json`` -- "Studio Sever", a well-run furniture workshop in
  Saint Petersburg (VK + Telegram) that passes the default gate.

The snapshots are put together with the testing kit (:class:`smm_audit.testing.SnapshotBuilder`,
which also validates them) at the kit's ``TAKEN_AT``. The output is deterministic: fixed
random seeds, no wall clock (all times count back from ``TAKEN_AT``), 2-space indented UTF-8
JSON. Re-run it after changing the generator and commit the JSON files together with it
(tests/test_examples.py fails when they differ). Every random draw happens in a fixed order:
a change that draws once more or once less changes everything generated after it, so new
data draws from a generator of its own (as the demo's "later additions" do). The passwords
below are made up: only their SHA-256 fingerprints go into the snapshots.
"""

# ruff: noqa: E501  (long Russian text literals read better unwrapped)
from __future__ import annotations

import itertools
import json
import math
import random
import string
import sys
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from smm_audit import testing
from smm_audit.testing import SnapshotBuilder, hashed_password

HERE = Path(__file__).resolve().parent
TAKEN_AT = datetime.fromisoformat(testing.TAKEN_AT)  # the kit's "now": 1 November 2026, 12:00 Moscow time
MSK = TAKEN_AT.tzinfo


# --------------------------------------------------------------------------- helpers


def dt(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=MSK)


def ts(moment: datetime) -> str:
    return moment.astimezone(MSK).replace(microsecond=0).isoformat()


def between(rng: random.Random, lo: datetime, hi: datetime) -> datetime:
    span = int((hi - lo).total_seconds())
    return lo + timedelta(seconds=rng.randint(0, max(span, 0)))


def daytime(rng: random.Random, day: datetime, start_h: float = 9, end_h: float = 21) -> datetime:
    midnight = day.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(seconds=rng.randint(int(start_h * 3600), int(end_h * 3600)))


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def lognormal_int(rng: random.Random, median: float, sigma: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, round(rng.lognormvariate(math.log(median), sigma))))


def utm(url: str, source: str | None, medium: str | None, campaign: str | None) -> str:
    params = [(k, v) for k, v in (("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaign)) if v]
    if not params:
        return url
    sep = "&" if "?" in url else "?"
    return url + sep + "&".join(f"{k}={v}" for k, v in params)


def prune(d: dict) -> dict:
    """Drop None values (absent = unknown, never invented)."""
    return {k: v for k, v in d.items() if v is not None}


def ad(ad_id: str, name: str, link: str, started: datetime, ended: datetime | None = None) -> dict:
    return prune(
        {"id": ad_id, "name": name, "links": [link], "started_at": ts(started), "ended_at": ended and ts(ended)}
    )


def add_team(builder: SnapshotBuilder, members: Iterable[tuple]) -> None:
    """(id, name, role, left at or None, account ids, accounts run elsewhere) per member."""
    for member_id, name, role, left, accounts, elsewhere in members:
        status = "left" if left else "active"
        fields = {"name": name, "role": role, "status": status, "left_at": left and ts(left)}
        builder.member(member_id, **prune(fields), account_ids=accounts, accounts_elsewhere=elsewhere)


def add_logins(builder: SnapshotBuilder, logins: Iterable[tuple]) -> None:
    """(account, login, holders, password, two-factor, last changed, recovery e-mail) per login."""
    credentials = [
        {
            "account_id": account,
            "login": login,
            "holders": holders,
            "password": hashed_password(password),
            "two_factor": two_factor,
            "last_changed_at": ts(changed),
            "recovery_email": recovery,
        }
        for account, login, holders, password, two_factor, changed, recovery in logins
    ]
    builder.set(credentials=credentials)


# --------------------------------------------------------------------------- people

# fmt: off
FIRST_F = [
    "anna", "maria", "ekaterina", "olga", "elena", "natalia", "irina", "svetlana", "yulia", "tatiana", "daria",
    "polina", "alina", "ksenia", "victoria", "sofia", "alexandra", "valeria", "kristina", "anastasia", "vera",
    "lidia", "margarita", "evgenia",
]
FIRST_M = [
    "alexey", "dmitry", "sergey", "andrey", "maxim", "ivan", "nikita", "artem", "mikhail", "pavel", "roman", "egor",
    "kirill", "denis", "ilya", "vladimir", "anton", "oleg", "yaroslav", "timur", "gleb", "stepan", "fedor", "lev",
]
SURNAMES = [
    "ivanov", "smirnov", "kuznetsov", "popov", "vasiliev", "petrov", "sokolov", "mikhailov", "novikov", "fedorov",
    "morozov", "volkov", "alekseev", "lebedev", "semenov", "egorov", "pavlov", "kozlov", "stepanov", "nikolaev",
    "orlov", "andreev", "makarov", "zakharov", "zaitsev", "soloviev", "borisov", "yakovlev", "grigoriev", "romanov",
    "belov", "tarasov", "frolov", "gusev", "kiselev", "titov",
]
HOBBIES = ["coffee", "travel", "photo", "art", "design", "books", "run", "cook", "yoga", "home"]
# fmt: on


def person_username(rng: random.Random, ig: bool = False) -> str:
    female = rng.random() < 0.55
    first = rng.choice(FIRST_F if female else FIRST_M)
    sur = rng.choice(SURNAMES) + ("a" if female else "")
    style = rng.randrange(6)
    if style == 0:
        return f"{first}_{sur}"
    if style == 1:
        return f"{first}.{sur}"
    if style == 2:
        return f"{sur}.{first[0]}"
    if style == 3:
        return f"{first}{sur[:4]}{rng.randint(84, 99) if rng.random() < 0.5 else rng.randint(0, 9)}"
    if style == 4:
        hobby = rng.choice(HOBBIES)
        return f"{first}.{hobby}" if ig else f"{first}_{hobby}"
    return f"{first}_{sur[:3]}{rng.randint(1, 99)}"


def bot_username(rng: random.Random, numeric_id: str, ig: bool = False) -> str:
    style = rng.randrange(10)
    if style < 4 and not ig:
        return f"id{numeric_id}"
    if style < 6:
        return "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(rng.randint(8, 12)))
    if style < 8:
        return f"user{rng.randint(10_000_000, 999_999_999)}"
    base = rng.choice(FIRST_F + FIRST_M)
    if ig:
        return f"{base}_{rng.randint(1000, 9999)}.{rng.choice('abcdefxyz')}{rng.randint(10, 99)}"
    return f"{base}{rng.randint(100_000, 99_999_999)}"


class Ids:
    """Unique numeric ids drawn from a range (ids are strings in the snapshot)."""

    def __init__(self, rng: random.Random, used: set[int] | None = None):
        self.rng = rng
        self.used: set[int] = set() if used is None else used

    def draw(self, lo: int, hi: int) -> str:
        while True:
            n = self.rng.randint(lo, hi)
            if n not in self.used:
                self.used.add(n)
                return str(n)


def vk_user_id(ids: Ids, created: datetime) -> str:
    """VK user ids grow with the registration date (~1M in 2007, ~960M in 2026)."""
    years = max(0.0, (created - dt(2007, 1, 1)).days / 365.25)
    base = int(years * 49_000_000)
    return ids.draw(base + 1, base + 2_500_000)


class JoinCalendar:
    """Spreads organic joins over days, at most `per_day` a day, so only real spikes look like spikes."""

    def __init__(self, rng: random.Random, per_day: int = 2, count: dict[str, int] | None = None):
        self.rng = rng
        self.per_day = per_day
        self.count: dict[str, int] = dict(count or {})

    def pick(self, lo: datetime, hi: datetime) -> datetime:
        for _ in range(1000):
            moment = daytime(self.rng, between(self.rng, lo, hi), 7.5, 23.8)
            if moment < lo or moment > hi:
                continue
            key = moment.date().isoformat()
            if self.count.get(key, 0) < self.per_day:
                self.count[key] = self.count.get(key, 0) + 1
                return moment
        raise RuntimeError("join calendar full")


def vk_member(uid: str, username: str, joined: datetime, created: datetime, last: datetime, **fields: Any) -> dict:
    """An active VK member who signed up on the day of ``created``; ``fields`` in the snapshot's order."""
    return prune(
        {
            "id": uid,
            "username": username,
            "joined_at": ts(joined),
            "created_at": ts(created.replace(hour=0, minute=0, second=0)),
            "last_active_at": ts(last),
            "status": "active",
            **fields,
        }
    )


def dead_vk_members(
    rng: random.Random,
    ids: Ids,
    cal: JoinCalendar,
    counts: tuple[int, int],
    since: tuple[datetime, datetime],
    until: datetime,
    ages: tuple[tuple[int, int], tuple[int, int]],
) -> list[dict]:
    """Members VK now shows as banned, then deactivated ("dogs"): joined from ``since``, accounts ``ages`` days old."""
    out = []
    for i in range(sum(counts)):
        banned = i < counts[0]
        joined = cal.pick(since[0] if banned else since[1], until)
        created = joined - days(rng.randint(*ages[0 if banned else 1]))
        uid = vk_user_id(ids, created)
        status = "banned" if banned else "deactivated"
        out.append({"id": uid, "username": f"id{uid}", "joined_at": ts(joined), "status": status, "has_avatar": False})
    return out


# --------------------------------------------------------------------------- posts and comments


def new_post(
    t: datetime, post_id: str | None, text: str, category: str, metrics: dict, links: list | None = None
) -> dict:
    """A post as the snapshot has it, plus its time ``_t`` (dropped by :func:`finish_posts`)."""
    return {
        "_t": t,
        "id": post_id,
        "published_at": ts(t),
        "text": text,
        "links": [] if links is None else links,
        "is_ad": False,
        "category": category,
        "metrics": metrics,
        "comments_enabled": True,
    }


class Thread:
    """Collects an account's comments, then sorts them by time and numbers them.

    Comments added after :meth:`additions` draw their id steps from that call's own
    generator, so adding some leaves the shared random stream (and so everything
    generated after this thread) as it was.
    """

    def __init__(
        self,
        account_author_id: str,
        first_id: int,
        id_step: tuple[int, int],
        rng: random.Random,
        with_lang: bool = True,
    ):
        self.account_author_id = account_author_id
        self.with_lang = with_lang
        self.next_id = first_id
        self.id_step = id_step
        self.rng = rng
        self.extra_rng: random.Random | None = None
        self.items: list[dict] = []

    def additions(self, rng: random.Random) -> None:
        """From now on, added comments take their id steps from ``rng`` instead of the shared generator."""
        self.extra_rng = rng

    def add(
        self,
        post: dict,
        at: datetime,
        text: str,
        author_id: str | None = None,
        *,
        lang: str | None = None,
        sentiment: str | None = None,
        from_account: bool = False,
        parent: dict | None = None,
        deleted_at: datetime | None = None,
        deleted_by: str | None = None,
        deletion_reason: str | None = None,
    ) -> dict | None:
        if at >= TAKEN_AT or at <= post["_t"] or (parent is not None and at <= parent["_t"]):
            return None
        item = {
            "_t": at,
            "_post": post,
            "_parent": parent,
            "_extra": self.extra_rng is not None,
            "author_id": self.account_author_id if from_account else author_id,
            "from_account": from_account,
            "created_at": ts(at),
            "text": text,
            "lang": lang if self.with_lang else None,
            "sentiment": sentiment,
        }
        if deleted_at is not None and deleted_at < TAKEN_AT:
            item.update(deleted=True, deleted_at=ts(deleted_at), deleted_by=deleted_by, deletion_reason=deletion_reason)
        self.items.append(item)
        return item

    def reply(self, parent: dict, delay: timedelta, text: str, lang: str | None = None) -> dict | None:
        lang = lang or parent.get("lang") or "ru"
        return self.add(parent["_post"], parent["_t"] + delay, text, lang=lang, from_account=True, parent=parent)

    def finish(self) -> list[dict]:
        self.items.sort(key=lambda c: c["_t"])
        for item in self.items:
            item["id"] = str(self.next_id)
            step_rng = self.extra_rng if item["_extra"] and self.extra_rng is not None else self.rng
            self.next_id += step_rng.randint(*self.id_step)
        out = []
        for item in self.items:
            out.append(
                prune(
                    {
                        "id": item["id"],
                        "post_id": item["_post"]["id"],
                        "author_id": item["author_id"],
                        "from_account": item["from_account"],
                        "reply_to": item["_parent"]["id"] if item["_parent"] else None,
                        "created_at": item["created_at"],
                        "text": item["text"],
                        "lang": item["lang"],
                        "sentiment": item["sentiment"],
                        "deleted": item.get("deleted"),
                        "deleted_at": item.get("deleted_at"),
                        "deleted_by": item.get("deleted_by"),
                        "deletion_reason": item.get("deletion_reason"),
                    }
                )
            )
        return out


def finish_posts(posts: list[dict], comments: list[dict]) -> list[dict]:
    """The posts without ``_t``, each with its count of visible comments."""
    counts: dict[str, int] = {}
    for c in comments:
        if not c.get("deleted"):
            counts[c["post_id"]] = counts.get(c["post_id"], 0) + 1
    out = []
    for p in posts:
        p = {k: v for k, v in p.items() if k != "_t"}
        if "metrics" in p:
            metrics = {**p["metrics"], "comments": counts.get(p["id"], 0)}
            p["metrics"] = {k: metrics[k] for k in ("likes", "reposts", "comments", "views", "reach") if k in metrics}
        out.append(p)
    return out


class Deck:
    """Draws items without repetition, reshuffling when it runs out (no template twice in a row)."""

    def __init__(self, rng: random.Random, items: list):
        self.rng = rng
        self.items = list(items)
        self.left: list = []

    def draw(self) -> Any:
        if not self.left:
            self.left = self.items[:]
            self.rng.shuffle(self.left)
        return self.left.pop()


class Talk:
    """Comments that read like a real comment section: whole phrases plus combinations of parts.

    positive()/neutral() give (text, lang); question()/complaint() give (text, lang, the account's answer).
    """

    def __init__(self, rng: random.Random, en_share: float, kit: dict):
        self.rng = rng
        self.en_share = en_share
        self.kit = kit
        self.decks = {k: Deck(rng, v) for k, v in kit.items() if isinstance(v, list)}

    def _en(self) -> bool:
        return self.rng.random() < self.en_share

    def _pick(self, name: str) -> Any:
        return self.decks[name].draw()

    def positive(self) -> tuple[str, str]:
        if self._en():
            if self.rng.random() < 0.5:
                return f"{self._pick('pos_en_subject')} {self._pick('pos_en_praise')}", "en"
            return self._pick("pos_en"), "en"
        if self.rng.random() < 0.4:
            return f"{self._pick('pos_subject')} — {self._pick('pos_praise')}", "ru"
        return self._pick("pos_ru"), "ru"

    def neutral(self) -> tuple[str, str]:
        return (self._pick("neu_en"), "en") if self._en() else (self._pick("neu_ru"), "ru")

    def question(self) -> tuple[str, str, str]:
        if self._en():
            return self._pick("q_en")
        if self.rng.random() < 0.45:
            template, answer = self._pick("q_ru_templates")
            return template.format(**{k: self.rng.choice(v) for k, v in self.kit["slots"].items()}), "ru", answer
        return self._pick("q_ru")

    def complaint(self) -> tuple[str, str, str]:
        return self._pick("c_en") if self._en() else self._pick("c_ru")


# =========================================================================== DEMO: Kofeinya Zerno

# fmt: off
COFFEE_TALK = {
    "pos_ru": [
        "Лучший флэт уайт на Чистых! ☕",
        "Взяла Кению по вашему совету — очень сочная, спасибо!",
        "Обожаю ваш раф с халвой 😍",
        "Бариста Саша — лучший, всегда подскажет, что взять",
        "Заказывала подписку, всё пришло вовремя, кофе огонь 🔥",
        "Эфиопия в этот раз прям ягодная, беру вторую пачку",
        "Спасибо за дегустацию, было очень познавательно!",
        "Ваши дрип-пакеты беру с собой в походы, очень удобно",
        "Наконец-то нормальный фильтр-кофе рядом с работой",
        "Очень вкусно и уютно, спасибо ребятам за атмосферу ❤️",
        "Неплохо, но Колумбия мне понравилась больше",
        "Круто, что открылись на Петроградке!",
        "Хожу к вам каждое утро перед работой, ни разу не разочаровали",
        "Колд брю летом — спасение 🙏",
        "Подарила мужу сертификат — он в восторге",
        "Самая вкусная выпечка к кофе в районе",
        "Рецепт для аэропресса — топ, теперь варю только так",
        "Пачка пришла через день, упаковано аккуратно, спасибо!",
        "Уже третий месяц на подписке, ни одного промаха",
        "Ставлю лайк не глядя 😄",
        "Класс 👍",
        "Вы лучшие, правда",
        "Не ожидал, что кофе без сахара может быть таким сладким",
    ],
    "pos_subject": [
        "Эфиопия", "Кения", "Раф с халвой", "Флэт уайт", "Капучино на овсяном", "Бленд «Утро»", "Новая Руанда",
        "Колд брю", "Фильтр дня", "Гватемала", "Воронка от Саши", "Ваш декаф",
    ],
    "pos_praise": [
        "просто огонь 🔥", "10 из 10", "любовь с первого глотка", "топ", "лучшее, что я пробовала этим летом",
        "восторг 😍", "как всегда на высоте", "очень достойно", "мой фаворит сезона",
    ],
    "pos_en": [
        "Great flat white and friendly staff!",
        "Best specialty coffee in Moscow, hands down.",
        "Visited last weekend — cozy place and great pastries.",
        "Love the new packaging!",
        "My go-to place before work ☕",
        "Brought my friends from Berlin, they loved it",
    ],
    "pos_en_subject": ["The Kenya is", "The flat white is", "Your cold brew is", "The Ethiopia is", "The oat cappuccino is"],
    "pos_en_praise": ["amazing", "so good", "the best in town", "perfect 👌", "really juicy 😍"],
    "neu_ru": [
        "Интересно, надо попробовать",
        "Записала рецепт, спасибо",
        "Ого, не знала",
        "Ждём в Питере!",
        "Молоко или без — зависит от зерна, имхо",
        "Я за капучино 🙂",
        "+1",
        "Без молока, конечно",
        "С молоком и корицей",
        "Сохранила",
        "Надо будет зайти",
        "Ставлю на 1500 чашек",
        "Я за Колумбию",
        "Зависит от настроения 😄",
        "Без сахара и без молока, только так",
    ],
    "neu_en": [
        "Thanks for the recipe",
        "Interesting, never tried a natural process coffee",
        "Black, no sugar",
        "Saving this",
        "Oat latte all the way",
    ],
    "q_ru": [
        ("А зерно для турки смелете?", "ru", "Да, конечно! Укажите в комментарии к заказу «помол под турку» — смелем в день отправки."),
        ("Есть кофе без кофеина?", "ru", "Есть! Колумбия декаф (обработка сахарным тростником), в кофейнях и в магазине на сайте."),
        ("А на Петроградке есть альтернативное молоко?", "ru", "Да, овсяное и миндальное во всех наших кофейнях."),
        ("Во сколько открываетесь в воскресенье?", "ru", "По воскресеньям с 9:00 до 21:00 🙂"),
        ("Подписку можно поставить на паузу?", "ru", "Можно, в личном кабинете или напишите нам в сообщения сообщества."),
        ("Можно забрать заказ самовывозом с Чистых прудов?", "ru", "Да, выберите при оформлении «Самовывоз: Чистопрудный бульвар, 12»."),
        ("А где посмотреть дату обжарки?", "ru", "Дата обжарки напечатана на наклейке сбоку пачки."),
        ("Будет ли ещё дегустация?", "ru", "Да! Анонс будет на следующей неделе, следите за постами."),
        ("А в зёрнах для эспрессо что посоветуете?", "ru", "Для эспрессо берите Бразилию Серрадо или наш бленд «Утро»."),
        ("С собаками к вам можно?", "ru", "Конечно, на Чистых даже есть миска с водой 🐶"),
        ("Оптом для кофейни продаёте?", "ru", "Да, напишите в сообщения сообщества — пришлём оптовый прайс."),
    ],
    "q_ru_templates": [
        ("Сколько стоит доставка в {city}?", "Доставка — от 350 ₽, от 2000 ₽ бесплатно, срок 1–5 дней в зависимости от города."),
        ("А {lot} ещё будет в наличии?", "Да, следующая обжарка в четверг — можно оформить предзаказ на сайте."),
        ("{lot} подойдёт для {method}?", "Подойдёт! Укажите способ заваривания в заказе — смелем под него."),
    ],
    "slots": {
        "city": ["Химки", "Казань", "Тверь", "Мытищи", "Екатеринбург", "Зеленоград", "Пушкин", "Гатчину"],
        "lot": ["Кения", "Руанда", "Гватемала", "Эфиопия", "Колумбия декаф", "Суматра"],
        "method": ["турки", "гейзера", "рожковой кофемашины", "френч-пресса", "капельной кофеварки"],
    },
    "q_en": [
        ("Do you have oat milk?", "en", "Yes, oat and almond milk in all our coffee shops!"),
        ("Do you ship to Kazan?", "en", "Yes, we ship all over Russia via CDEK, 2–4 days to Kazan."),
        ("Is the Ethiopia good for espresso or only filter?", "en", "It's roasted for filter, but it makes a bright, fruity espresso too."),
        ("What time do you open on Sundays?", "en", "Sundays 9am to 9pm 🙂"),
        ("Do you accept foreign cards?", "en", "In the shops — cash and Russian cards only, sorry. Online you can pay via SBP."),
    ],
    "c_ru": [
        ("Вчера капучино был еле тёплый, обидно", "ru", "Простите, пожалуйста! Передали бариста, в следующий раз напиток за наш счёт — покажите этот комментарий."),
        ("Пачка пришла надорванная, зерно рассыпалось", "ru", "Очень жаль! Напишите номер заказа в сообщения сообщества — отправим новую пачку."),
        ("Почему подорожала Колумбия? Ещё месяц назад была 890", "ru", "Закупочная цена на зелёное зерно выросла на 18%, мы подняли цену меньше. Спасибо, что вы с нами."),
        ("Долго ждала заказ у стойки, минут 15. Так себе сервис", "ru", "Извините за ожидание — в субботу был наплыв гостей, вывели второго бариста на выходные."),
        ("Заказала помол под воронку, а пришёл как для эспрессо 😒", "ru", "Простите за путаницу! Отправим новую пачку с правильным помолом бесплатно, напишите номер заказа в сообщения."),
        ("В кофейне на Чистых опять нет овсяного молока", "ru", "Извините, поставщик подвёл на этой неделе, с пятницы овсяное снова будет."),
        ("Музыка в кофейне слишком громкая, невозможно поговорить", "ru", "Спасибо, что сказали! Сделали потише и попросили бариста следить."),
    ],
    "c_en": [
        ("Waited 20 minutes for a latte on Saturday, not great.", "en", "Sorry about that! We've added a second barista on weekends."),
        ("My order arrived two days late.", "en", "Sorry! The courier had delays this week — we've added a free drip set to your next order."),
    ],
}
THANKS = [
    "{n}, спасибо! Очень рады 🙂", "Спасибо за тёплые слова! ☕", "Спасибо, что заходите!", "Спасибо! Ждём снова ☕",
]
FOLLOW_UPS = [("Спасибо!", "ru"), ("Понятно, спасибо 🙏", "ru"), ("Отлично 👍", "ru"), ("Thanks!", "en")]
ORIGINS = [  # (lot, tasting notes, shop slug)
    ("Эфиопия Иргачефф", "жасмин, бергамот, персик", "ethiopia-yirgacheffe"),
    ("Кения Ньери", "чёрная смородина, грейпфрут", "kenya-nyeri"),
    ("Колумбия Уила", "карамель, красное яблоко", "colombia-huila"),
    ("Бразилия Серрадо", "фундук, молочный шоколад", "brazil-cerrado"),
    ("Гватемала Антигуа", "какао, апельсиновая цедра", "guatemala-antigua"),
    ("Руанда Нярусизи", "клюква, чёрный чай", "rwanda-nyarusizi"),
    ("Коста-Рика Тарразу", "мёд, абрикос", "costa-rica-tarrazu"),
    ("Индонезия Суматра", "пряности, тёмный шоколад", "sumatra"),
]
ZERNO_COMMERCIAL = [  # (text, site path, utm_campaign)
    ("Новый лот: {o}. В чашке — {n}. Пачка 250 г — {p} ₽.", "/shop/{slug}", "new_lot"),
    ("Скидка {pct}% на всё зерно до воскресенья! Промокод ZERNO{pct} 🔥", "/shop", "sale_{pct}"),
    ("Подписка на кофе: свежая обжарка каждые две недели с доставкой по Москве и Петербургу. Первая пачка — в подарок.", "/subscription", "subscription"),
    ("Дрип-пакеты снова в наличии: набор из 10 штук ({o}) — {p} ₽.", "/shop/drip", "drip"),
    ("Подарочные сертификаты Зерна — на 1000, 2000 и 3000 ₽. Лучший подарок для кофемана ☕", "/gift", "gift_cards"),
    ("Бленд «Утро» для эспрессо и капучино: Бразилия + Колумбия. {p} ₽ за 250 г, 1 кг — со скидкой 15%.", "/shop/blend-utro", "blend_utro"),
    ("Только на этой неделе: {o} + воронка V60 со скидкой {pct}%.", "/shop/sets", "set_v60"),
    ("Кофе для офиса: привезём 5 кг свежей обжарки и настроим вашу кофемашину бесплатно.", "/office", "office"),
    ("Колд брю в бутылках 0,3 л — уже в кофейнях и с доставкой. {p} ₽ за набор из шести.", "/shop/cold-brew", "cold_brew"),
    ("Микролот недели: {o}. Всего 30 пачек, в чашке — {n}.", "/shop/{slug}", "microlot"),
]
ZERNO_EDUCATIONAL = [
    "Как заварить кофе в воронке: 15 г кофе на 250 мл воды 92–94 °C, помол чуть крупнее соли, время — 2:30–3:00. Сохраняйте!",
    "Мытая или натуральная обработка? Рассказываем на примере двух лотов из Эфиопии — и почему у них такой разный вкус.",
    "Почему кофе горчит: пережаренное зерно, слишком тонкий помол или слишком горячая вода. Разбираем по шагам.",
    "Храните зерно в непрозрачной банке с клапаном, а не в холодильнике. Лучше всего кофе раскрывается на 7–21 день после обжарки.",
    "Аэропресс за 5 минут: пошаговый рецепт от нашего бариста Саши. 17 г кофе, 220 мл воды, 1:30 настаивания.",
    "Что такое «кислотность» в кофе и почему это не недостаток. Короткий ликбез от обжарщика.",
    "Турка, гейзер или френч-пресс: какой помол нужен для каждого способа. Шпаргалка в карточках 👇",
    "Откуда берётся специалти-кофе: от фермы в Уиле до нашего ростера на Чистых прудах. История одного лота.",
]
ZERNO_ENTERTAINING = [
    "Опрос: а вы пьёте кофе с молоком или без? 🥛☕",
    "Угадайте, сколько чашек капучино мы сварили в {m}? Ответ — завтра в комментариях 😉",
    "Бариста-баттл в пятницу: кто нарисует лучшего лебедя на латте? Приходите болеть!",
    "Кофейный мем недели: «Я не злой, я просто ещё не выпил кофе» 🙃",
    "Наш ростер сегодня в хорошем настроении: 12 килограммов Кении за утро 🔥",
    "Какой кофе вы бы взяли с собой на необитаемый остров? Пишите в комментариях!",
    "Бариста по знаку зодиака: Овен пьёт двойной эспрессо, а вы? ♈☕",
    "Закулисье: так выглядит 60-килограммовый мешок зелёного зерна ({o}) до обжарки 📦",
    "Продолжите фразу: «Утро без кофе — это...»",
]
ZERNO_UGC = [
    "Фото от нашего гостя @{u}: утро на Петроградке и фильтр-кофе. Спасибо, что делитесь! 📸",
    "Отзыв недели: «Кения — лучший кофе, что я пробовала в этом году». Спасибо, {name}!",
    "Ваши фото с нашими пачками — отмечайте #зернокофе, лучшие покажем в группе 📸",
    "Латте-арт от нашей гостьи {name}: первый лебедь после мастер-класса! 🦢",
    "Рецепт от подписчика @{u}: тоник-эспрессо с апельсином. Пробуем всей командой 🍊",
]
ZERNO_NEWS = [  # (text, external link)
    ("С понедельника открываемся на час раньше — с 7:30 на Чистых прудах.", None),
    ("Новая точка в Петербурге: Большой проспект П. С., 41. Открытие в субботу!", None),
    ("Мы на Moscow Coffee Festival: стенд B12, приходите на дегустацию!", "https://moscowcoffeefestival.ru/"),
    ("Наш бариста Саша — в финале чемпионата России по заварочным методам. Болеем!", "https://www.youtube.com/watch?v=Zr4nQ8vX2kE"),
    ("Со следующего месяца цены на часть лотов меняются: зелёное зерно подорожало на 18%. Подробности в карточках.", None),
    ("В эту субботу кофейня на Чистых работает до 18:00 — санитарный день.", None),
    ("Мы теперь принимаем оплату по СБП во всех кофейнях.", None),
    ("В кофейне на Чистых появилась веранда — до холодов работаем и на улице ☀️", None),
]
MONTHS_RU = ["мае", "июне", "июле", "августе", "сентябре", "октябре"]
GIRLS = ["Марина", "Оля", "Катя", "Настя", "Лена", "Юля"]
TASTING = [  # ((hour, minute), category, text)
    ((9, 0), "news", "Сегодня — осенняя дегустация на Чистых прудах! Начинаем в 12:00, вход свободный. Наливаем пять лотов нового урожая ☕"),
    ((12, 14), "entertaining", "Мы начали! Очередь почти до бульвара 😅 Первый лот — Руанда Нярусизи: клюква и чёрный чай. Кто уже с нами?"),
    ((15, 7), "educational", "Прямо с дегустации: как пробовать кофе, как обжарщик. Сёрбайте с ложки, чтобы кофе разлетелся по нёбу, и сравнивайте лоты при одной температуре — остывая, кофе раскрывается иначе."),
    ((18, 2), "commercial", "Все пять лотов дегустации уже в магазине на сайте: Руанда, Коста-Рика, Кения, Гватемала и Эфиопия. До понедельника — скидка 15% по промокоду DEGUST15 🔥"),
    ((21, 26), "user_generated", "Спасибо всем, кто пришёл! Больше 150 гостей, 12 кг кофе и пять лотов. Фото гостей — в альбоме «Осенняя дегустация», отмечайте себя 📸"),
]
ABROAD = [
    ("GE", "Тбилиси"), ("GE", "Батуми"), ("AM", "Ереван"), ("RS", "Белград"), ("RS", "Нови-Сад"), ("KZ", "Алматы"),
    ("TR", "Стамбул"), ("CY", "Лимасол"), ("DE", "Берлин"), ("AE", "Дубай"), ("TH", "Пхукет"), ("IL", "Тель-Авив"),
]
IG_COMMERCIAL = [
    "{o} уже в наличии! {n} ☕ Заказ — по ссылке в профиле 👆 #зернокофе #specialtycoffee #кофемосква",
    "Скидка {pct}% на первый заказ с промокодом INSTA{pct} 🔥 Ссылка в шапке профиля #кофе #скидка",
    "Подписка на свежую обжарку — первая пачка в подарок 🎁 Подробности в профиле",
    "Новый мерч: кружки и термосы Зерно ☕ Пишите в директ, отправим в любой город",
    "Бленд «Утро» — {p} ₽ за 250 г. Идеален для капучино 🥛 #кофемосква",
    "Дрип-пакеты для путешествий ✈️ Набор из 10 штук — {p} ₽. Ссылка в профиле",
    "Fresh roast every week ☕ Order via the link in bio #specialtycoffee #moscowcoffee",
    "{o}: {n}. Последние 20 пачек этой обжарки 🔥 Ссылка в профиле",
    "Набор «Три континента»: Эфиопия, Колумбия и Суматра по 100 г — {p} ₽ 🎁",
    "Подарочные сертификаты — в директ или по ссылке в профиле 💌",
    "Колд брю в бутылках уже в кофейнях 🧊 {p} ₽ за шесть штук",
    "Воронка V60 + {o} со скидкой {pct}% только до воскресенья ⏳",
    "Кофе для офиса: первая доставка бесплатно ☕ Подробности в директ",
]
IG_OTHER = [  # (text, category)
    ("Мы открылись в Instagram! Подписывайтесь, здесь будут новинки и закулисье обжарки", "news"),
    ("Утро в кофейне на Чистых ☀️ Кто уже с нами?", "entertaining"),
    ("Как заварить кофе в турке без горечи: три правила от нашего бариста 👇", "educational"),
    ("Ваши фото с #зернокофе — лучшее, что с нами случалось 📸", "user_generated"),
    ("Латте-арт от гостьи Кати — первый тюльпан! 🌷 #зернокофе", "user_generated"),
    ("Закулисье обжарки: 12 минут, 210 °C и много терпения 🔥", "entertaining"),
]
TG_TEXTS = [  # (text, category, site path)
    ("Привет! Это канал кофейни Зерно ☕ Здесь — новые лоты, акции и закулисье обжарки.", "news", None),
    ("Новый лот: {o}. {n}. Заказать: {url}", "commercial", "/shop/{slug}"),
    ("Скидка {pct}% для подписчиков канала до пятницы — промокод TG{pct}. {url}", "commercial", "/shop"),
    ("Рецепт недели: колд брю. 80 г кофе крупного помола на 1 л холодной воды, 14 часов в холодильнике.", "educational", None),
    ("Сегодня обжариваем Кению — на Чистых пахнет смородиной 🍇", "entertaining", None),
    ("Дегустация в субботу в 12:00 на Чистых прудах, вход свободный. Регистрация: {url}", "news", "/events/degustaciya"),
    ("Подписка на кофе теперь и в Петербурге 🎉 {url}", "commercial", "/subscription"),
    ("Как мы выбираем лоты: каппинг по пятницам, 20 образцов и один победитель.", "educational", None),
    ("Почему не стоит хранить кофе в холодильнике — коротко и с картинками.", "educational", None),
    ("Бариста Саша делится плейлистом для утренней смены 🎧", "entertaining", None),
    ("Набор дрип-пакетов «Путешественник» — 10 лотов со всего мира. {url}", "commercial", "/shop/drip"),
    ("На Чистых прудах теперь можно оплатить по СБП.", "news", None),
]
EXPORTER_SENTIMENT = {"positive": "positive", "neutral": "neutral", "question": "neutral", "complaint": "negative"}  # by the exporter
BOT_PLACES = [("UA", None), ("KZ", "Шымкент"), ("UZ", "Ташкент"), ("IN", "Delhi"), ("BD", "Dhaka"), ("ID", "Jakarta"), ("VN", "Hanoi"), ("BR", None)]
DEMO_TEAM = [  # (id, name, role, left at, accounts, accounts run elsewhere)
    ("tm-alexey", "Алексей Зернов", "owner", None, ["vk-zerno"], 0),
    ("tm-irina", "Ирина Ковалёва", "smm_manager", None, ["vk-zerno", "ig-zerno", "tg-zerno"], 4),
    ("tm-dmitry", "Дмитрий Орлов", "content_manager", dt(2026, 8, 20, 18, 0), ["vk-zerno"], 2),
]
ZERNO_VK_ADS = [
    ad("vkads-54310", "Подписка на кофе — ретаргетинг посетителей сайта", utm("https://zerno-coffee.ru/subscription", "vk", "cpc", None), dt(2026, 7, 15, 10)),
    ad("vkads-54877", "Зерно месяца: Эфиопия Иргачефф", utm("https://zerno-coffee.ru/shop/ethiopia-yirgacheffe", "vk", "cpc", "ethiopia_sept"), dt(2026, 9, 1, 9), dt(2026, 9, 21, 23, 59)),
    ad("vkads-55012", "Осенняя дегустация — таргет Москва, 25–45", "https://zerno-coffee.ru/events/degustaciya", dt(2026, 10, 1, 10), dt(2026, 10, 14, 23, 59)),
]
ZERNO_IG_ADS = [
    ad("ig-promo-1201", "Продвижение: запуск Instagram", utm("https://zerno-coffee.ru/", "instagram", "paid", "ig_launch"), dt(2026, 5, 20, 12), dt(2026, 5, 27, 12)),
]
SHARED_PASSWORD = "ZernoCoffee2019"  # made up; only its fingerprint is exported
DEMO_LOGINS = [  # (account, login, holders, password, two-factor, last changed, recovery e-mail)
    ("vk-zerno", "a.zernov@zerno-coffee.ru", ["tm-alexey", "tm-irina", "tm-dmitry"], SHARED_PASSWORD, True, dt(2026, 3, 14, 11, 20), "a.zernov@zerno-coffee.ru"),
    ("ig-zerno", "zerno.coffee", ["tm-irina"], SHARED_PASSWORD, False, dt(2025, 4, 8, 16, 25), "kristina.belova.smm@gmail.com"),
]
# fmt: on


def build_demo() -> dict:
    rng = random.Random(20261101)
    later = random.Random(20261017)  # the VK group's and Instagram's later additions (see demo_vk)
    builder = SnapshotBuilder(name="Kofeinya Zerno", domains=["zerno-coffee.ru"], target_regions=["RU-MOW", "RU-SPE"])
    demo_vk(builder, rng, later)
    demo_instagram(builder, rng, later)
    demo_telegram(builder, rng)
    add_team(builder, DEMO_TEAM)
    add_logins(builder, DEMO_LOGINS)
    return builder.build()


# ------------------------------------------------------------------------------- the VK group


def ru_place(rng: random.Random) -> tuple[str | None, str | None]:
    r = rng.random()
    if r < 0.60:
        return "RU", "Москва"
    if r < 0.77:
        return "RU", "Санкт-Петербург"
    if r < 0.83:
        return "RU", rng.choice(["Химки", "Мытищи", "Королёв", "Балашиха", "Подольск"])
    if r < 0.91:
        return "RU", rng.choice(["Казань", "Новосибирск", "Екатеринбург", "Тула", "Нижний Новгород", "Краснодар"])
    if r < 0.96:
        return rng.choice([("BY", "Минск"), ("KZ", "Алматы"), ("GE", "Тбилиси"), ("RS", "Белград"), ("AM", "Ереван")])
    return None, None


def genuine_vk_follower(rng: random.Random, ids: Ids, cal: JoinCalendar, lo: datetime, hi: datetime) -> dict:
    created = between(rng, dt(2008, 1, 1), dt(2022, 12, 31))
    joined = cal.pick(max(lo, created + days(30)), hi)
    r = rng.random()
    if r < 0.82:
        last = between(rng, TAKEN_AT - days(10), TAKEN_AT - minutes(5))
    elif r < 0.95:
        last = between(rng, TAKEN_AT - days(120), TAKEN_AT - days(10))
    else:
        last = between(rng, TAKEN_AT - days(500), TAKEN_AT - days(120))
    last = min(max(last, joined + days(rng.randint(1, 40))), TAKEN_AT - minutes(3))
    uid = vk_user_id(ids, created)
    country, city = ru_place(rng)
    lurker = rng.random() < 0.08
    following = lognormal_int(rng, 190, 0.8, 12, 1450)
    if rng.random() < 0.03:
        following = rng.randint(1500, 2900)  # real people who add everyone
    return vk_member(
        uid,
        f"id{uid}" if rng.random() < 0.18 else person_username(rng),
        joined,
        created,
        last,
        has_avatar=rng.random() < 0.92,
        is_private=rng.random() < 0.25,
        bio_length=0 if rng.random() < 0.5 else rng.randint(4, 140),
        posts_count=rng.randint(0, 2) if lurker else lognormal_int(rng, 60, 1.2, 3, 4000),
        followers_count=lognormal_int(rng, 160, 0.9, 5, 5000),
        following_count=following,
        country=country,
        city=city,
    )


def bought_vk_follower(
    rng: random.Random, ids: Ids, joined: datetime, created_before: tuple[float, float], mass_share: float
) -> dict:
    created = joined - timedelta(seconds=rng.randint(int(created_before[0] * 3600), int(created_before[1] * 3600)))
    uid = vk_user_id(ids, created)
    last = joined if rng.random() < 0.7 else joined + minutes(rng.randint(1, 5))
    r = rng.random()
    country, city = (None, None) if r < 0.35 else ("RU", None) if r < 0.55 else rng.choice(BOT_PLACES)
    return prune(
        {
            "id": uid,
            "username": bot_username(rng, uid),
            "joined_at": ts(joined),
            "created_at": ts(created),
            "last_active_at": ts(last),
            "status": "active",
            "has_avatar": rng.random() < 0.2,
            "is_private": rng.random() < 0.3,
            "bio_length": 0 if rng.random() < 0.9 else rng.randint(3, 20),
            "posts_count": 0 if rng.random() < 0.85 else rng.randint(1, 2),
            "followers_count": rng.randint(0, 12),
            "following_count": rng.randint(1500, 4800) if rng.random() < mass_share else rng.randint(300, 1400),
            "country": country,
            "city": city,
        }
    )


def demo_vk(builder: SnapshotBuilder, rng: random.Random, later: random.Random) -> None:
    ids = Ids(rng)
    group_id = "187654321"
    created = dt(2019, 3, 12, 14, 5)
    cal = JoinCalendar(rng, per_day=2)
    # 250 organic members since 2019, plus a legitimate trickle after the October tasting ad
    followers = [genuine_vk_follower(rng, ids, cal, created + days(2), TAKEN_AT - hours(6)) for _ in range(242)]
    followers += [genuine_vk_follower(rng, ids, cal, dt(2026, 10, 1, 10), dt(2026, 10, 14, 23)) for _ in range(8)]
    # bought batch no. 1: 14 bots on 2 June 2026; no. 2: the join spike of 14 September 2026, 44 bots in three hours
    followers += [
        bought_vk_follower(rng, ids, daytime(rng, dt(2026, 6, 2), 2, 4.5), (6, 20 * 24), 0.6) for _ in range(14)
    ]
    followers += [
        bought_vk_follower(rng, ids, daytime(rng, dt(2026, 9, 14), 13, 16.5), (0.2, 72), 0.8) for _ in range(44)
    ]
    # "dogs": members VK now shows as deactivated or banned
    dogs_since = (dt(2023, 1, 1), created + days(10))
    followers += dead_vk_members(rng, ids, cal, (4, 8), dogs_since, dt(2025, 12, 31), ((1, 15), (400, 3000)))
    followers.sort(key=lambda f: (f["joined_at"], f["id"]), reverse=True)
    assert len(followers) == 320
    active = [f for f in followers if f["status"] == "active"]
    genuine = [f["id"] for f in active if f.get("has_avatar") and f.get("posts_count", 0) > 2]
    bots = [f["id"] for f in followers if f.get("following_count", 0) >= 1500 and not f.get("has_avatar")]

    posts = demo_vk_posts(rng, group_id)
    th = Thread(f"-{group_id}", 90214, (1, 9), rng)
    demo_vk_comments(rng, ids, th, posts, genuine, bots)
    # later additions, all drawn from a generator of their own (`later`), so the data above and
    # the Instagram and Telegram accounts after it stay exactly as they were
    th.additions(later)
    posts, tasting = demo_vk_tasting(later, group_id, posts)
    demo_vk_tasting_chat(later, th, tasting, genuine, followers)
    # members react less: likes and reposts of the organic posts of the last 30 days are half
    # what they were (comments as they are), so engagement by reach falls (engagement-rate)
    for p in posts:
        if not p["is_ad"] and TAKEN_AT - days(30) <= p["_t"] < TAKEN_AT:
            p["metrics"]["likes"] //= 2
            p["metrics"]["reposts"] //= 2
    followers += demo_vk_later_followers(later, Ids(later, ids.used), JoinCalendar(later, 2, cal.count), created)
    followers.sort(key=lambda f: (f["joined_at"], f["id"]), reverse=True)
    assert len(followers) == 374 and len({f["id"] for f in followers}) == len(followers)

    comments = th.finish()
    builder.account(
        "vk-zerno",
        platform="vk",
        kind="group",
        name="Кофейня Зерно | Specialty-кофе Москва и Петербург",
        handle="zerno.coffee",
        url="https://vk.com/zerno.coffee",
        created_at=ts(created),
        is_commercial=True,
        owner={"type": "client", "name": "ИП Зернов Алексей Викторович"},
        followers_count=len(followers),
        settings={
            "comments_enabled": True,
            "messages_enabled": True,
            "profanity_filter": False,
            "spam_filter": False,
            "discussions_enabled": False,
        },
        profile={
            "description": "Кофейня и обжарка specialty-кофе в Москве и Петербурге ☕ Свежая обжарка каждую неделю, доставка зерна по всей России.",
            "avatar": True,
            "cover": False,
            "website": utm("https://zerno-coffee.ru/", "vk", "social", "profile"),
            "contacts": ["+7 495 123-45-67", "hello@zerno-coffee.ru", "Москва, Чистопрудный бульвар, 12"],
        },
        followers=followers,
        followers_sampling="full",
        posts=finish_posts(posts, comments),
        comments=comments,
        ads=ZERNO_VK_ADS,
    )


def demo_vk_posts(rng: random.Random, group_id: str) -> list[dict]:
    day_offsets = sorted(rng.sample(range(0, 181), 65))
    post_days = [dt(2026, 5, 2) + days(o) for o in day_offsets if o != 181] + [dt(2026, 10, 30)]
    post_days = sorted(dict.fromkeys(d.date() for d in post_days))
    assert len(post_days) >= 64
    categories = ["commercial", "educational", "entertaining", "user_generated", "news"]
    cats = rng.choices(categories, weights=[36, 24, 18, 10, 12], k=len(post_days))
    posts: list[dict] = []
    link_posts: list[tuple[dict, str, str]] = []  # (post, path, campaign) for own links
    wall_no = 1138
    templates = (ZERNO_COMMERCIAL, ZERNO_EDUCATIONAL, ZERNO_ENTERTAINING, ZERNO_UGC)
    decks = {cat: Deck(rng, items) for cat, items in zip(categories, templates, strict=False)}
    news = itertools.cycle(ZERNO_NEWS)
    for day, cat in zip(post_days, cats, strict=True):
        t = daytime(rng, dt(day.year, day.month, day.day), 9, 20)
        wall_no += rng.randint(1, 3)
        o, notes, slug = rng.choice(ORIGINS)
        fill = dict(
            o=o,
            n=notes,
            p=rng.choice([690, 740, 790, 890, 950, 1150, 1290]),
            pct=rng.choice([10, 15, 20]),
            slug=slug,
            m=MONTHS_RU[min(t.month - 5 - 1, 5)] if t.month > 5 else "апреле",
            u=person_username(rng),
            name=rng.choice(GIRLS),
        )
        links: list[str] = []
        path = camp = None
        if cat == "commercial":
            text, path, camp = (part.format(**fill) for part in decks[cat].draw())
        elif cat == "news":
            text, ext = next(news)
            if ext:
                links.append(ext)
        else:
            text = decks[cat].draw().format(**fill)
            if cat == "educational" and rng.random() < 0.3:
                path, camp = "/blog/brewing", "brew_guide"
        reach = int(320 * rng.uniform(0.28, 0.6))
        metrics = {
            "likes": max(2, int(reach * rng.uniform(0.03, 0.11))),
            "reposts": rng.choice([0, 0, 0, 1, 1, 2, 3, 5]),
            "views": int(reach * rng.uniform(1.1, 1.5)),
            "reach": reach,
        }
        posts.append(new_post(t, f"-{group_id}_{wall_no}", text, cat, metrics, links))
        if path:
            link_posts.append((posts[-1], path, camp))

    # own-domain links: a realistic mix of tagged and untagged, plus one of each special case
    special = {3: "partial", 7: "facebook", 10: "short", 13: "malformed", 16: "upper_www", 19: "subdomain"}
    for i, (post, path, camp) in enumerate(link_posts):
        kind = special.get(i) or ("tagged" if rng.random() < 0.4 else "bare")
        base = f"https://zerno-coffee.ru{path}"
        url = {
            "tagged": utm(base, "vk", "social", camp),
            "bare": base,
            "partial": utm(base, "vk", "social", None),
            "facebook": utm(base, "facebook", "social", camp),
            "short": "https://vk.cc/cAbX9q",
            "malformed": f"https://zerno-coffee.ru]{path}",
            "upper_www": utm(f"https://WWW.Zerno-Coffee.RU{path}", "vk", "social", camp),
            "subdomain": f"https://shop.zerno-coffee.ru{path.replace('/shop', '/catalog')}",
        }[kind]
        place = "links" if kind in special.values() else rng.choices(["links", "text", "both"], [55, 30, 15])[0]
        lead = rng.choice(["Заказать", "Подробнее", "Купить на сайте", "Все лоты"])
        post["text"] += f"\n\n{lead}: {url}" if place in ("text", "both") else f"\n\n{lead} — по ссылке 👇"
        if place in ("links", "both"):
            post["links"].append(url)
    # the price-change announcement and three sales posts with comments closed; three promoted sales posts
    sales = [p for p in posts if p["category"] == "commercial"]
    for p in [p for p in posts if p["text"].startswith("Со следующего месяца цены")][:1] + sales[2:5]:
        p["comments_enabled"] = False
    for p in sales[6:9]:
        p["is_ad"] = True
        p["metrics"]["reach"] = int(p["metrics"]["reach"] * 6.5)
        p["metrics"]["views"] = int(p["metrics"]["reach"] * 1.2)
        p["metrics"]["likes"] += rng.randint(5, 15)
    return posts


def demo_vk_comments(
    rng: random.Random, ids: Ids, th: Thread, posts: list[dict], genuine: list[str], bots: list[str]
) -> None:
    talk = Talk(rng, 0.12, COFFEE_TALK)
    open_posts = [p for p in posts if p["comments_enabled"]]
    for post in open_posts:
        for _ in range(rng.choices([0, 1, 2, 3, 4, 5], weights=[18, 24, 25, 17, 10, 6])[0]):
            kind = rng.choices(["positive", "neutral", "question", "complaint"], weights=[40, 24, 26, 10])[0]
            at = post["_t"] + minutes(lognormal_int(rng, 180, 1.3, 3, 6 * 24 * 60))
            if rng.random() < 0.85:
                author = rng.choice(genuine)
            else:
                author = vk_user_id(ids, between(rng, dt(2010, 1, 1), dt(2022, 1, 1)))  # not a member
            label = rng.random() < 0.4  # the exporter's moderation tool labelled some comments
            no_lang = rng.random() < 0.15  # ... and detected the language of most
            if kind in ("positive", "neutral"):
                text, lang = talk.positive() if kind == "positive" else talk.neutral()
            else:
                text, lang, answer = talk.question() if kind == "question" else talk.complaint()
            sentiment = EXPORTER_SENTIMENT[kind] if label else None
            c = th.add(post, at, text, author, lang=None if no_lang else lang, sentiment=sentiment)
            if not c:
                continue
            if kind == "positive" and rng.random() < 0.25:
                th.reply(
                    c, minutes(rng.randint(40, 24 * 60)), rng.choice(THANKS).format(n=rng.choice(GIRLS)), lang="ru"
                )
            elif kind == "question" and rng.random() < 0.55:
                delay = rng.choices(
                    [minutes(rng.randint(20, 180)), hours(rng.randint(5, 30)), days(rng.uniform(2, 4))],
                    weights=[40, 40, 20],
                )[0]
                r = th.reply(c, delay, answer, lang=lang)
                if r and rng.random() < 0.3:
                    follow_up, follow_up_lang = rng.choice(FOLLOW_UPS)
                    at = r["_t"] + minutes(rng.randint(5, 300))
                    th.add(post, at, follow_up, author, lang=follow_up_lang, parent=r)
            elif kind == "complaint" and rng.random() < 0.7:
                th.reply(c, hours(rng.uniform(2, 20)), answer, lang=lang)
        if rng.random() < 0.12 and bots:  # bot noise left in place
            spam = rng.choice(["Посмотрите мой профиль 🔥🔥🔥", "👍👍👍", "Отличный пост! Подписывайтесь взаимно"])
            at = post["_t"] + minutes(rng.randint(1, 30))
            th.add(post, at, spam, rng.choice(bots), lang="ru" if spam[0].isalpha() else None)

    def case(
        day: tuple[int, int],
        text: str,
        lang: str | None,
        sentiment: str | None,
        *,
        author: str | None = None,
        deleted: tuple[timedelta, str] | None = None,
        reason: str | None = None,
        after: timedelta | None = None,
        reply: tuple[timedelta, str] | None = None,
    ) -> None:
        """A comment ``after`` the last open post before ``day`` (of 2026), ``deleted`` (after, by), with the account's ``reply`` (after, text)."""
        post = [p for p in open_posts if p["_t"] <= dt(2026, *day)][-1]
        at = post["_t"] + (after or hours(5))
        gone, by = deleted or (None, None)
        c = th.add(
            post,
            at,
            text,
            author or rng.choice(genuine),
            lang=lang,
            sentiment=sentiment,
            deleted_at=at + gone if gone else None,
            deleted_by=by,
            deletion_reason=reason,
        )
        assert c is not None, text
        if reply:
            th.reply(c, *reply)

    # fmt: off
    # complaints deleted with no reason
    case((10, 12), "Заказ не пришёл уже две недели, верните деньги", "ru", "negative", deleted=(minutes(38), "account"))
    case((9, 22), "Кофе прогорклый, обжарка явно не свежая, а на пачке дата недельной давности. Разочарована.", "ru", None, deleted=(hours(2.5), "tm-irina"))
    case((8, 9), "Ordered two bags on the 3rd, still nothing and nobody answers my emails. Not impressed.", "en", None, deleted=(hours(7), "account"))
    case((10, 21), "Ну да, «свежая обжарка», как же 🙃 Третий раз беру — и третий раз кислятина", None, None, deleted=(hours(1.2), "account"), after=hours(26))
    case((7, 16), "Курьер опоздал на 3 часа и ещё нахамил. Больше не закажу.", "ru", "negative", deleted=(hours(27), "tm-dmitry"), reason="other",
         reply=(hours(3), "Приносим извинения! Напишите, пожалуйста, номер заказа в сообщения — разберёмся с курьерской службой."))
    # legitimate moderation
    case((6, 3), "Заработок от 5000 ₽ в день без вложений! Пиши в ЛС 💰💰💰", "ru", None, author=bots[0], deleted=(minutes(55), "account"), reason="spam", after=minutes(12))
    case((9, 15), "Раскрутка групп ВК, живые подписчики недорого — пишите в личку", "ru", None, author=bots[1], deleted=(hours(3), "tm-irina"), reason="spam", after=minutes(40))
    case((8, 27), "Да пошли вы со своим кофе, *** ******", "ru", "negative", deleted=(minutes(20), "tm-irina"), reason="obscene")
    case((7, 30), "Марина, вот мой номер +7 903 111-22-33, скиньте адрес, куда подъехать", "ru", "neutral", deleted=(hours(1), "account"), reason="personal_data")
    case((9, 5), "Ой, не в ту группу написала 🙈", "ru", None, deleted=(minutes(2), "author"))
    # personal data left in public, answered a day later
    case((10, 6), "Хочу заказать кофе в офис на 20 человек, позвоните, пожалуйста: +7 916 555-12-34, Елена", "ru", None,
         reply=(hours(26), "Елена, здравствуйте! Перезвонили вам, ждём подтверждения заказа 🙂"))
    # questions nobody answered
    case((10, 24), "Подскажите, а корпоративные заказы со счётом для юрлица делаете?", "ru", None)
    case((10, 28), "Is the Chistye Prudy shop open on November 4th?", "en", None, after=hours(3))
    # fmt: on


def demo_vk_tasting(rng: random.Random, group_id: str, posts: list[dict]) -> tuple[list[dict], list[dict]]:
    """The autumn tasting (advertised 1-14 October) covered live on Saturday 17 October: five posts
    in one day flood the members' feeds (posting-frequency). Returns all posts and the five."""
    tasting_day = dt(2026, 10, 17)
    burst: list[dict] = []
    for (hh, mm), cat, text in TASTING:
        t = tasting_day.replace(hour=hh, minute=mm, second=rng.randint(0, 59))
        reach = int(320 * rng.uniform(0.22, 0.45))  # five posts a day: each reaches fewer members
        metrics = {
            "likes": max(2, int(reach * rng.uniform(0.03, 0.11))),
            "reposts": rng.choice([0, 0, 1, 1, 2, 3]),
            "views": int(reach * rng.uniform(1.1, 1.5)),
            "reach": reach,
        }
        burst.append(new_post(t, None, text, cat, metrics))  # numbered below, in wall order
    # wall numbers run in publication order: the five take the numbers after the last post
    # before them, and every later post moves up by five
    last_before = max(int(p["id"].rsplit("_", 1)[1]) for p in posts if p["_t"] < tasting_day)
    for p in posts:
        if p["_t"] > tasting_day:
            p["id"] = f"-{group_id}_{int(p['id'].rsplit('_', 1)[1]) + len(burst)}"
    for n, p in enumerate(burst, 1):
        p["id"] = f"-{group_id}_{last_before + n}"
    return sorted(posts + burst, key=lambda p: p["_t"]), burst


def demo_vk_tasting_chat(
    rng: random.Random, th: Thread, tasting: list[dict], genuine: list[str], followers: list[dict]
) -> None:
    opening, live, tips, sale, thanks = tasting
    usernames = {f["id"]: f.get("username", "") for f in followers}
    olga = next(uid for uid in genuine if usernames[uid].startswith("olga"))
    # fmt: off
    chat = [  # (post, after it, text, sentiment, author (else a member), the account's reply (after, text))
        (opening, minutes(47), "А до скольки будет дегустация?", None, None, (minutes(22), "До 18:00, приходите в любое время 🙂")),
        (opening, hours(2.3), "Уже едем с подругой!", None, None, None),
        (live, minutes(31), "Стоим в очереди, ради Руанды не жалко 😄", None, None, None),
        (tips, minutes(54), "Сохранила, спасибо!", "positive", None, None),
        # a customer's e-mail left in public; the account answered but did not hide it (pii-exposure)
        (sale, minutes(93), "Пришлите прайс для офиса на olga.m1985@mail.ru, пожалуйста", None, olga, (minutes(48), "Ольга, добрый вечер! Отправили прайс на почту 🙂")),
        (thanks, minutes(18), "Спасибо за дегустацию, было очень познавательно!", None, None, None),
        # an untagged link to the site in the account's own reply (missing-utm)
        (thanks, hours(12.6), "А где посмотреть все лоты, которые вы наливали?", None, None, (minutes(35), "Все лоты с дегустации — в каталоге: https://zerno-coffee.ru/catalog")),
    ]
    # fmt: on
    for post, after, text, sentiment, author, reply in chat:
        c = th.add(post, post["_t"] + after, text, author or rng.choice(genuine), lang="ru", sentiment=sentiment)
        if reply:
            assert c is not None, text
            th.reply(c, *reply, lang="ru")


def demo_vk_later_followers(rng: random.Random, ids: Ids, cal: JoinCalendar, group_created: datetime) -> list[dict]:
    # more "dogs" (bot-followers' dead weight): members deleted or banned since they joined,
    # on the same calendar as everyone else, so no day looks like a spike
    since = (dt(2022, 6, 1), group_created + days(30))
    followers = dead_vk_members(rng, ids, cal, (8, 22), since, dt(2026, 3, 31), ((2, 40), (300, 3500)))
    # regulars who moved abroad and still follow the group (bot-followers' out-of-region share)
    for _ in range(24):
        created = between(rng, dt(2009, 1, 1), dt(2020, 12, 31))
        joined = cal.pick(max(group_created + days(2), created + days(30)), dt(2026, 9, 30))
        last = min(max(between(rng, TAKEN_AT - days(30), TAKEN_AT - hours(2)), joined + days(1)), TAKEN_AT - minutes(3))
        uid = vk_user_id(ids, created)
        country, city = rng.choice(ABROAD)
        followers.append(
            vk_member(
                uid,
                person_username(rng),
                joined,
                created,
                last,
                has_avatar=rng.random() < 0.95,
                is_private=rng.random() < 0.25,
                bio_length=0 if rng.random() < 0.4 else rng.randint(4, 140),
                posts_count=lognormal_int(rng, 60, 1.1, 3, 3000),
                followers_count=lognormal_int(rng, 180, 0.8, 10, 4000),
                following_count=lognormal_int(rng, 200, 0.7, 15, 1400),
                country=country,
                city=city,
            )
        )
    return followers


# ------------------------------------------------------------------------------- Instagram (a freelancer's, silent since July)


def demo_instagram(builder: SnapshotBuilder, rng: random.Random, later: random.Random) -> None:
    ids = Ids(rng)
    created = dt(2025, 4, 8, 16, 20)
    followers: list[dict] = []
    cal = JoinCalendar(rng, per_day=2)
    for _ in range(80):
        joined = cal.pick(created + days(1), TAKEN_AT - days(1))
        followers.append(
            {
                "id": ids.draw(1_500_000_000, 75_000_000_000),
                "username": person_username(rng, ig=True),
                "joined_at": ts(joined),
                "status": "active",
                "has_avatar": rng.random() < 0.95,
                "is_private": rng.random() < 0.3,
                "bio_length": 0 if rng.random() < 0.2 else rng.randint(8, 150),
                "posts_count": lognormal_int(rng, 70, 1.0, 1, 2500),
                "followers_count": lognormal_int(rng, 320, 1.0, 15, 20000),
                "following_count": lognormal_int(rng, 380, 0.7, 30, 2400),
            }
        )
    for i in range(66):
        # 1,000 followers bought during the relaunch: most of them arrived on 25-26 May 2026
        if i < 52:
            joined = daytime(rng, dt(2026, 5, 25) + days(i % 5 == 0), 1, 6)
        else:
            joined = between(rng, dt(2026, 5, 18), dt(2026, 6, 30))
        followers.append(
            {
                "id": ids.draw(60_000_000_000, 79_000_000_000),
                "username": bot_username(rng, "", ig=True),
                "joined_at": ts(joined),
                "status": "active",
                "has_avatar": rng.random() < 0.25,
                "is_private": rng.random() < 0.35,
                "bio_length": 0 if rng.random() < 0.85 else rng.randint(5, 30),
                "posts_count": 0 if rng.random() < 0.75 else rng.randint(1, 3),
                "followers_count": rng.randint(0, 40),
                "following_count": rng.randint(1600, 7500) if rng.random() < 0.8 else rng.randint(400, 1400),
            }
        )
    for _ in range(4):
        followers.append(
            {
                "id": ids.draw(1_500_000_000, 75_000_000_000),
                "username": bot_username(rng, "", ig=True),
                "joined_at": ts(between(rng, dt(2025, 5, 1), dt(2026, 6, 30))),
                "status": "deactivated",
            }
        )
    rng.shuffle(followers)  # a uniform random sample comes in no particular order

    # fmt: off
    post_days = (
        [dt(2025, 4, 10), dt(2025, 4, 17), dt(2025, 4, 29), dt(2025, 5, 8), dt(2025, 5, 20)]
        + [dt(2026, 5, 18) + days(d) for d in sorted(rng.sample(range(26), 22))]
        + [dt(2026, 5, 19), dt(2026, 5, 26), dt(2026, 6, 2), dt(2026, 6, 5), dt(2026, 6, 9), dt(2026, 6, 22), dt(2026, 6, 28), dt(2026, 7, 3)]
    )
    # fmt: on
    commercial, other = Deck(rng, IG_COMMERCIAL), Deck(rng, IG_OTHER[1:])
    posts: list[dict] = []
    for i, day in enumerate(sorted(post_days)):
        t = daytime(rng, day, 10, 21)
        o, notes, _ = rng.choice(ORIGINS)
        fill = dict(o=o, n=notes, p=rng.choice([690, 790, 890, 950]), pct=rng.choice([10, 15, 20]))
        if i == 0:
            text, cat = IG_OTHER[0]
        elif rng.random() < 0.72:
            text, cat = commercial.draw().format(**fill), "commercial"
        else:
            text, cat = other.draw()
        reach = rng.randint(140, 420)
        post_id = str(3_180_000_000_000_000_000 + i * 7_919_213_456_789 + rng.randint(0, 10**9))
        metrics = {
            "likes": rng.randint(4, 12),
            "reposts": rng.choice([0, 0, 1, 2]),
            "views": int(reach * rng.uniform(1.2, 1.6)),
            "reach": reach,
        }
        posts.append(new_post(t, post_id, text, cat, metrics))
    posts[9]["comments_enabled"] = False
    posts[6]["is_ad"] = True
    posts[6]["metrics"].update(reach=5200, views=6900, likes=31)

    talk = Talk(rng, 0.3, COFFEE_TALK)
    th = Thread(
        "52104738816", 17_912_345_678_901_234, (1_000, 90_000), rng, with_lang=False
    )  # exports carry no language
    genuine = [f["id"] for f in followers if f.get("has_avatar") and f.get("posts_count", 0) > 5]
    bots = [f["id"] for f in followers if f.get("following_count", 0) >= 1600]
    spam = ["🔥🔥🔥", "Nice feed! DM us for collab 💰", "😍😍", "Check my page ❤️", "Promote it on @best_promo_ig"]
    for post in [p for p in posts if p["comments_enabled"]]:
        for _ in range(rng.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0]):
            at = post["_t"] + minutes(lognormal_int(rng, 240, 1.2, 5, 5 * 24 * 60))
            kind = rng.choices(["positive", "question", "bot"], weights=[50, 25, 25])[0]
            if kind == "positive":
                th.add(post, at, talk.positive()[0], rng.choice(genuine))
            elif kind == "question":
                text, lang, answer = talk.question()
                c = th.add(post, at, text, rng.choice(genuine))
                # the freelancer answered while the relaunch lasted, then stopped
                if c and c["_t"] < dt(2026, 6, 25) and rng.random() < 0.8:
                    th.reply(c, minutes(rng.randint(15, 240)), answer, lang=lang)
            else:
                th.add(post, post["_t"] + minutes(rng.randint(1, 20)), rng.choice(spam), rng.choice(bots))
    last = posts[-1]
    deleted_at = posts[-4]["_t"] + hours(9)
    complaint = "Где мой заказ??? Пишу в директ неделю, никто не отвечает 😡"
    th.add(
        posts[-4],
        posts[-4]["_t"] + hours(4),
        complaint,
        rng.choice(genuine),
        deleted_at=deleted_at,
        deleted_by="account",
    )
    th.add(last, dt(2026, 9, 18, 13, 40), "Вы ещё работаете? Пишу в директ — тишина", rng.choice(genuine))
    th.add(last, dt(2026, 10, 9, 20, 15), "Is this account still active?", rng.choice(genuine))
    # weekend questions nobody answered (response-time's weekend gap); drawn from `later`, like
    # the VK group's later additions, so the Telegram channel below stays as it was
    th.additions(later)
    for post, at, text in (
        (posts[-3], dt(2026, 7, 18, 10, 42), "Подскажите, доставка в Казань сейчас работает?"),
        (posts[-2], dt(2026, 8, 9, 19, 5), "Do you still ship beans to St. Petersburg?"),
        (posts[-6], dt(2026, 9, 5, 13, 27), "А подарочный сертификат можно купить онлайн?"),
        (last, dt(2026, 10, 25, 16, 48), "Where can I buy your coffee now? Is the Chistye Prudy shop still open?"),
    ):
        assert at.weekday() >= 5 and at <= TAKEN_AT - days(2), text
        assert th.add(post, at, text, later.choice(genuine)) is not None, text
    comments = th.finish()
    builder.account(
        "ig-zerno",
        platform="instagram",
        kind="business_page",
        name="Zerno Coffee",
        handle="zerno.coffee",
        url="https://www.instagram.com/zerno.coffee/",
        created_at=ts(created),
        is_commercial=True,
        owner={"type": "freelancer", "name": "Kristina Belova"},
        followers_count=1840,
        settings={"comments_enabled": True, "messages_enabled": True},
        profile={
            "description": "Specialty coffee roasters ☕ Москва · Петербург\nСвежая обжарка каждую неделю 🔥",
            "avatar": True,
            "website": "https://zerno-coffee.ru",
        },
        followers=followers,
        followers_sampling="random_sample",
        posts=finish_posts(posts, comments),
        comments=comments,
        ads=ZERNO_IG_ADS,
    )


# ------------------------------------------------------------------------------- Telegram (a launch burst, then quiet)


def demo_telegram(builder: SnapshotBuilder, rng: random.Random) -> None:
    created = dt(2026, 8, 10, 11, 0)
    post_days = [dt(2026, 8, 10) + days(d) for d in sorted(rng.sample(range(1, 21), 15))]
    post_days += [dt(2026, 8, 10), dt(2026, 9, 2), dt(2026, 9, 4)]
    deck = Deck(rng, TG_TEXTS[1:])
    posts: list[dict] = []
    msg_no = 2
    for i, day in enumerate(sorted(post_days)):
        t = daytime(rng, day, 10, 20)
        if i == 0:
            t = created + minutes(25)
        msg_no += rng.randint(1, 2)
        template, cat, path = TG_TEXTS[0] if i == 0 else deck.draw()
        o, notes, slug = rng.choice(ORIGINS)
        url = None
        if path:
            base = f"https://zerno-coffee.ru{path.format(slug=slug)}"
            url = utm(base, "telegram", "social", "tg_channel") if rng.random() < 0.5 else base
        text = template.format(o=o, n=notes.capitalize(), pct=rng.choice([10, 15]), url=url or "")
        views = rng.randint(60, 170)
        metrics = {"likes": rng.randint(1, 12), "reposts": rng.randint(0, 5), "views": views}
        posts.append(new_post(t, str(msg_no), text.strip(), cat, metrics))
    posts[5]["text"] += "\nПодробнее: https://clck.ru/3BzK9p"
    gift_link = utm("https://zerno-coffee.ru/gift", "vk", "social", "gift_cards")  # a link copied from VK
    posts[8].update(text="Сертификаты Зерна — отличный подарок ☕ " + gift_link, category="commercial")

    talk = Talk(rng, 0.1, COFFEE_TALK)
    th = Thread("-1002145567890", 3012, (1, 4), rng)
    for post in posts:
        for _ in range(rng.choices([0, 1, 2], weights=[55, 35, 10])[0]):
            at = post["_t"] + minutes(lognormal_int(rng, 90, 1.0, 3, 3 * 24 * 60))
            if rng.random() < 0.6:
                text, lang = talk.positive()
                th.add(post, at, text, str(rng.randint(100_000_000, 7_999_999_999)), lang=lang)
            else:
                text, lang, answer = talk.question()
                c = th.add(post, at, text, str(rng.randint(100_000_000, 7_999_999_999)), lang=lang)
                if c and rng.random() < 0.6:
                    th.reply(c, minutes(rng.randint(30, 600)), answer, lang=lang)
    comments = th.finish()
    builder.account(
        "tg-zerno",
        platform="telegram",
        kind="channel",
        name="Зерно ☕ кофейня",
        handle="zerno_coffee_msk",
        url="https://t.me/zerno_coffee_msk",
        created_at=ts(created),
        is_commercial=True,
        owner={"type": "employee", "name": "Ирина Ковалёва"},
        followers_count=212,
        settings={"comments_enabled": True, "messages_enabled": False},
        profile={
            "description": "Новости кофейни Зерно: новые лоты, акции, события. Магазин: zerno-coffee.ru/shop",
            "avatar": True,
        },
        posts=finish_posts(posts, comments),
        comments=comments,
    )


# =========================================================================== HEALTHY: Studio Sever

# fmt: off
WOODS = ["дуба", "ясеня", "берёзы", "ореха", "карельской сосны"]
PRODUCTS = [  # (nominative, accusative, catalogue path, utm_campaign)
    ("стол «Ладога»", "стол «Ладога»", "/catalog/ladoga-table", "ladoga_table"),
    ("скамья «Вуокса»", "скамью «Вуокса»", "/catalog/vuoksa-bench", "vuoksa_bench"),
    ("стеллаж «Онега»", "стеллаж «Онега»", "/catalog/onega-shelf", "onega_shelf"),
    ("комод «Свирь»", "комод «Свирь»", "/catalog/svir-chest", "svir_chest"),
    ("кровать «Нева»", "кровать «Нева»", "/catalog/neva-bed", "neva_bed"),
    ("журнальный столик «Мста»", "журнальный столик «Мста»", "/catalog/msta-table", "msta_table"),
]
SEVER_TEMPLATES = {
    "commercial": [
        "{P} из массива {w} — снова в наличии в шоуруме на Петроградке. Изготовим и под ваш размер за 3 недели.",
        "Новая коллекция «Ладожская»: {p} и ещё пять предметов из массива {w}. Предзаказ со скидкой 10% до конца месяца.",
        "Распродажа образцов из шоурума: −25% на выставочные модели, в том числе {p}.",
        "Изготовим {pa} по вашим размерам. Замер по Петербургу и области бесплатно.",
        "{P} — бестселлер этого года. Масло-воск трёх оттенков на выбор.",
        "В шоуруме остался последний выставочный образец — {p} из {w}. Скидка 15% до воскресенья.",
        "Рассрочка 0% на 6 месяцев на любую мебель под заказ, например {p}.",
        "Подарочный сертификат Севера на любую сумму — упакуем в коробку из фанеры ручной работы.",
    ],
    "educational": [
        "Как ухаживать за столешницей из {w}: масло-воск раз в полгода, без агрессивной химии. Пошагово — в карточках.",
        "Дуб, ясень или берёза? Сравниваем породы по твёрдости, цвету и цене.",
        "Почему массив «дышит» и как избежать трещин зимой: держите влажность 40–60%.",
        "Шпон или массив: честно о плюсах и минусах каждого.",
        "Как выбрать высоту стола: формула и таблица для роста от 155 до 195 см.",
        "Что делать с царапиной на масляном покрытии: три способа без мастера.",
        "Почему мы сушим доску 8 месяцев, прежде чем она попадёт в работу.",
        "Шипы, шканты или конфирматы: как соединяют мебель и почему это важно.",
        "Как подобрать мебель из массива к светлому скандинавскому интерьеру.",
        "Гид по маслам: прозрачное, белёное, тёмный орех — как они смотрятся на разных породах.",
        "Мебельный щит: сращённый или цельноламельный? Показываем разницу на срезе.",
        "Как не ошибиться с глубиной стеллажа: книги, винил, декор — три разных размера.",
        "Почему кромку стола мы скругляем радиусом 3 мм, а не 1 — объясняет мастер {m}.",
        "Чем масло отличается от лака: ремонтопригодность, тактильность, защита от воды.",
        "Как переезжать с мебелью из массива и ничего не поцарапать: чек-лист.",
        "Сколько весит стол из {w} длиной 180 см и выдержит ли его ваш пол (спойлер: да).",
        "Отопительный сезон: как подготовить мебель из массива к сухому воздуху.",
        "«Живой» и «выпадающий» сучок: в чём разница и почему первый — это красиво.",
        "Как читать смету на мебель под заказ: материал, работа, покрытие, доставка.",
        "Вопрос мастеру: можно ли ставить горячую кружку на масляную столешницу? Отвечает {m}.",
        "Вопрос мастеру: как убрать пятно от красного вина со столешницы из {w}? Отвечает {m}.",
        "Почему мы не используем ДСП даже для задних стенок.",
    ],
    "entertaining": [
        "Угадайте, что это будет? Подсказка: 12 деталей и ни одного гвоздя 🙂",
        "Мастерская в 7 утра: кофе, опилки и любимый плейлист. Делимся треком дня 🎶",
        "Опрос: какой цвет масла выберете для кухонного стола — натуральный, белёный или орех?",
        "Кот мастерской Шкаф проверяет {pa} на прочность 🐈",
        "Было / стало: из необрезной доски {w} — в {pa}. Листайте карусель ➡️",
        "Что бы вы сделали из остатков {w}? Лучшие идеи воплотим и разыграем среди подписчиков!",
        "Мастер {m} третий час выбирает доску для заказа. Перфекционизм? 😅",
        "Пятничное: звук рубанка по доске {w} — включайте со звуком 🔊",
        "Угадайте породу по срезу! Ответ — в комментариях вечером.",
        "Сколько стружки даёт один стол? Мы взвесили: 14 кг 🪵",
    ],
    "user_generated": [
        "Интерьер от нашей клиентки {g}: {p} в гостиной на Васильевском. Спасибо за фото! 📸",
        "Отзыв недели: «Собрали за 20 минут, качество — как в музее». Спасибо, {m}!",
        "Ваши фото с мебелью Севера — отмечайте #северстудия, лучшие покажем здесь.",
        "Фото от {g}: {p} в детской, третий год без единой царапины 🙌",
        "Клиенты из Кудрово прислали фото кухни с нашим столом «Ладога». Красиво же?",
    ],
    "news": [  # (text, site path or external link)
        ("Мы участвуем в «Дизайн-уикенде» в Манеже, стенд C7. Приходите!", None),
        ("Шоурум на Петроградке теперь открыт и по воскресеньям, 11:00–19:00.", None),
        ("Запустили доставку в Москву: 3–5 дней, бережная упаковка в обрешётку.", "/delivery"),
        ("В мастерской появился новый фрезерный станок — сроки изготовления сократятся на неделю.", None),
        ("Наша работа — {p} — вошла в шорт-лист премии «Русский дизайн».", "https://russiandesignaward.ru/shortlist"),
        ("Принимаем заказы к Новому году — успевайте до 1 декабря 🎄", "/catalog"),
        ("Открыли запись на экскурсии в мастерскую по субботам — бесплатно, группы до 8 человек.", "/tour"),
        ("Теперь у нас можно оплатить заказ долями.", None),
    ],
}
CLIENTS = ["Марии", "Ольги", "Натальи", "Дарьи", "Ксении", "Веры"]  # genitive: "from Maria"
MASTERS = ["Артём", "Глеб", "Илья", "Фёдор"]
SEVER_TALK = {
    "pos_ru": [
        "Какая красота 😍",
        "Стол «Ладога» у нас уже два года — как новый!",
        "Спасибо за полезные советы по уходу!",
        "Были в шоуруме в субботу — очень приятные ребята",
        "Шкаф — лучший кот 🐈",
        "Полезно, сохранила",
        "Заказывали стеллаж в прошлом году — до сих пор радует каждый день",
        "Какие аккуратные соединения, глаз не оторвать",
        "Мастера — золотые руки",
        "Наконец-то понятно, чем масло лучше лака, спасибо",
        "Хочу к вам на экскурсию в мастерскую!",
        "Доставили и собрали за час, всё чисто и аккуратно 👍",
        "Запах дерева даже через экран чувствуется 😄",
        "Ставлю в избранное",
        "Очень тёплый цвет масла, хочу такой же",
        "Третий предмет у вас заказываем — ни разу не пожалели",
        "Вот это я понимаю — мебель на всю жизнь",
        "Спасибо за честный разбор, без маркетинга",
        "Идеально в нашу маленькую кухню",
        "Умеете вы в фактуру ❤️",
    ],
    "pos_subject": [
        "Дуб в белёном масле", "Ясень в прозрачном масле", "Берёза в белёном масле", "Орех", "Стол «Ладога»",
        "Скамья «Вуокса»", "Стеллаж «Онега»", "Комод «Свирь»", "Кровать «Нева»", "Столик «Мста»", "Новая коллекция",
    ],
    "pos_praise": [
        "огонь 🔥", "просто мечта", "очень благородно", "хочу такой же", "выглядит дорого", "любовь 😍", "шикарно",
        "то, что мы искали",
    ],
    "pos_en": ["Beautiful work!", "Love the oak finish 😍", "Such clean joinery, respect", "Gorgeous grain"],
    "pos_en_subject": ["The oak table is", "This bench is", "The shelf is"],
    "pos_en_praise": ["stunning", "beautiful", "exactly my style"],
    "neu_ru": [
        "Интересно", "Сохранила", "Белёный!", "Натуральный, конечно", "Орех 🤎", "Я бы сделал скворечник 🙂",
        "Похоже на ясень", "Дуб?", "Ждём продолжения", "Надо показать мужу",
    ],
    "neu_en": ["Interesting", "Saving this"],
    "q_ru": [
        ("Сколько делается стол под заказ?", "ru", "Здравствуйте! 3–4 недели с момента замера, точный срок скажет менеджер после расчёта."),
        ("А есть доставка в Выборг?", "ru", "Да, по Ленобласти доставляем сами, в Выборг — 2500 ₽ с подъёмом и сборкой."),
        ("Можно посмотреть образцы масел вживую?", "ru", "Конечно! Все образцы есть в шоуруме на Петроградке, ждём вас ежедневно 11:00–20:00."),
        ("Какая гарантия на мебель?", "ru", "Три года на конструкцию и покрытие, бесплатное обслуживание масла в первый год."),
        ("Делаете ли вы кухни?", "ru", "Кухни не делаем, только корпусную мебель, столы и стеллажи. Можем посоветовать проверенных мастеров."),
        ("Можно ли заказать стол из ореха?", "ru", "Да, орех есть под заказ — срок +1 неделя, расчёт по вашим размерам в сообщениях."),
        ("А на экскурсию в мастерскую можно с ребёнком?", "ru", "Конечно, с 7 лет — даже дадим порисовать на обрезках 🙂"),
        ("Принимаете ли вы заказы от юрлиц?", "ru", "Да, работаем по договору с безналичной оплатой, напишите в сообщения."),
    ],
    "q_ru_templates": [
        ("Сколько будет стоить {p} из {w} длиной {n} см?", "Здравствуйте! Посчитаем в течение дня — пришлите, пожалуйста, размеры и фото комнаты в сообщения сообщества."),
        ("А {pa} можно сделать в белёном масле?", "Да, любой предмет покрываем белёным, прозрачным или тёмным маслом на выбор."),
        ("{P} есть в шоуруме вживую?", "Да, выставочный образец стоит в шоуруме на Петроградке, приходите посмотреть!"),
    ],
    "slots": {
        "p": ["стол «Ладога»", "скамья «Вуокса»", "стеллаж «Онега»", "комод «Свирь»", "кровать «Нева»"],
        "pa": ["стол «Ладога»", "скамью «Вуокса»", "стеллаж «Онега»", "комод «Свирь»", "кровать «Нева»"],
        "P": ["Стол «Ладога»", "Скамья «Вуокса»", "Стеллаж «Онега»", "Комод «Свирь»", "Кровать «Нева»"],
        "w": ["дуба", "ясеня", "ореха", "берёзы"],
        "n": ["140", "160", "180", "200", "220"],
    },
    "q_en": [
        ("Do you ship to Moscow?", "en", "Yes! 3–5 days to Moscow, carefully crated."),
        ("Can I order a custom size?", "en", "Of course — send us the dimensions in messages and we'll quote within a day."),
        ("Do you have an English-speaking manager?", "en", "Yes, write to us in English in messages, Polina will help."),
    ],
    "c_ru": [
        ("Стол пришёл с царапиной на кромке 😕", "ru", "Простите, пожалуйста! Мастер приедет и бесплатно всё исправит — уже написали вам в сообщения."),
        ("Доставку перенесли уже второй раз, неудобно", "ru", "Извините! Это наша ошибка с графиком — доставим завтра в удобное вам время и бесплатно."),
        ("Дороговато, честно говоря", "ru", "Понимаем! Массив и ручная работа стоят дороже, но служат десятилетиями. В шоуруме есть образцы со скидкой до 25%."),
        ("Менеджер долго не отвечал в сообщениях", "ru", "Простите! Была загрузка перед выставкой, уже ответили вам. Теперь отвечаем в течение часа."),
        ("Сборщики опоздали на час", "ru", "Извините за опоздание, это недопустимо. Сделаем скидку на следующий заказ и разберёмся с графиком."),
    ],
    "c_en": [
        ("The bench arrived with a wobbly leg", "en", "So sorry! Our master will come and fix it free of charge — we've messaged you."),
    ],
}
SEVER_THANKS = ["Спасибо! 🙌", "Спасибо, очень приятно!", "Рады, что нравится 🙂", "Спасибо, передадим мастерам!"]
SEVER_VK_ADS = [
    ad("vkads-61877", "Коллекция «Ладожская» — таргет СПб и ЛО", utm("https://sever-studio.ru/collections/ladoga", "vk", "cpc", "ladoga_autumn"), dt(2026, 9, 15, 10), dt(2026, 10, 15, 23, 59)),
]
SEVER_TG_ADS = [
    ad("tgads-2291", "Telegram Ads: каналы об интерьере", utm("https://sever-studio.ru/catalog", "telegram", "cpc", "interior_channels"), dt(2026, 10, 1, 12), dt(2026, 10, 21, 12)),
]
SEVER_TEAM = [  # (id, name, role, left at, accounts, accounts run elsewhere)
    ("tm-polina", "Полина Северова", "smm_manager", None, ["vk-sever", "tg-sever"], 1),
    ("tm-egor", "Егор Лебедев", "content_manager", None, ["vk-sever", "tg-sever"], 0),
]
# fmt: on


def build_healthy() -> dict:
    rng = random.Random(4242)
    ids = Ids(rng)
    group_id = "203344556"
    created = dt(2020, 2, 17, 12, 0)
    # VK followers: genuine, spread out, local
    cal = JoinCalendar(rng, per_day=2)
    followers = [sever_follower(rng, ids, cal, created) for _ in range(640)]
    followers.sort(key=lambda f: (f["joined_at"], f["id"]), reverse=True)
    follower_ids = [f["id"] for f in followers]

    wall, msg = [900], [1480]

    def vk_post_id() -> str:
        wall[0] += rng.randint(1, 2)
        return f"-{group_id}_{wall[0]}"

    def tg_post_id() -> str:
        msg[0] += rng.randint(1, 2)
        return str(msg[0])

    vk_posts = sever_posts(rng, "vk", [0, 70, 30], vk_post_id, 640, "vk")
    tg_posts = sever_posts(rng, "telegram", [8, 80, 12], tg_post_id, 415, "telegram")
    for p in [p for p in vk_posts if p["category"] == "commercial"][3:6]:
        p["is_ad"] = True
        p["metrics"]["reach"] *= 4
        p["metrics"]["views"] = int(p["metrics"]["reach"] * 1.2)

    talk = Talk(rng, 0.06, SEVER_TALK)
    vk_th = Thread(f"-{group_id}", 40_120, (1, 6), rng)
    sever_comments(rng, talk, vk_posts, vk_th, lambda: rng.choice(follower_ids), 45, "vk")
    # an author removing their own typo
    p = vk_posts[40]
    at = p["_t"] + hours(2)
    typo = vk_th.add(
        p,
        at,
        "Скаджите, а сколько стоит доставка",
        rng.choice(follower_ids),
        lang="ru",
        deleted_at=at + minutes(1),
        deleted_by="author",
    )
    assert typo is not None
    vk_comments = vk_th.finish()
    tg_th = Thread("-1001877665544", 8_800, (1, 3), rng)
    sever_comments(rng, talk, tg_posts, tg_th, lambda: str(rng.randint(150_000_000, 7_500_000_000)), 60, "telegram")
    tg_comments = tg_th.finish()

    builder = SnapshotBuilder(name="Studio Sever", domains=["sever-studio.ru"], target_regions=["RU"])
    builder.account(
        "vk-sever",
        platform="vk",
        kind="group",
        name="Студия Север | Мебель из массива, Санкт-Петербург",
        handle="sever_studio",
        url="https://vk.com/sever_studio",
        created_at=ts(created),
        is_commercial=True,
        owner={"type": "client", "name": "ООО «Студия Север»"},
        followers_count=len(followers),
        settings={
            "comments_enabled": True,
            "messages_enabled": True,
            "profanity_filter": True,
            "spam_filter": True,
            "discussions_enabled": True,
        },
        profile={
            "description": "Мебель из массива дуба, ясеня и берёзы ручной работы. Мастерская и шоурум в Санкт-Петербурге, доставка по России.",
            "avatar": True,
            "cover": True,
            "website": utm("https://sever-studio.ru/", "vk", "social", "profile"),
            "contacts": ["+7 812 409-33-10", "hello@sever-studio.ru", "Санкт-Петербург, Большая Зеленина ул., 24"],
        },
        followers=followers,
        followers_sampling="full",
        posts=finish_posts(vk_posts, vk_comments),
        comments=vk_comments,
        ads=SEVER_VK_ADS,
    )
    builder.account(
        "tg-sever",
        platform="telegram",
        kind="channel",
        name="Студия Север — мебель из массива",
        handle="sever_studio",
        url="https://t.me/sever_studio",
        created_at=ts(dt(2022, 9, 1, 10, 0)),
        is_commercial=True,
        owner={"type": "client", "name": "ООО «Студия Север»"},
        followers_count=415,
        settings={"comments_enabled": True, "messages_enabled": True, "spam_filter": True},
        profile={
            "description": "Мебель из массива ручной работы. Мастерская и шоурум в Санкт-Петербурге. Новинки, закулисье и советы по уходу.",
            "avatar": True,
            "website": utm("https://sever-studio.ru/", "telegram", "social", "profile"),
            "contacts": ["+7 812 409-33-10", "hello@sever-studio.ru"],
        },
        posts=finish_posts(tg_posts, tg_comments),
        comments=tg_comments,
        ads=SEVER_TG_ADS,
    )
    alphabet = string.ascii_letters + string.digits + "-_.!"
    pw_vk, pw_tg = ("".join(rng.choice(alphabet) for _ in range(20)) for _ in range(2))  # strong, unique
    add_team(builder, SEVER_TEAM)
    # fmt: off
    add_logins(builder, [  # (account, login, holders, password, two-factor, last changed, recovery e-mail)
        ("vk-sever", "smm@sever-studio.ru", ["tm-polina", "tm-egor"], pw_vk, True, dt(2026, 7, 15, 10, 30), "admin@sever-studio.ru"),
        ("tg-sever", "+7 812 409-33-10", ["tm-polina", "tm-egor"], pw_tg, True, dt(2026, 9, 2, 9, 15), "admin@sever-studio.ru"),
    ])
    # fmt: on
    return builder.build()


def sever_follower(rng: random.Random, ids: Ids, cal: JoinCalendar, group_created: datetime) -> dict:
    created = between(rng, dt(2009, 1, 1), dt(2022, 6, 30))
    joined = cal.pick(max(group_created + days(1), created + days(60)), TAKEN_AT - hours(8))
    r = rng.random()
    if r < 0.8:
        last = between(rng, TAKEN_AT - days(7), TAKEN_AT - minutes(10))
    elif r < 0.96:
        last = between(rng, TAKEN_AT - days(60), TAKEN_AT - days(7))
    else:
        last = between(rng, TAKEN_AT - days(200), TAKEN_AT - days(60))
    last = min(max(last, joined + days(rng.randint(1, 30))), TAKEN_AT - minutes(2))
    uid = vk_user_id(ids, created)
    c = rng.random()
    if c < 0.78:
        city = "Санкт-Петербург"
    elif c < 0.92:
        city = rng.choice(["Всеволожск", "Гатчина", "Кудрово", "Мурино", "Пушкин", "Сестрорецк"])
    else:
        city = rng.choice(["Москва", "Великий Новгород", "Петрозаводск", "Псков"])
    return vk_member(
        uid,
        person_username(rng),
        joined,
        created,
        last,
        has_avatar=rng.random() < 0.97,
        is_private=rng.random() < 0.15,
        bio_length=rng.randint(6, 160) if rng.random() < 0.75 else 0,
        posts_count=lognormal_int(rng, 90, 0.9, 6, 3000),
        followers_count=lognormal_int(rng, 210, 0.7, 30, 3000),
        following_count=lognormal_int(rng, 180, 0.6, 25, 900),
        country="RU",
        city=city,
    )


def sever_posts(
    rng: random.Random,
    platform: str,
    per_day_weights: list[int],
    id_fn: Callable[[], str],
    followers_n: int,
    source: str,
) -> list[dict]:
    """Ninety days of posts from 3 August, 0-2 a day (as ``per_day_weights`` says) in three time slots."""
    cats = list(SEVER_TEMPLATES)
    decks = {cat: Deck(rng, templates) for cat, templates in SEVER_TEMPLATES.items()}
    posts = []
    for d in range(90):
        day = dt(2026, 8, 3) + days(d)
        k = rng.choices(range(len(per_day_weights)), weights=per_day_weights)[0]
        for lo, hi in sorted(rng.sample([(10, 12), (13, 15.5), (18, 20.5)], k)):
            t = daytime(rng, day, lo, hi)
            if t >= TAKEN_AT - hours(20):
                continue
            cat = rng.choices(cats, weights=[20, 35, 22, 11, 12])[0]
            prod, prod_acc, path, camp = rng.choice(PRODUCTS)
            fill = dict(
                p=prod,
                pa=prod_acc,
                P=prod[0].upper() + prod[1:],
                w=rng.choice(WOODS),
                g=rng.choice(CLIENTS),
                m=rng.choice(MASTERS),
            )
            link_path = ext = None
            if cat == "news":
                text, target = decks[cat].draw()
                text = text.format(**fill)
                if target and target.startswith("http"):
                    ext = target
                elif target:
                    link_path, camp = target, "news"
            else:
                text = decks[cat].draw().format(**fill)
                if cat == "commercial":
                    link_path = path
                elif cat == "educational" and rng.random() < 0.4:
                    link_path, camp = "/journal/care", "care_guide"
            links = []
            if link_path:
                url = utm(f"https://sever-studio.ru{link_path}", source, "social", camp)
                if platform == "telegram":
                    text += f"\n\nПодробнее: {url}"
                else:
                    text += "\n\nПодробнее — по ссылке 👇"
                    links.append(url)
            if ext:
                links.append(ext)
            if platform == "vk":
                reach = int(followers_n * rng.uniform(0.45, 0.8))
                metrics = {
                    "likes": int(reach * rng.uniform(0.06, 0.14)),
                    "reposts": rng.randint(1, 10),
                    "views": int(reach * rng.uniform(1.2, 1.5)),
                    "reach": reach,
                }
            else:
                views = int(followers_n * rng.uniform(0.5, 0.8))
                metrics = {"likes": rng.randint(10, 40), "reposts": rng.randint(1, 8), "views": views}
            posts.append(new_post(t, id_fn(), text, cat, metrics, links))
    return posts


def sever_comments(
    rng: random.Random,
    talk: Talk,
    posts: list[dict],
    th: Thread,
    authors: Callable[[], str],
    spam_every: int,
    source: str,
) -> None:
    """Comments, all answered within the hour, and a spam comment every ``spam_every`` posts, deleted."""
    for idx, post in enumerate(posts):
        for _ in range(rng.choices([0, 1, 2, 3, 4], weights=[25, 30, 25, 13, 7])[0]):
            at = daytime(rng, post["_t"] + days(rng.choice([0, 0, 0, 1])), 9, 21.3)
            if at <= post["_t"]:
                at = post["_t"] + minutes(rng.randint(10, 240))
            if at > TAKEN_AT - hours(1):
                continue
            kind = rng.choices(["positive", "question", "complaint"], weights=[60, 32, 8])[0]
            author = authors()
            if kind == "positive":
                text, lang = talk.positive() if rng.random() < 0.85 else talk.neutral()
                if c := th.add(post, at, text, author, lang=lang):
                    th.reply(c, minutes(rng.randint(4, 50)), rng.choice(SEVER_THANKS), lang="ru")
            elif kind == "question":
                text, lang, answer = talk.question()
                if c := th.add(post, at, text, author, lang=lang):
                    if rng.random() < 0.25:
                        answer += " Каталог: " + utm(
                            "https://sever-studio.ru/catalog", source, "social", "comment_reply"
                        )
                    th.reply(c, minutes(rng.randint(4, 50)), answer, lang=lang)
            else:
                text, lang, answer = talk.complaint()
                if c := th.add(post, at, text, author, lang=lang):
                    th.reply(c, minutes(rng.randint(6, 45)), answer, lang=lang)
        if spam_every and idx % spam_every == spam_every // 2:
            at = post["_t"] + minutes(rng.randint(2, 30))
            spam = rng.choice(
                ["Заработок от 3000 ₽ в день, пишите в ЛС 💰", "Накрутка подписчиков дёшево — ссылка в профиле"]
            )
            author = str(rng.randint(990_000_000, 999_999_999))
            deleted_at = at + minutes(rng.randint(3, 25))
            th.add(
                post, at, spam, author, lang="ru", deleted_at=deleted_at, deleted_by="account", deletion_reason="spam"
            )


# --------------------------------------------------------------------------- writing

EXAMPLES = {"demo-snapshot.json": build_demo, "healthy-snapshot.json": build_healthy}


def write(path: Path, snapshot: dict) -> None:
    text = json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path} ({len(text.encode('utf-8')) / 1024:.0f} KiB)")


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else HERE
    for name, build in EXAMPLES.items():
        write(folder / name, build())


if __name__ == "__main__":
    main(sys.argv[1:])
