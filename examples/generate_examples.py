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

The output is deterministic: fixed random seeds, no wall clock (all times count
back from ``TAKEN_AT``), 2-space indented UTF-8 JSON. Re-run it after changing
the generator and commit the JSON files together with it
(tests/test_examples.py fails when they differ). The passwords below
are made up: only their SHA-256 fingerprints go into the snapshots.
"""

# ruff: noqa: E501  (long Russian text literals read better unwrapped)
from __future__ import annotations

import hashlib
import json
import math
import random
import string
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
MSK = timezone(timedelta(hours=3))
TAKEN_AT = datetime(2026, 11, 1, 12, 0, tzinfo=MSK)
SCHEMA_VERSION = "1.0"


# --------------------------------------------------------------------------- helpers


def dt(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=MSK)


def ts(moment: datetime) -> str:
    return moment.astimezone(MSK).replace(microsecond=0).isoformat()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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


FIRST_F = [
    "anna",
    "maria",
    "ekaterina",
    "olga",
    "elena",
    "natalia",
    "irina",
    "svetlana",
    "yulia",
    "tatiana",
    "daria",
    "polina",
    "alina",
    "ksenia",
    "victoria",
    "sofia",
    "alexandra",
    "valeria",
    "kristina",
    "anastasia",
    "vera",
    "lidia",
    "margarita",
    "evgenia",
]
FIRST_M = [
    "alexey",
    "dmitry",
    "sergey",
    "andrey",
    "maxim",
    "ivan",
    "nikita",
    "artem",
    "mikhail",
    "pavel",
    "roman",
    "egor",
    "kirill",
    "denis",
    "ilya",
    "vladimir",
    "anton",
    "oleg",
    "yaroslav",
    "timur",
    "gleb",
    "stepan",
    "fedor",
    "lev",
]
SURNAMES = [
    "ivanov",
    "smirnov",
    "kuznetsov",
    "popov",
    "vasiliev",
    "petrov",
    "sokolov",
    "mikhailov",
    "novikov",
    "fedorov",
    "morozov",
    "volkov",
    "alekseev",
    "lebedev",
    "semenov",
    "egorov",
    "pavlov",
    "kozlov",
    "stepanov",
    "nikolaev",
    "orlov",
    "andreev",
    "makarov",
    "zakharov",
    "zaitsev",
    "soloviev",
    "borisov",
    "yakovlev",
    "grigoriev",
    "romanov",
    "belov",
    "tarasov",
    "frolov",
    "gusev",
    "kiselev",
    "titov",
]


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
        hobby = rng.choice(["coffee", "travel", "photo", "art", "design", "books", "run", "cook", "yoga", "home"])
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
    return (
        f"{base}{rng.randint(100_000, 99_999_999)}"
        if not ig
        else f"{base}_{rng.randint(1000, 9999)}.{rng.choice('abcdefxyz')}{rng.randint(10, 99)}"
    )


class Ids:
    """Unique numeric ids drawn from a range (ids are strings in the snapshot)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[int] = set()

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

    def __init__(self, rng: random.Random, per_day: int = 2):
        self.rng = rng
        self.per_day = per_day
        self.count: dict[str, int] = {}

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


def prune(d: dict) -> dict:
    """Drop None values (absent = unknown, never invented)."""
    return {k: v for k, v in d.items() if v is not None}


# --------------------------------------------------------------------------- comments


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
        if at >= TAKEN_AT or at <= post["_t"]:
            return None
        if parent is not None and at <= parent["_t"]:
            return None
        item = {
            "_t": at,
            "_post": post,
            "_parent": parent,
            "author_id": self.account_author_id if from_account else author_id,
            "from_account": from_account,
            "created_at": ts(at),
            "text": text,
            "lang": lang,
            "sentiment": sentiment,
            "_extra": self.extra_rng is not None,
        }
        if deleted_at is not None and deleted_at < TAKEN_AT:
            item.update(deleted=True, deleted_at=ts(deleted_at), deleted_by=deleted_by, deletion_reason=deletion_reason)
        self.items.append(item)
        return item

    def reply(self, parent: dict, delay: timedelta, text: str, lang: str | None = None) -> dict | None:
        return self.add(
            parent["_post"],
            parent["_t"] + delay,
            text,
            lang=lang or parent.get("lang") or "ru",
            from_account=True,
            parent=parent,
        )

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
                        "lang": item["lang"] if self.with_lang else None,
                        "sentiment": item["sentiment"],
                        "deleted": item.get("deleted"),
                        "deleted_at": item.get("deleted_at"),
                        "deleted_by": item.get("deleted_by"),
                        "deletion_reason": item.get("deletion_reason"),
                    }
                )
            )
        return out


def visible_comment_counts(comments: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in comments:
        if not c.get("deleted"):
            counts[c["post_id"]] = counts.get(c["post_id"], 0) + 1
    return counts


def finish_posts(posts: list[dict], comments: list[dict]) -> list[dict]:
    counts = visible_comment_counts(comments)
    out = []
    for p in posts:
        p = dict(p)
        p.pop("_t")
        if "metrics" in p:
            p["metrics"] = dict(p["metrics"])
            p["metrics"]["comments"] = counts.get(p["id"], 0)
            order = ["likes", "reposts", "comments", "views", "reach"]
            p["metrics"] = {k: p["metrics"][k] for k in order if k in p["metrics"]}
        out.append(p)
    return out


class Deck:
    """Draws items without repetition, reshuffling when it runs out (no template twice in a row)."""

    def __init__(self, rng: random.Random, items: list):
        self.rng = rng
        self.items = list(items)
        self.left: list = []

    def draw(self):
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

    def _pick(self, name: str):
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
        "Эфиопия",
        "Кения",
        "Раф с халвой",
        "Флэт уайт",
        "Капучино на овсяном",
        "Бленд «Утро»",
        "Новая Руанда",
        "Колд брю",
        "Фильтр дня",
        "Гватемала",
        "Воронка от Саши",
        "Ваш декаф",
    ],
    "pos_praise": [
        "просто огонь 🔥",
        "10 из 10",
        "любовь с первого глотка",
        "топ",
        "лучшее, что я пробовала этим летом",
        "восторг 😍",
        "как всегда на высоте",
        "очень достойно",
        "мой фаворит сезона",
    ],
    "pos_en": [
        "Great flat white and friendly staff!",
        "Best specialty coffee in Moscow, hands down.",
        "Visited last weekend — cozy place and great pastries.",
        "Love the new packaging!",
        "My go-to place before work ☕",
        "Brought my friends from Berlin, they loved it",
    ],
    "pos_en_subject": [
        "The Kenya is",
        "The flat white is",
        "Your cold brew is",
        "The Ethiopia is",
        "The oat cappuccino is",
    ],
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
        (
            "А зерно для турки смелете?",
            "ru",
            "Да, конечно! Укажите в комментарии к заказу «помол под турку» — смелем в день отправки.",
        ),
        (
            "Есть кофе без кофеина?",
            "ru",
            "Есть! Колумбия декаф (обработка сахарным тростником), в кофейнях и в магазине на сайте.",
        ),
        ("А на Петроградке есть альтернативное молоко?", "ru", "Да, овсяное и миндальное во всех наших кофейнях."),
        ("Во сколько открываетесь в воскресенье?", "ru", "По воскресеньям с 9:00 до 21:00 🙂"),
        (
            "Подписку можно поставить на паузу?",
            "ru",
            "Можно, в личном кабинете или напишите нам в сообщения сообщества.",
        ),
        (
            "Можно забрать заказ самовывозом с Чистых прудов?",
            "ru",
            "Да, выберите при оформлении «Самовывоз: Чистопрудный бульвар, 12».",
        ),
        ("А где посмотреть дату обжарки?", "ru", "Дата обжарки напечатана на наклейке сбоку пачки."),
        ("Будет ли ещё дегустация?", "ru", "Да! Анонс будет на следующей неделе, следите за постами."),
        (
            "А в зёрнах для эспрессо что посоветуете?",
            "ru",
            "Для эспрессо берите Бразилию Серрадо или наш бленд «Утро».",
        ),
        ("С собаками к вам можно?", "ru", "Конечно, на Чистых даже есть миска с водой 🐶"),
        ("Оптом для кофейни продаёте?", "ru", "Да, напишите в сообщения сообщества — пришлём оптовый прайс."),
    ],
    "q_ru_templates": [
        (
            "Сколько стоит доставка в {city}?",
            "Доставка — от 350 ₽, от 2000 ₽ бесплатно, срок 1–5 дней в зависимости от города.",
        ),
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
        (
            "Is the Ethiopia good for espresso or only filter?",
            "en",
            "It's roasted for filter, but it makes a bright, fruity espresso too.",
        ),
        ("What time do you open on Sundays?", "en", "Sundays 9am to 9pm 🙂"),
        (
            "Do you accept foreign cards?",
            "en",
            "In the shops — cash and Russian cards only, sorry. Online you can pay via SBP.",
        ),
    ],
    "c_ru": [
        (
            "Вчера капучино был еле тёплый, обидно",
            "ru",
            "Простите, пожалуйста! Передали бариста, в следующий раз напиток за наш счёт — покажите этот комментарий.",
        ),
        (
            "Пачка пришла надорванная, зерно рассыпалось",
            "ru",
            "Очень жаль! Напишите номер заказа в сообщения сообщества — отправим новую пачку.",
        ),
        (
            "Почему подорожала Колумбия? Ещё месяц назад была 890",
            "ru",
            "Закупочная цена на зелёное зерно выросла на 18%, мы подняли цену меньше. Спасибо, что вы с нами.",
        ),
        (
            "Долго ждала заказ у стойки, минут 15. Так себе сервис",
            "ru",
            "Извините за ожидание — в субботу был наплыв гостей, вывели второго бариста на выходные.",
        ),
        (
            "Заказала помол под воронку, а пришёл как для эспрессо 😒",
            "ru",
            "Простите за путаницу! Отправим новую пачку с правильным помолом бесплатно, напишите номер заказа в сообщения.",
        ),
        (
            "В кофейне на Чистых опять нет овсяного молока",
            "ru",
            "Извините, поставщик подвёл на этой неделе, с пятницы овсяное снова будет.",
        ),
        (
            "Музыка в кофейне слишком громкая, невозможно поговорить",
            "ru",
            "Спасибо, что сказали! Сделали потише и попросили бариста следить.",
        ),
    ],
    "c_en": [
        (
            "Waited 20 minutes for a latte on Saturday, not great.",
            "en",
            "Sorry about that! We've added a second barista on weekends.",
        ),
        (
            "My order arrived two days late.",
            "en",
            "Sorry! The courier had delays this week — we've added a free drip set to your next order.",
        ),
    ],
}
THANKS = [
    "{n}, спасибо! Очень рады 🙂",
    "Спасибо за тёплые слова! ☕",
    "Спасибо, что заходите!",
    "Спасибо! Ждём снова ☕",
]
FOLLOW_UPS = [("Спасибо!", "ru"), ("Понятно, спасибо 🙏", "ru"), ("Отлично 👍", "ru"), ("Thanks!", "en")]


# =========================================================================== DEMO


def build_demo() -> dict:
    rng = random.Random(20261101)
    ids = Ids(rng)
    group_id = "187654321"
    vk_account_author = f"-{group_id}"

    # ------------------------------------------------------------- VK followers (full list)
    vk_created = dt(2019, 3, 12, 14, 5)
    cal = JoinCalendar(rng, per_day=2)
    followers: list[dict] = []

    def ru_place() -> tuple[str | None, str | None]:
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
            return rng.choice(
                [("BY", "Минск"), ("KZ", "Алматы"), ("GE", "Тбилиси"), ("RS", "Белград"), ("AM", "Ереван")]
            )
        return None, None

    def genuine(joined_lo: datetime, joined_hi: datetime) -> dict:
        created = between(rng, dt(2008, 1, 1), dt(2022, 12, 31))
        joined = cal.pick(max(joined_lo, created + days(30)), joined_hi)
        r = rng.random()
        if r < 0.82:
            last = between(rng, TAKEN_AT - days(10), TAKEN_AT - minutes(5))
        elif r < 0.95:
            last = between(rng, TAKEN_AT - days(120), TAKEN_AT - days(10))
        else:
            last = between(rng, TAKEN_AT - days(500), TAKEN_AT - days(120))
        last = max(last, joined + days(rng.randint(1, 40)))
        last = min(last, TAKEN_AT - minutes(3))
        uid = vk_user_id(ids, created)
        country, city = ru_place()
        lurker = rng.random() < 0.08
        following = lognormal_int(rng, 190, 0.8, 12, 1450)
        if rng.random() < 0.03:
            following = rng.randint(1500, 2900)  # real people who add everyone
        return prune(
            {
                "id": uid,
                "username": f"id{uid}" if rng.random() < 0.18 else person_username(rng),
                "joined_at": ts(joined),
                "created_at": ts(created.replace(hour=0, minute=0, second=0)),
                "last_active_at": ts(last),
                "status": "active",
                "has_avatar": rng.random() < 0.92,
                "is_private": rng.random() < 0.25,
                "bio_length": 0 if rng.random() < 0.5 else rng.randint(4, 140),
                "posts_count": rng.randint(0, 2) if lurker else lognormal_int(rng, 60, 1.2, 3, 4000),
                "followers_count": lognormal_int(rng, 160, 0.9, 5, 5000),
                "following_count": following,
                "country": country,
                "city": city,
            }
        )

    def bot(joined: datetime, created_before: tuple[float, float], mass_share: float) -> dict:
        created = joined - timedelta(seconds=rng.randint(int(created_before[0] * 3600), int(created_before[1] * 3600)))
        uid = vk_user_id(ids, created)
        last = joined if rng.random() < 0.7 else joined + minutes(rng.randint(1, 5))
        r = rng.random()
        if r < 0.35:
            country, city = None, None
        elif r < 0.55:
            country, city = "RU", None
        else:
            country, city = rng.choice(
                [
                    ("UA", None),
                    ("KZ", "Шымкент"),
                    ("UZ", "Ташкент"),
                    ("IN", "Delhi"),
                    ("BD", "Dhaka"),
                    ("ID", "Jakarta"),
                    ("VN", "Hanoi"),
                    ("BR", None),
                ]
            )
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

    # 250 organic members since 2019, plus a legitimate trickle after the October tasting ad
    for _ in range(242):
        followers.append(genuine(vk_created + days(2), TAKEN_AT - hours(6)))
    for _ in range(8):
        followers.append(genuine(dt(2026, 10, 1, 10), dt(2026, 10, 14, 23)))
    # bought batch no. 1: 14 bots on 2 June 2026
    for _ in range(14):
        followers.append(bot(daytime(rng, dt(2026, 6, 2), 2, 4.5), (6, 20 * 24), 0.6))
    # bought batch no. 2: the join spike of 14 September 2026, 44 bots in three hours
    for _ in range(44):
        followers.append(bot(daytime(rng, dt(2026, 9, 14), 13, 16.5), (0.2, 72), 0.8))
    # "dogs": members VK now shows as deactivated or banned
    for i in range(12):
        banned = i < 4
        joined = cal.pick(dt(2023, 1, 1) if banned else vk_created + days(10), dt(2025, 12, 31))
        created = joined - (days(rng.randint(1, 15)) if banned else days(rng.randint(400, 3000)))
        uid = vk_user_id(ids, created)
        followers.append(
            {
                "id": uid,
                "username": f"id{uid}",
                "joined_at": ts(joined),
                "status": "banned" if banned else "deactivated",
                "has_avatar": False,
            }
        )
    followers.sort(key=lambda f: (f["joined_at"], f["id"]), reverse=True)
    assert len(followers) == 320
    genuine_vk_ids = [
        f["id"] for f in followers if f["status"] == "active" and f.get("has_avatar") and f.get("posts_count", 0) > 2
    ]
    bot_vk_ids = [f["id"] for f in followers if f.get("following_count", 0) >= 1500 and not f.get("has_avatar")]

    # ------------------------------------------------------------- VK posts
    origins = [
        ("Эфиопия Иргачефф", "жасмин, бергамот, персик", "ethiopia-yirgacheffe"),
        ("Кения Ньери", "чёрная смородина, грейпфрут", "kenya-nyeri"),
        ("Колумбия Уила", "карамель, красное яблоко", "colombia-huila"),
        ("Бразилия Серрадо", "фундук, молочный шоколад", "brazil-cerrado"),
        ("Гватемала Антигуа", "какао, апельсиновая цедра", "guatemala-antigua"),
        ("Руанда Нярусизи", "клюква, чёрный чай", "rwanda-nyarusizi"),
        ("Коста-Рика Тарразу", "мёд, абрикос", "costa-rica-tarrazu"),
        ("Индонезия Суматра", "пряности, тёмный шоколад", "sumatra"),
    ]
    commercial_t = [
        ("Новый лот: {o}. В чашке — {n}. Пачка 250 г — {p} ₽.", "/shop/{slug}", "new_lot"),
        ("Скидка {pct}% на всё зерно до воскресенья! Промокод ZERNO{pct} 🔥", "/shop", "sale_{pct}"),
        (
            "Подписка на кофе: свежая обжарка каждые две недели с доставкой по Москве и Петербургу. Первая пачка — в подарок.",
            "/subscription",
            "subscription",
        ),
        ("Дрип-пакеты снова в наличии: набор из 10 штук ({o}) — {p} ₽.", "/shop/drip", "drip"),
        (
            "Подарочные сертификаты Зерна — на 1000, 2000 и 3000 ₽. Лучший подарок для кофемана ☕",
            "/gift",
            "gift_cards",
        ),
        (
            "Бленд «Утро» для эспрессо и капучино: Бразилия + Колумбия. {p} ₽ за 250 г, 1 кг — со скидкой 15%.",
            "/shop/blend-utro",
            "blend_utro",
        ),
        ("Только на этой неделе: {o} + воронка V60 со скидкой {pct}%.", "/shop/sets", "set_v60"),
        ("Кофе для офиса: привезём 5 кг свежей обжарки и настроим вашу кофемашину бесплатно.", "/office", "office"),
        (
            "Колд брю в бутылках 0,3 л — уже в кофейнях и с доставкой. {p} ₽ за набор из шести.",
            "/shop/cold-brew",
            "cold_brew",
        ),
        ("Микролот недели: {o}. Всего 30 пачек, в чашке — {n}.", "/shop/{slug}", "microlot"),
    ]
    educational_t = [
        "Как заварить кофе в воронке: 15 г кофе на 250 мл воды 92–94 °C, помол чуть крупнее соли, время — 2:30–3:00. Сохраняйте!",
        "Мытая или натуральная обработка? Рассказываем на примере двух лотов из Эфиопии — и почему у них такой разный вкус.",
        "Почему кофе горчит: пережаренное зерно, слишком тонкий помол или слишком горячая вода. Разбираем по шагам.",
        "Храните зерно в непрозрачной банке с клапаном, а не в холодильнике. Лучше всего кофе раскрывается на 7–21 день после обжарки.",
        "Аэропресс за 5 минут: пошаговый рецепт от нашего бариста Саши. 17 г кофе, 220 мл воды, 1:30 настаивания.",
        "Что такое «кислотность» в кофе и почему это не недостаток. Короткий ликбез от обжарщика.",
        "Турка, гейзер или френч-пресс: какой помол нужен для каждого способа. Шпаргалка в карточках 👇",
        "Откуда берётся специалти-кофе: от фермы в Уиле до нашего ростера на Чистых прудах. История одного лота.",
    ]
    entertaining_t = [
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
    ugc_t = [
        "Фото от нашего гостя @{u}: утро на Петроградке и фильтр-кофе. Спасибо, что делитесь! 📸",
        "Отзыв недели: «Кения — лучший кофе, что я пробовала в этом году». Спасибо, {name}!",
        "Ваши фото с нашими пачками — отмечайте #зернокофе, лучшие покажем в группе 📸",
        "Латте-арт от нашей гостьи {name}: первый лебедь после мастер-класса! 🦢",
        "Рецепт от подписчика @{u}: тоник-эспрессо с апельсином. Пробуем всей командой 🍊",
    ]
    news_t = [
        ("С понедельника открываемся на час раньше — с 7:30 на Чистых прудах.", None),
        ("Новая точка в Петербурге: Большой проспект П. С., 41. Открытие в субботу!", None),
        ("Мы на Moscow Coffee Festival: стенд B12, приходите на дегустацию!", "https://moscowcoffeefestival.ru/"),
        (
            "Наш бариста Саша — в финале чемпионата России по заварочным методам. Болеем!",
            "https://www.youtube.com/watch?v=Zr4nQ8vX2kE",
        ),
        (
            "Со следующего месяца цены на часть лотов меняются: зелёное зерно подорожало на 18%. Подробности в карточках.",
            None,
        ),
        ("В эту субботу кофейня на Чистых работает до 18:00 — санитарный день.", None),
        ("Мы теперь принимаем оплату по СБП во всех кофейнях.", None),
        ("В кофейне на Чистых появилась веранда — до холодов работаем и на улице ☀️", None),
    ]
    months_ru = ["мае", "июне", "июле", "августе", "сентябре", "октябре"]
    girls = ["Марина", "Оля", "Катя", "Настя", "Лена", "Юля"]

    day_offsets = sorted(rng.sample(range(0, 181), 65))
    post_days = [dt(2026, 5, 2) + days(o) for o in day_offsets if o != 181] + [dt(2026, 10, 30)]
    post_days = sorted(dict.fromkeys(d.date() for d in post_days))
    assert len(post_days) >= 64
    cats = rng.choices(
        ["commercial", "educational", "entertaining", "user_generated", "news"],
        weights=[36, 24, 18, 10, 12],
        k=len(post_days),
    )
    vk_posts: list[dict] = []
    link_posts: list[tuple[dict, str, str]] = []  # (post, path, campaign) for own links
    wall_no = 1138
    decks = {
        k: Deck(rng, v)
        for k, v in (
            ("commercial", commercial_t),
            ("educational", educational_t),
            ("entertaining", entertaining_t),
            ("user_generated", ugc_t),
        )
    }
    news_i = 0
    for day, cat in zip(post_days, cats, strict=True):
        t = daytime(rng, dt(day.year, day.month, day.day), 9, 20)
        wall_no += rng.randint(1, 3)
        o, notes, slug = rng.choice(origins)
        fill = dict(
            o=o,
            n=notes,
            p=rng.choice([690, 740, 790, 890, 950, 1150, 1290]),
            pct=rng.choice([10, 15, 20]),
            slug=slug,
            m=months_ru[min(t.month - 5 - 1, 5)] if t.month > 5 else "апреле",
            u=person_username(rng),
            name=rng.choice(girls),
        )
        links: list[str] = []
        path = camp = None
        if cat == "commercial":
            text, path, camp = decks["commercial"].draw()
            text, path, camp = text.format(**fill), path.format(**fill), camp.format(**fill)
        elif cat == "educational":
            text = decks["educational"].draw()
            if rng.random() < 0.3:
                path, camp = "/blog/brewing", "brew_guide"
        elif cat == "entertaining":
            text = decks["entertaining"].draw().format(**fill)
        elif cat == "user_generated":
            text = decks["user_generated"].draw().format(**fill)
        else:
            text, ext = news_t[news_i % len(news_t)]
            news_i += 1
            if ext:
                links.append(ext)
        reach = int(320 * rng.uniform(0.28, 0.6))
        post = {
            "_t": t,
            "id": f"-{group_id}_{wall_no}",
            "published_at": ts(t),
            "text": text,
            "links": links,
            "is_ad": False,
            "category": cat,
            "metrics": {
                "likes": max(2, int(reach * rng.uniform(0.03, 0.11))),
                "reposts": rng.choice([0, 0, 0, 1, 1, 2, 3, 5]),
                "views": int(reach * rng.uniform(1.1, 1.5)),
                "reach": reach,
            },
            "comments_enabled": True,
        }
        vk_posts.append(post)
        if path:
            link_posts.append((post, path, camp))

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
        if place in ("text", "both"):
            post["text"] += f"\n\n{lead}: {url}"
        else:
            post["text"] += f"\n\n{lead} — по ссылке 👇"
        if place in ("links", "both"):
            post["links"].append(url)
    # the price-change announcement and three sales posts with comments closed
    closed = [p for p in vk_posts if p["text"].startswith("Со следующего месяца цены")][:1]
    closed += [p for p in vk_posts if p["category"] == "commercial"][2:5]
    for p in closed:
        p["comments_enabled"] = False
    # promoted posts
    for p in [p for p in vk_posts if p["category"] == "commercial"][6:9]:
        p["is_ad"] = True
        p["metrics"]["reach"] = int(p["metrics"]["reach"] * 6.5)
        p["metrics"]["views"] = int(p["metrics"]["reach"] * 1.2)
        p["metrics"]["likes"] += rng.randint(5, 15)

    # ------------------------------------------------------------- VK comments
    th = Thread(vk_account_author, 90214, (1, 9), rng)
    vk_talk = Talk(rng, 0.12, COFFEE_TALK)
    open_posts = [p for p in vk_posts if p["comments_enabled"]]

    def post_before(moment: datetime) -> dict:
        return [p for p in open_posts if p["_t"] <= moment][-1]

    def stranger() -> str:
        return vk_user_id(ids, between(rng, dt(2010, 1, 1), dt(2022, 1, 1)))

    for post in open_posts:
        n = rng.choices([0, 1, 2, 3, 4, 5], weights=[18, 24, 25, 17, 10, 6])[0]
        for _ in range(n):
            kind = rng.choices(["positive", "neutral", "question", "complaint"], weights=[40, 24, 26, 10])[0]
            at = post["_t"] + minutes(lognormal_int(rng, 180, 1.3, 3, 6 * 24 * 60))
            author = rng.choice(genuine_vk_ids) if rng.random() < 0.85 else stranger()
            label = rng.random() < 0.4  # the exporter's moderation tool labelled some comments
            no_lang = rng.random() < 0.15  # ... and detected the language of most
            if kind == "positive":
                text, lang = vk_talk.positive()
                c = th.add(
                    post, at, text, author, lang=None if no_lang else lang, sentiment="positive" if label else None
                )
                if c and rng.random() < 0.25:
                    th.reply(
                        c, minutes(rng.randint(40, 24 * 60)), rng.choice(THANKS).format(n=rng.choice(girls)), lang="ru"
                    )
            elif kind == "neutral":
                text, lang = vk_talk.neutral()
                th.add(post, at, text, author, lang=None if no_lang else lang, sentiment="neutral" if label else None)
            elif kind == "question":
                text, lang, answer = vk_talk.question()
                c = th.add(
                    post, at, text, author, lang=None if no_lang else lang, sentiment="neutral" if label else None
                )
                if c and rng.random() < 0.55:
                    delay = rng.choices(
                        [minutes(rng.randint(20, 180)), hours(rng.randint(5, 30)), days(rng.uniform(2, 4))],
                        weights=[40, 40, 20],
                    )[0]
                    r = th.reply(c, delay, answer, lang=lang)
                    if r and rng.random() < 0.3:
                        fu, fl = rng.choice(FOLLOW_UPS)
                        th.add(post, r["_t"] + minutes(rng.randint(5, 300)), fu, author, lang=fl, parent=r)
            else:
                text, lang, answer = vk_talk.complaint()
                c = th.add(
                    post, at, text, author, lang=None if no_lang else lang, sentiment="negative" if label else None
                )
                if c and rng.random() < 0.7:
                    th.reply(c, hours(rng.uniform(2, 20)), answer, lang=lang)
        if rng.random() < 0.12 and bot_vk_ids:
            # bot noise left in place
            spam_text = rng.choice(["Посмотрите мой профиль 🔥🔥🔥", "👍👍👍", "Отличный пост! Подписывайтесь взаимно"])
            th.add(
                post,
                post["_t"] + minutes(rng.randint(1, 30)),
                spam_text,
                rng.choice(bot_vk_ids),
                lang="ru" if spam_text[0].isalpha() else None,
            )

    # scripted cases ---------------------------------------------------
    def scripted(
        moment: datetime,
        text: str,
        lang: str | None,
        sentiment: str | None,
        *,
        author: str | None = None,
        deleted_after: timedelta | None = None,
        deleted_by: str | None = None,
        reason: str | None = None,
        after_post: timedelta | None = None,
    ) -> dict:
        post = post_before(moment)
        at = post["_t"] + (after_post if after_post is not None else hours(5))
        c = th.add(
            post,
            at,
            text,
            author or rng.choice(genuine_vk_ids),
            lang=lang,
            sentiment=sentiment,
            deleted_at=at + deleted_after if deleted_after else None,
            deleted_by=deleted_by,
            deletion_reason=reason,
        )
        assert c is not None, text
        return c

    # complaints deleted by the account with no reason
    scripted(
        dt(2026, 10, 12),
        "Заказ не пришёл уже две недели, верните деньги",
        "ru",
        "negative",
        deleted_after=minutes(38),
        deleted_by="account",
    )
    scripted(
        dt(2026, 9, 22),
        "Кофе прогорклый, обжарка явно не свежая, а на пачке дата недельной давности. Разочарована.",
        "ru",
        None,
        deleted_after=hours(2.5),
        deleted_by="tm-irina",
    )
    scripted(
        dt(2026, 8, 9),
        "Ordered two bags on the 3rd, still nothing and nobody answers my emails. Not impressed.",
        "en",
        None,
        deleted_after=hours(7),
        deleted_by="account",
    )
    scripted(
        dt(2026, 10, 21),
        "Ну да, «свежая обжарка», как же 🙃 Третий раз беру — и третий раз кислятина",
        None,
        None,
        deleted_after=hours(1.2),
        deleted_by="account",
        after_post=hours(26),
    )
    courier = scripted(
        dt(2026, 7, 16),
        "Курьер опоздал на 3 часа и ещё нахамил. Больше не закажу.",
        "ru",
        "negative",
        deleted_after=hours(27),
        deleted_by="tm-dmitry",
        reason="other",
    )
    th.reply(
        courier,
        hours(3),
        "Приносим извинения! Напишите, пожалуйста, номер заказа в сообщения — разберёмся с курьерской службой.",
    )
    # legitimate moderation
    scripted(
        dt(2026, 6, 3),
        "Заработок от 5000 ₽ в день без вложений! Пиши в ЛС 💰💰💰",
        "ru",
        None,
        author=bot_vk_ids[0],
        deleted_after=minutes(55),
        deleted_by="account",
        reason="spam",
        after_post=minutes(12),
    )
    scripted(
        dt(2026, 9, 15),
        "Раскрутка групп ВК, живые подписчики недорого — пишите в личку",
        "ru",
        None,
        author=bot_vk_ids[1],
        deleted_after=hours(3),
        deleted_by="tm-irina",
        reason="spam",
        after_post=minutes(40),
    )
    scripted(
        dt(2026, 8, 27),
        "Да пошли вы со своим кофе, *** ******",
        "ru",
        "negative",
        deleted_after=minutes(20),
        deleted_by="tm-irina",
        reason="obscene",
    )
    scripted(
        dt(2026, 7, 30),
        "Марина, вот мой номер +7 903 111-22-33, скиньте адрес, куда подъехать",
        "ru",
        "neutral",
        deleted_after=hours(1),
        deleted_by="account",
        reason="personal_data",
    )
    scripted(
        dt(2026, 9, 5), "Ой, не в ту группу написала 🙈", "ru", None, deleted_after=minutes(2), deleted_by="author"
    )
    # personal data left in public, answered a day later
    office = scripted(
        dt(2026, 10, 6),
        "Хочу заказать кофе в офис на 20 человек, позвоните, пожалуйста: +7 916 555-12-34, Елена",
        "ru",
        None,
    )
    th.reply(office, hours(26), "Елена, здравствуйте! Перезвонили вам, ждём подтверждения заказа 🙂")
    # questions nobody answered
    scripted(dt(2026, 10, 24), "Подскажите, а корпоративные заказы со счётом для юрлица делаете?", "ru", None)
    scripted(dt(2026, 10, 28), "Is the Chistye Prudy shop open on November 4th?", "en", None, after_post=hours(3))

    # ------------------------------------------------------------- VK: later additions
    # Everything below draws from its own generator (`xr`), so the data above and the
    # Instagram and Telegram accounts after it stay exactly as they were.
    xr = random.Random(20261017)
    th.additions(xr)

    # the autumn tasting (advertised 1-14 October) covered live on Saturday 17 October:
    # five posts in one day flood the members' feeds (posting-frequency)
    tasting_day = dt(2026, 10, 17)
    burst_plan = [
        (
            (9, 0),
            "news",
            "Сегодня — осенняя дегустация на Чистых прудах! Начинаем в 12:00, вход свободный. Наливаем пять лотов нового урожая ☕",
        ),
        (
            (12, 14),
            "entertaining",
            "Мы начали! Очередь почти до бульвара 😅 Первый лот — Руанда Нярусизи: клюква и чёрный чай. Кто уже с нами?",
        ),
        (
            (15, 7),
            "educational",
            "Прямо с дегустации: как пробовать кофе, как обжарщик. Сёрбайте с ложки, чтобы кофе разлетелся по нёбу, и сравнивайте лоты при одной температуре — остывая, кофе раскрывается иначе.",
        ),
        (
            (18, 2),
            "commercial",
            "Все пять лотов дегустации уже в магазине на сайте: Руанда, Коста-Рика, Кения, Гватемала и Эфиопия. До понедельника — скидка 15% по промокоду DEGUST15 🔥",
        ),
        (
            (21, 26),
            "user_generated",
            "Спасибо всем, кто пришёл! Больше 150 гостей, 12 кг кофе и пять лотов. Фото гостей — в альбоме «Осенняя дегустация», отмечайте себя 📸",
        ),
    ]
    burst: list[dict] = []
    for (hh, mm), cat, text in burst_plan:
        t = tasting_day.replace(hour=hh, minute=mm, second=xr.randint(0, 59))
        reach = int(320 * xr.uniform(0.22, 0.45))  # five posts a day: each reaches fewer members
        burst.append(
            {
                "_t": t,
                "id": None,  # numbered below, in wall order
                "published_at": ts(t),
                "text": text,
                "links": [],
                "is_ad": False,
                "category": cat,
                "metrics": {
                    "likes": max(2, int(reach * xr.uniform(0.03, 0.11))),
                    "reposts": xr.choice([0, 0, 1, 1, 2, 3]),
                    "views": int(reach * xr.uniform(1.1, 1.5)),
                    "reach": reach,
                },
                "comments_enabled": True,
            }
        )
    # wall numbers run in publication order: the five take the numbers after the last post
    # before them, and every later post moves up by five
    last_before = max(int(p["id"].rsplit("_", 1)[1]) for p in vk_posts if p["_t"] < tasting_day)
    for p in vk_posts:
        if p["_t"] > tasting_day:
            p["id"] = f"-{group_id}_{int(p['id'].rsplit('_', 1)[1]) + len(burst)}"
    for n, p in enumerate(burst, 1):
        p["id"] = f"-{group_id}_{last_before + n}"
    vk_posts = sorted(vk_posts + burst, key=lambda p: p["_t"])
    opening, live, tips, sale, thanks = burst

    def member() -> str:
        return xr.choice(genuine_vk_ids)

    q = th.add(opening, opening["_t"] + minutes(47), "А до скольки будет дегустация?", member(), lang="ru")
    th.reply(q, minutes(22), "До 18:00, приходите в любое время 🙂", lang="ru")
    th.add(opening, opening["_t"] + hours(2.3), "Уже едем с подругой!", member(), lang="ru")
    th.add(live, live["_t"] + minutes(31), "Стоим в очереди, ради Руанды не жалко 😄", member(), lang="ru")
    th.add(tips, tips["_t"] + minutes(54), "Сохранила, спасибо!", member(), lang="ru", sentiment="positive")
    # a customer's e-mail left in public; the account answered but did not hide it (pii-exposure)
    usernames = {f["id"]: f.get("username", "") for f in followers}
    olga = next(uid for uid in genuine_vk_ids if usernames[uid].startswith("olga"))
    price = th.add(
        sale, sale["_t"] + minutes(93), "Пришлите прайс для офиса на olga.m1985@mail.ru, пожалуйста", olga, lang="ru"
    )
    th.reply(price, minutes(48), "Ольга, добрый вечер! Отправили прайс на почту 🙂", lang="ru")
    th.add(thanks, thanks["_t"] + minutes(18), "Спасибо за дегустацию, было очень познавательно!", member(), lang="ru")
    # an untagged link to the site in the account's own reply (missing-utm)
    lots = th.add(
        thanks, thanks["_t"] + hours(12.6), "А где посмотреть все лоты, которые вы наливали?", member(), lang="ru"
    )
    th.reply(lots, minutes(35), "Все лоты с дегустации — в каталоге: https://zerno-coffee.ru/catalog", lang="ru")
    assert all(c is not None for c in (q, price, lots))

    # members react less: likes and reposts of the organic posts of the last 30 days are half
    # what they were (comments as they are), so engagement by reach falls (engagement-rate)
    for p in vk_posts:
        if not p["is_ad"] and TAKEN_AT - days(30) <= p["_t"] < TAKEN_AT:
            p["metrics"]["likes"] //= 2
            p["metrics"]["reposts"] //= 2

    # more "dogs" (bot-followers' dead weight): members deleted or banned since they joined,
    # on the same calendar as everyone else, so no day looks like a spike
    xids = Ids(xr)
    xids.used = ids.used
    xcal = JoinCalendar(xr, per_day=2)
    xcal.count = dict(cal.count)
    for i in range(30):
        banned = i < 8
        joined = xcal.pick(dt(2022, 6, 1) if banned else vk_created + days(30), dt(2026, 3, 31))
        created = joined - (days(xr.randint(2, 40)) if banned else days(xr.randint(300, 3500)))
        uid = vk_user_id(xids, created)
        followers.append(
            {
                "id": uid,
                "username": f"id{uid}",
                "joined_at": ts(joined),
                "status": "banned" if banned else "deactivated",
                "has_avatar": False,
            }
        )
    # regulars who moved abroad and still follow the group (bot-followers' out-of-region share)
    abroad = [
        ("GE", "Тбилиси"),
        ("GE", "Батуми"),
        ("AM", "Ереван"),
        ("RS", "Белград"),
        ("RS", "Нови-Сад"),
        ("KZ", "Алматы"),
        ("TR", "Стамбул"),
        ("CY", "Лимасол"),
        ("DE", "Берлин"),
        ("AE", "Дубай"),
        ("TH", "Пхукет"),
        ("IL", "Тель-Авив"),
    ]
    for _ in range(24):
        created = between(xr, dt(2009, 1, 1), dt(2020, 12, 31))
        joined = xcal.pick(max(vk_created + days(2), created + days(30)), dt(2026, 9, 30))
        last = min(max(between(xr, TAKEN_AT - days(30), TAKEN_AT - hours(2)), joined + days(1)), TAKEN_AT - minutes(3))
        uid = vk_user_id(xids, created)
        country, city = xr.choice(abroad)
        followers.append(
            prune(
                {
                    "id": uid,
                    "username": person_username(xr),
                    "joined_at": ts(joined),
                    "created_at": ts(created.replace(hour=0, minute=0, second=0)),
                    "last_active_at": ts(last),
                    "status": "active",
                    "has_avatar": xr.random() < 0.95,
                    "is_private": xr.random() < 0.25,
                    "bio_length": 0 if xr.random() < 0.4 else xr.randint(4, 140),
                    "posts_count": lognormal_int(xr, 60, 1.1, 3, 3000),
                    "followers_count": lognormal_int(xr, 180, 0.8, 10, 4000),
                    "following_count": lognormal_int(xr, 200, 0.7, 15, 1400),
                    "country": country,
                    "city": city,
                }
            )
        )
    followers.sort(key=lambda f: (f["joined_at"], f["id"]), reverse=True)
    assert len(followers) == 374 and len({f["id"] for f in followers}) == len(followers)

    vk_comments = th.finish()
    vk_posts_out = finish_posts(vk_posts, vk_comments)

    vk_ads = [
        {
            "id": "vkads-54310",
            "name": "Подписка на кофе — ретаргетинг посетителей сайта",
            "links": [utm("https://zerno-coffee.ru/subscription", "vk", "cpc", None)],
            "started_at": ts(dt(2026, 7, 15, 10)),
        },
        {
            "id": "vkads-54877",
            "name": "Зерно месяца: Эфиопия Иргачефф",
            "links": [utm("https://zerno-coffee.ru/shop/ethiopia-yirgacheffe", "vk", "cpc", "ethiopia_sept")],
            "started_at": ts(dt(2026, 9, 1, 9)),
            "ended_at": ts(dt(2026, 9, 21, 23, 59)),
        },
        {
            "id": "vkads-55012",
            "name": "Осенняя дегустация — таргет Москва, 25–45",
            "links": ["https://zerno-coffee.ru/events/degustaciya"],
            "started_at": ts(dt(2026, 10, 1, 10)),
            "ended_at": ts(dt(2026, 10, 14, 23, 59)),
        },
    ]

    vk_account = {
        "id": "vk-zerno",
        "platform": "vk",
        "kind": "group",
        "name": "Кофейня Зерно | Specialty-кофе Москва и Петербург",
        "handle": "zerno.coffee",
        "url": "https://vk.com/zerno.coffee",
        "created_at": ts(vk_created),
        "is_commercial": True,
        "owner": {"type": "client", "name": "ИП Зернов Алексей Викторович"},
        "followers_count": len(followers),
        "settings": {
            "comments_enabled": True,
            "messages_enabled": True,
            "profanity_filter": False,
            "spam_filter": False,
            "discussions_enabled": False,
        },
        "profile": {
            "description": "Кофейня и обжарка specialty-кофе в Москве и Петербурге ☕ Свежая обжарка каждую неделю, доставка зерна по всей России.",
            "avatar": True,
            "cover": False,
            "website": utm("https://zerno-coffee.ru/", "vk", "social", "profile"),
            "contacts": ["+7 495 123-45-67", "hello@zerno-coffee.ru", "Москва, Чистопрудный бульвар, 12"],
        },
        "followers": followers,
        "followers_sampling": "full",
        "posts": vk_posts_out,
        "comments": vk_comments,
        "ads": vk_ads,
    }

    # ------------------------------------------------------------- Instagram (freelancer, silent since July)
    ig_ids = Ids(rng)
    ig_created = dt(2025, 4, 8, 16, 20)
    ig_followers: list[dict] = []
    ig_cal = JoinCalendar(rng, per_day=2)
    for _ in range(80):
        joined = ig_cal.pick(ig_created + days(1), TAKEN_AT - days(1))
        ig_followers.append(
            prune(
                {
                    "id": ig_ids.draw(1_500_000_000, 75_000_000_000),
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
        )
    for i in range(66):
        # 1,000 followers bought during the relaunch: most of them arrived on 25-26 May 2026
        joined = (
            daytime(rng, dt(2026, 5, 25) + days(i % 5 == 0), 1, 6)
            if i < 52
            else between(rng, dt(2026, 5, 18), dt(2026, 6, 30))
        )
        ig_followers.append(
            prune(
                {
                    "id": ig_ids.draw(60_000_000_000, 79_000_000_000),
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
        )
    for _ in range(4):
        ig_followers.append(
            {
                "id": ig_ids.draw(1_500_000_000, 75_000_000_000),
                "username": bot_username(rng, "", ig=True),
                "joined_at": ts(between(rng, dt(2025, 5, 1), dt(2026, 6, 30))),
                "status": "deactivated",
            }
        )
    rng.shuffle(ig_followers)  # a uniform random sample comes in no particular order

    ig_days = (
        [dt(2025, 4, 10), dt(2025, 4, 17), dt(2025, 4, 29), dt(2025, 5, 8), dt(2025, 5, 20)]
        + [dt(2026, 5, 18) + days(d) for d in sorted(rng.sample(range(26), 22))]
        + [dt(2026, 5, 19), dt(2026, 5, 26), dt(2026, 6, 2), dt(2026, 6, 5), dt(2026, 6, 9)]
        + [dt(2026, 6, 22), dt(2026, 6, 28), dt(2026, 7, 3)]
    )
    ig_texts_commercial = [
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
    ig_texts_other = [
        ("Мы открылись в Instagram! Подписывайтесь, здесь будут новинки и закулисье обжарки", "news"),
        ("Утро в кофейне на Чистых ☀️ Кто уже с нами?", "entertaining"),
        ("Как заварить кофе в турке без горечи: три правила от нашего бариста 👇", "educational"),
        ("Ваши фото с #зернокофе — лучшее, что с нами случалось 📸", "user_generated"),
        ("Латте-арт от гостьи Кати — первый тюльпан! 🌷 #зернокофе", "user_generated"),
        ("Закулисье обжарки: 12 минут, 210 °C и много терпения 🔥", "entertaining"),
    ]
    ig_decks = (Deck(rng, ig_texts_commercial), Deck(rng, ig_texts_other[1:]))
    ig_posts: list[dict] = []
    for i, day in enumerate(sorted(ig_days)):
        t = daytime(rng, day, 10, 21)
        o, notes, _ = rng.choice(origins)
        fill = dict(o=o, n=notes, p=rng.choice([690, 790, 890, 950]), pct=rng.choice([10, 15, 20]))
        if i == 0:
            text, cat = ig_texts_other[0]
        elif rng.random() < 0.72:
            text, cat = ig_decks[0].draw().format(**fill), "commercial"
        else:
            text, cat = ig_decks[1].draw()
        reach = rng.randint(140, 420)
        ig_posts.append(
            {
                "_t": t,
                "id": str(3_180_000_000_000_000_000 + i * 7_919_213_456_789 + rng.randint(0, 10**9)),
                "published_at": ts(t),
                "text": text,
                "links": [],
                "is_ad": False,
                "category": cat,
                "metrics": {
                    "likes": rng.randint(4, 12),
                    "reposts": rng.choice([0, 0, 1, 2]),
                    "views": int(reach * rng.uniform(1.2, 1.6)),
                    "reach": reach,
                },
                "comments_enabled": True,
            }
        )
    ig_posts[9]["comments_enabled"] = False
    ig_posts[6]["is_ad"] = True
    ig_posts[6]["metrics"]["reach"] = 5200
    ig_posts[6]["metrics"]["views"] = 6900
    ig_posts[6]["metrics"]["likes"] = 31

    ig_talk = Talk(rng, 0.3, COFFEE_TALK)
    ig_th = Thread(
        "52104738816", 17_912_345_678_901_234, (1_000, 90_000), rng, with_lang=False
    )  # Instagram exports carry no language
    ig_genuine = [f["id"] for f in ig_followers if f.get("has_avatar") and f.get("posts_count", 0) > 5]
    ig_bots = [f["id"] for f in ig_followers if f.get("following_count", 0) >= 1600]
    ig_open = [p for p in ig_posts if p["comments_enabled"]]
    for post in ig_open:
        for _ in range(rng.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0]):
            at = post["_t"] + minutes(lognormal_int(rng, 240, 1.2, 5, 5 * 24 * 60))
            kind = rng.choices(["positive", "question", "bot"], weights=[50, 25, 25])[0]
            if kind == "positive":
                text, _ = ig_talk.positive()
                ig_th.add(post, at, text, rng.choice(ig_genuine))
            elif kind == "question":
                text, lang, answer = ig_talk.question()
                c = ig_th.add(post, at, text, rng.choice(ig_genuine))
                # the freelancer answered while the relaunch lasted, then stopped
                if c and c["_t"] < dt(2026, 6, 25) and rng.random() < 0.8:
                    ig_th.reply(c, minutes(rng.randint(15, 240)), answer, lang=lang)
            else:
                ig_th.add(
                    post,
                    post["_t"] + minutes(rng.randint(1, 20)),
                    rng.choice(
                        [
                            "🔥🔥🔥",
                            "Nice feed! DM us for collab 💰",
                            "😍😍",
                            "Check my page ❤️",
                            "Promote it on @best_promo_ig",
                        ]
                    ),
                    rng.choice(ig_bots),
                )
    last_ig = ig_posts[-1]
    ig_th.add(
        ig_posts[-4],
        ig_posts[-4]["_t"] + hours(4),
        "Где мой заказ??? Пишу в директ неделю, никто не отвечает 😡",
        rng.choice(ig_genuine),
        lang="ru",
        deleted_at=ig_posts[-4]["_t"] + hours(9),
        deleted_by="account",
    )
    ig_th.add(
        last_ig, dt(2026, 9, 18, 13, 40), "Вы ещё работаете? Пишу в директ — тишина", rng.choice(ig_genuine), lang="ru"
    )
    ig_th.add(last_ig, dt(2026, 10, 9, 20, 15), "Is this account still active?", rng.choice(ig_genuine), lang="en")
    # weekend questions nobody answered (response-time's weekend gap); drawn from `xr`, like
    # the VK additions, so the Telegram channel below stays as it was
    ig_th.additions(xr)
    for post, at, text in (
        (ig_posts[-3], dt(2026, 7, 18, 10, 42), "Подскажите, доставка в Казань сейчас работает?"),
        (ig_posts[-2], dt(2026, 8, 9, 19, 5), "Do you still ship beans to St. Petersburg?"),
        (ig_posts[-6], dt(2026, 9, 5, 13, 27), "А подарочный сертификат можно купить онлайн?"),
        (last_ig, dt(2026, 10, 25, 16, 48), "Where can I buy your coffee now? Is the Chistye Prudy shop still open?"),
    ):
        assert at.weekday() >= 5 and at <= TAKEN_AT - days(2), text
        assert ig_th.add(post, at, text, xr.choice(ig_genuine)) is not None, text
    ig_comments = ig_th.finish()
    ig_posts_out = finish_posts(ig_posts, ig_comments)

    ig_account = {
        "id": "ig-zerno",
        "platform": "instagram",
        "kind": "business_page",
        "name": "Zerno Coffee",
        "handle": "zerno.coffee",
        "url": "https://www.instagram.com/zerno.coffee/",
        "created_at": ts(ig_created),
        "is_commercial": True,
        "owner": {"type": "freelancer", "name": "Kristina Belova"},
        "followers_count": 1840,
        "settings": {"comments_enabled": True, "messages_enabled": True},
        "profile": {
            "description": "Specialty coffee roasters ☕ Москва · Петербург\nСвежая обжарка каждую неделю 🔥",
            "avatar": True,
            "website": "https://zerno-coffee.ru",
        },
        "followers": ig_followers,
        "followers_sampling": "random_sample",
        "posts": ig_posts_out,
        "comments": ig_comments,
        "ads": [
            {
                "id": "ig-promo-1201",
                "name": "Продвижение: запуск Instagram",
                "links": [utm("https://zerno-coffee.ru/", "instagram", "paid", "ig_launch")],
                "started_at": ts(dt(2026, 5, 20, 12)),
                "ended_at": ts(dt(2026, 5, 27, 12)),
            }
        ],
    }

    # ------------------------------------------------------------- Telegram channel (launch burst, then quiet)
    tg_created = dt(2026, 8, 10, 11, 0)
    tg_days = [dt(2026, 8, 10) + days(d) for d in sorted(rng.sample(range(1, 21), 15))] + [
        dt(2026, 8, 10),
        dt(2026, 9, 2),
        dt(2026, 9, 4),
    ]
    tg_texts = [
        ("Привет! Это канал кофейни Зерно ☕ Здесь — новые лоты, акции и закулисье обжарки.", "news", None),
        ("Новый лот: {o}. {n}. Заказать: {url}", "commercial", "/shop/{slug}"),
        ("Скидка {pct}% для подписчиков канала до пятницы — промокод TG{pct}. {url}", "commercial", "/shop"),
        (
            "Рецепт недели: колд брю. 80 г кофе крупного помола на 1 л холодной воды, 14 часов в холодильнике.",
            "educational",
            None,
        ),
        ("Сегодня обжариваем Кению — на Чистых пахнет смородиной 🍇", "entertaining", None),
        (
            "Дегустация в субботу в 12:00 на Чистых прудах, вход свободный. Регистрация: {url}",
            "news",
            "/events/degustaciya",
        ),
        ("Подписка на кофе теперь и в Петербурге 🎉 {url}", "commercial", "/subscription"),
        ("Как мы выбираем лоты: каппинг по пятницам, 20 образцов и один победитель.", "educational", None),
        ("Почему не стоит хранить кофе в холодильнике — коротко и с картинками.", "educational", None),
        ("Бариста Саша делится плейлистом для утренней смены 🎧", "entertaining", None),
        ("Набор дрип-пакетов «Путешественник» — 10 лотов со всего мира. {url}", "commercial", "/shop/drip"),
        ("На Чистых прудах теперь можно оплатить по СБП.", "news", None),
    ]
    tg_deck = Deck(rng, tg_texts[1:])
    tg_posts: list[dict] = []
    msg_no = 2
    for i, day in enumerate(sorted(tg_days)):
        t = daytime(rng, day, 10, 20)
        if i == 0:
            t = tg_created + minutes(25)
        msg_no += rng.randint(1, 2)
        template, cat, path = tg_texts[0] if i == 0 else tg_deck.draw()
        o, notes, slug = rng.choice(origins)
        url = None
        if path:
            base = f"https://zerno-coffee.ru{path.format(slug=slug)}"
            url = utm(base, "telegram", "social", "tg_channel") if rng.random() < 0.5 else base
        text = template.format(o=o, n=notes.capitalize(), pct=rng.choice([10, 15]), url=url or "")
        views = rng.randint(60, 170)
        tg_posts.append(
            {
                "_t": t,
                "id": str(msg_no),
                "published_at": ts(t),
                "text": text.strip(),
                "links": [],
                "is_ad": False,
                "category": cat,
                "metrics": {"likes": rng.randint(1, 12), "reposts": rng.randint(0, 5), "views": views},
                "comments_enabled": True,
            }
        )
    tg_posts[5]["text"] += "\nПодробнее: https://clck.ru/3BzK9p"
    tg_posts[8]["text"] = "Сертификаты Зерна — отличный подарок ☕ " + utm(
        "https://zerno-coffee.ru/gift", "vk", "social", "gift_cards"
    )
    tg_posts[8]["category"] = "commercial"

    tg_talk = Talk(rng, 0.1, COFFEE_TALK)
    tg_th = Thread("-1002145567890", 3012, (1, 4), rng)
    for post in tg_posts:
        for _ in range(rng.choices([0, 1, 2], weights=[55, 35, 10])[0]):
            at = post["_t"] + minutes(lognormal_int(rng, 90, 1.0, 3, 3 * 24 * 60))
            if rng.random() < 0.6:
                text, lang = tg_talk.positive()
                tg_th.add(post, at, text, str(rng.randint(100_000_000, 7_999_999_999)), lang=lang)
            else:
                text, lang, answer = tg_talk.question()
                c = tg_th.add(post, at, text, str(rng.randint(100_000_000, 7_999_999_999)), lang=lang)
                if c and rng.random() < 0.6:
                    tg_th.reply(c, minutes(rng.randint(30, 600)), answer, lang=lang)
    tg_comments = tg_th.finish()
    tg_posts_out = finish_posts(tg_posts, tg_comments)
    tg_account = {
        "id": "tg-zerno",
        "platform": "telegram",
        "kind": "channel",
        "name": "Зерно ☕ кофейня",
        "handle": "zerno_coffee_msk",
        "url": "https://t.me/zerno_coffee_msk",
        "created_at": ts(tg_created),
        "is_commercial": True,
        "owner": {"type": "employee", "name": "Ирина Ковалёва"},
        "followers_count": 212,
        "settings": {"comments_enabled": True, "messages_enabled": False},
        "profile": {
            "description": "Новости кофейни Зерно: новые лоты, акции, события. Магазин: zerno-coffee.ru/shop",
            "avatar": True,
        },
        "posts": tg_posts_out,
        "comments": tg_comments,
    }

    # ------------------------------------------------------------- team and credentials
    team = [
        {
            "id": "tm-alexey",
            "name": "Алексей Зернов",
            "role": "owner",
            "status": "active",
            "account_ids": ["vk-zerno"],
            "accounts_elsewhere": 0,
        },
        {
            "id": "tm-irina",
            "name": "Ирина Ковалёва",
            "role": "smm_manager",
            "status": "active",
            "account_ids": ["vk-zerno", "ig-zerno", "tg-zerno"],
            "accounts_elsewhere": 4,
        },
        {
            "id": "tm-dmitry",
            "name": "Дмитрий Орлов",
            "role": "content_manager",
            "status": "left",
            "left_at": ts(dt(2026, 8, 20, 18, 0)),
            "account_ids": ["vk-zerno"],
            "accounts_elsewhere": 2,
        },
    ]
    shared_password = "ZernoCoffee2019"  # made up; only its fingerprint is exported
    credentials = [
        {
            "account_id": "vk-zerno",
            "login": "a.zernov@zerno-coffee.ru",
            "holders": ["tm-alexey", "tm-irina", "tm-dmitry"],
            "password": {"fingerprint": sha256(shared_password), "length": len(shared_password)},
            "two_factor": True,
            "last_changed_at": ts(dt(2026, 3, 14, 11, 20)),
            "recovery_email": "a.zernov@zerno-coffee.ru",
        },
        {
            "account_id": "ig-zerno",
            "login": "zerno.coffee",
            "holders": ["tm-irina"],
            "password": {"fingerprint": sha256(shared_password), "length": len(shared_password)},
            "two_factor": False,
            "last_changed_at": ts(dt(2025, 4, 8, 16, 25)),
            "recovery_email": "kristina.belova.smm@gmail.com",
        },
    ]

    return {
        "schema_version": SCHEMA_VERSION,
        "taken_at": ts(TAKEN_AT),
        "client": {"name": "Kofeinya Zerno", "domains": ["zerno-coffee.ru"], "target_regions": ["RU-MOW", "RU-SPE"]},
        "accounts": [vk_account, ig_account, tg_account],
        "team": team,
        "credentials": credentials,
    }


# =========================================================================== HEALTHY


def build_healthy() -> dict:
    rng = random.Random(4242)
    ids = Ids(rng)
    group_id = "203344556"
    start = dt(2026, 8, 3)

    # ------------------------------------------------------------- VK followers: genuine, spread out, local
    vk_created = dt(2020, 2, 17, 12, 0)
    cal = JoinCalendar(rng, per_day=2)
    followers = []
    for _ in range(640):
        created = between(rng, dt(2009, 1, 1), dt(2022, 6, 30))
        joined = cal.pick(max(vk_created + days(1), created + days(60)), TAKEN_AT - hours(8))
        r = rng.random()
        last = (
            between(rng, TAKEN_AT - days(7), TAKEN_AT - minutes(10))
            if r < 0.8
            else between(rng, TAKEN_AT - days(60), TAKEN_AT - days(7))
            if r < 0.96
            else between(rng, TAKEN_AT - days(200), TAKEN_AT - days(60))
        )
        last = min(max(last, joined + days(rng.randint(1, 30))), TAKEN_AT - minutes(2))
        uid = vk_user_id(ids, created)
        c = rng.random()
        city = (
            "Санкт-Петербург"
            if c < 0.78
            else rng.choice(["Всеволожск", "Гатчина", "Кудрово", "Мурино", "Пушкин", "Сестрорецк"])
            if c < 0.92
            else rng.choice(["Москва", "Великий Новгород", "Петрозаводск", "Псков"])
        )
        followers.append(
            {
                "id": uid,
                "username": person_username(rng),
                "joined_at": ts(joined),
                "created_at": ts(created.replace(hour=0, minute=0, second=0)),
                "last_active_at": ts(last),
                "status": "active",
                "has_avatar": rng.random() < 0.97,
                "is_private": rng.random() < 0.15,
                "bio_length": rng.randint(6, 160) if rng.random() < 0.75 else 0,
                "posts_count": lognormal_int(rng, 90, 0.9, 6, 3000),
                "followers_count": lognormal_int(rng, 210, 0.7, 30, 3000),
                "following_count": lognormal_int(rng, 180, 0.6, 25, 900),
                "country": "RU",
                "city": city,
            }
        )
    followers.sort(key=lambda f: (f["joined_at"], f["id"]), reverse=True)
    follower_ids = [f["id"] for f in followers]

    woods = ["дуба", "ясеня", "берёзы", "ореха", "карельской сосны"]
    # (nominative, accusative, catalogue path, campaign)
    products = [
        ("стол «Ладога»", "стол «Ладога»", "/catalog/ladoga-table", "ladoga_table"),
        ("скамья «Вуокса»", "скамью «Вуокса»", "/catalog/vuoksa-bench", "vuoksa_bench"),
        ("стеллаж «Онега»", "стеллаж «Онега»", "/catalog/onega-shelf", "onega_shelf"),
        ("комод «Свирь»", "комод «Свирь»", "/catalog/svir-chest", "svir_chest"),
        ("кровать «Нева»", "кровать «Нева»", "/catalog/neva-bed", "neva_bed"),
        ("журнальный столик «Мста»", "журнальный столик «Мста»", "/catalog/msta-table", "msta_table"),
    ]
    commercial_t = [
        "{P} из массива {w} — снова в наличии в шоуруме на Петроградке. Изготовим и под ваш размер за 3 недели.",
        "Новая коллекция «Ладожская»: {p} и ещё пять предметов из массива {w}. Предзаказ со скидкой 10% до конца месяца.",
        "Распродажа образцов из шоурума: −25% на выставочные модели, в том числе {p}.",
        "Изготовим {pa} по вашим размерам. Замер по Петербургу и области бесплатно.",
        "{P} — бестселлер этого года. Масло-воск трёх оттенков на выбор.",
        "В шоуруме остался последний выставочный образец — {p} из {w}. Скидка 15% до воскресенья.",
        "Рассрочка 0% на 6 месяцев на любую мебель под заказ, например {p}.",
        "Подарочный сертификат Севера на любую сумму — упакуем в коробку из фанеры ручной работы.",
    ]
    educational_t = [
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
    ]
    entertaining_t = [
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
    ]
    ugc_t = [
        "Интерьер от нашей клиентки {g}: {p} в гостиной на Васильевском. Спасибо за фото! 📸",
        "Отзыв недели: «Собрали за 20 минут, качество — как в музее». Спасибо, {m}!",
        "Ваши фото с мебелью Севера — отмечайте #северстудия, лучшие покажем здесь.",
        "Фото от {g}: {p} в детской, третий год без единой царапины 🙌",
        "Клиенты из Кудрово прислали фото кухни с нашим столом «Ладога». Красиво же?",
    ]
    news_t = [
        ("Мы участвуем в «Дизайн-уикенде» в Манеже, стенд C7. Приходите!", None),
        ("Шоурум на Петроградке теперь открыт и по воскресеньям, 11:00–19:00.", None),
        ("Запустили доставку в Москву: 3–5 дней, бережная упаковка в обрешётку.", "/delivery"),
        ("В мастерской появился новый фрезерный станок — сроки изготовления сократятся на неделю.", None),
        ("Наша работа — {p} — вошла в шорт-лист премии «Русский дизайн».", "https://russiandesignaward.ru/shortlist"),
        ("Принимаем заказы к Новому году — успевайте до 1 декабря 🎄", "/catalog"),
        ("Открыли запись на экскурсии в мастерскую по субботам — бесплатно, группы до 8 человек.", "/tour"),
        ("Теперь у нас можно оплатить заказ долями.", None),
    ]
    girls = ["Марии", "Ольги", "Натальи", "Дарьи", "Ксении", "Веры"]
    men = ["Артём", "Глеб", "Илья", "Фёдор"]

    def make_posts(
        platform: str, n_days: int, per_day_weights: list[int], id_fn, followers_n: int, source: str
    ) -> list[dict]:
        posts = []
        cats = ["commercial", "educational", "entertaining", "user_generated", "news"]
        weights = [20, 35, 22, 11, 12]
        decks = {
            k: Deck(rng, v)
            for k, v in (
                ("commercial", commercial_t),
                ("educational", educational_t),
                ("entertaining", entertaining_t),
                ("user_generated", ugc_t),
                ("news", news_t),
            )
        }
        for d in range(n_days):
            day = start + days(d)
            k = rng.choices(range(len(per_day_weights)), weights=per_day_weights)[0]
            slots = sorted(rng.sample([(10, 12), (13, 15.5), (18, 20.5)], k))
            for lo, hi in slots:
                t = daytime(rng, day, lo, hi)
                if t >= TAKEN_AT - hours(20):
                    continue
                cat = rng.choices(cats, weights=weights)[0]
                prod, prod_acc, path, camp = rng.choice(products)
                fill = dict(
                    p=prod,
                    pa=prod_acc,
                    P=prod[0].upper() + prod[1:],
                    w=rng.choice(woods),
                    g=rng.choice(girls),
                    m=rng.choice(men),
                )
                link_path = None
                ext = None
                if cat == "commercial":
                    text = decks["commercial"].draw().format(**fill)
                    link_path = path
                elif cat == "educational":
                    text = decks["educational"].draw().format(**fill)
                    if rng.random() < 0.4:
                        link_path, camp = "/journal/care", "care_guide"
                elif cat == "entertaining":
                    text = decks["entertaining"].draw().format(**fill)
                elif cat == "user_generated":
                    text = decks["user_generated"].draw().format(**fill)
                else:
                    text, target = decks["news"].draw()
                    text = text.format(**fill)
                    if target and target.startswith("http"):
                        ext = target
                    elif target:
                        link_path, camp = target, "news"
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
                posts.append(
                    {
                        "_t": t,
                        "id": id_fn(),
                        "published_at": ts(t),
                        "text": text,
                        "links": links,
                        "is_ad": False,
                        "category": cat,
                        "metrics": metrics,
                        "comments_enabled": True,
                    }
                )
        return posts

    wall = [900]

    def vk_post_id() -> str:
        wall[0] += rng.randint(1, 2)
        return f"-{group_id}_{wall[0]}"

    msg = [1480]

    def tg_post_id() -> str:
        msg[0] += rng.randint(1, 2)
        return str(msg[0])

    vk_posts = make_posts("vk", 90, [0, 70, 30], vk_post_id, 640, "vk")
    tg_posts = make_posts("telegram", 90, [8, 80, 12], tg_post_id, 415, "telegram")
    for p in [p for p in vk_posts if p["category"] == "commercial"][3:6]:
        p["is_ad"] = True
        p["metrics"]["reach"] *= 4
        p["metrics"]["views"] = int(p["metrics"]["reach"] * 1.2)

    talk = Talk(
        rng,
        0.06,
        {
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
                "Дуб в белёном масле",
                "Ясень в прозрачном масле",
                "Берёза в белёном масле",
                "Орех",
                "Стол «Ладога»",
                "Скамья «Вуокса»",
                "Стеллаж «Онега»",
                "Комод «Свирь»",
                "Кровать «Нева»",
                "Столик «Мста»",
                "Новая коллекция",
            ],
            "pos_praise": [
                "огонь 🔥",
                "просто мечта",
                "очень благородно",
                "хочу такой же",
                "выглядит дорого",
                "любовь 😍",
                "шикарно",
                "то, что мы искали",
            ],
            "pos_en": ["Beautiful work!", "Love the oak finish 😍", "Such clean joinery, respect", "Gorgeous grain"],
            "pos_en_subject": ["The oak table is", "This bench is", "The shelf is"],
            "pos_en_praise": ["stunning", "beautiful", "exactly my style"],
            "neu_ru": [
                "Интересно",
                "Сохранила",
                "Белёный!",
                "Натуральный, конечно",
                "Орех 🤎",
                "Я бы сделал скворечник 🙂",
                "Похоже на ясень",
                "Дуб?",
                "Ждём продолжения",
                "Надо показать мужу",
            ],
            "neu_en": ["Interesting", "Saving this"],
            "q_ru": [
                (
                    "Сколько делается стол под заказ?",
                    "ru",
                    "Здравствуйте! 3–4 недели с момента замера, точный срок скажет менеджер после расчёта.",
                ),
                (
                    "А есть доставка в Выборг?",
                    "ru",
                    "Да, по Ленобласти доставляем сами, в Выборг — 2500 ₽ с подъёмом и сборкой.",
                ),
                (
                    "Можно посмотреть образцы масел вживую?",
                    "ru",
                    "Конечно! Все образцы есть в шоуруме на Петроградке, ждём вас ежедневно 11:00–20:00.",
                ),
                (
                    "Какая гарантия на мебель?",
                    "ru",
                    "Три года на конструкцию и покрытие, бесплатное обслуживание масла в первый год.",
                ),
                (
                    "Делаете ли вы кухни?",
                    "ru",
                    "Кухни не делаем, только корпусную мебель, столы и стеллажи. Можем посоветовать проверенных мастеров.",
                ),
                (
                    "Можно ли заказать стол из ореха?",
                    "ru",
                    "Да, орех есть под заказ — срок +1 неделя, расчёт по вашим размерам в сообщениях.",
                ),
                (
                    "А на экскурсию в мастерскую можно с ребёнком?",
                    "ru",
                    "Конечно, с 7 лет — даже дадим порисовать на обрезках 🙂",
                ),
                (
                    "Принимаете ли вы заказы от юрлиц?",
                    "ru",
                    "Да, работаем по договору с безналичной оплатой, напишите в сообщения.",
                ),
            ],
            "q_ru_templates": [
                (
                    "Сколько будет стоить {p} из {w} длиной {n} см?",
                    "Здравствуйте! Посчитаем в течение дня — пришлите, пожалуйста, размеры и фото комнаты в сообщения сообщества.",
                ),
                (
                    "А {pa} можно сделать в белёном масле?",
                    "Да, любой предмет покрываем белёным, прозрачным или тёмным маслом на выбор.",
                ),
                (
                    "{P} есть в шоуруме вживую?",
                    "Да, выставочный образец стоит в шоуруме на Петроградке, приходите посмотреть!",
                ),
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
                (
                    "Can I order a custom size?",
                    "en",
                    "Of course — send us the dimensions in messages and we'll quote within a day.",
                ),
                (
                    "Do you have an English-speaking manager?",
                    "en",
                    "Yes, write to us in English in messages, Polina will help.",
                ),
            ],
            "c_ru": [
                (
                    "Стол пришёл с царапиной на кромке 😕",
                    "ru",
                    "Простите, пожалуйста! Мастер приедет и бесплатно всё исправит — уже написали вам в сообщения.",
                ),
                (
                    "Доставку перенесли уже второй раз, неудобно",
                    "ru",
                    "Извините! Это наша ошибка с графиком — доставим завтра в удобное вам время и бесплатно.",
                ),
                (
                    "Дороговато, честно говоря",
                    "ru",
                    "Понимаем! Массив и ручная работа стоят дороже, но служат десятилетиями. В шоуруме есть образцы со скидкой до 25%.",
                ),
                (
                    "Менеджер долго не отвечал в сообщениях",
                    "ru",
                    "Простите! Была загрузка перед выставкой, уже ответили вам. Теперь отвечаем в течение часа.",
                ),
                (
                    "Сборщики опоздали на час",
                    "ru",
                    "Извините за опоздание, это недопустимо. Сделаем скидку на следующий заказ и разберёмся с графиком.",
                ),
            ],
            "c_en": [
                (
                    "The bench arrived with a wobbly leg",
                    "en",
                    "So sorry! Our master will come and fix it free of charge — we've messaged you.",
                )
            ],
        },
    )
    thanks = ["Спасибо! 🙌", "Спасибо, очень приятно!", "Рады, что нравится 🙂", "Спасибо, передадим мастерам!"]

    def comment_posts(posts: list[dict], th: Thread, authors, spam_every: int, source: str) -> None:
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
                    c = th.add(post, at, text, author, lang=lang)
                    if c:
                        th.reply(c, minutes(rng.randint(4, 50)), rng.choice(thanks), lang="ru")
                elif kind == "question":
                    text, lang, answer = talk.question()
                    c = th.add(post, at, text, author, lang=lang)
                    if c:
                        if rng.random() < 0.25:
                            answer += " Каталог: " + utm(
                                "https://sever-studio.ru/catalog", source, "social", "comment_reply"
                            )
                        th.reply(c, minutes(rng.randint(4, 50)), answer, lang=lang)
                else:
                    text, lang, answer = talk.complaint()
                    c = th.add(post, at, text, author, lang=lang)
                    if c:
                        th.reply(c, minutes(rng.randint(6, 45)), answer, lang=lang)
            if spam_every and idx % spam_every == spam_every // 2:
                at = post["_t"] + minutes(rng.randint(2, 30))
                th.add(
                    post,
                    at,
                    rng.choice(
                        ["Заработок от 3000 ₽ в день, пишите в ЛС 💰", "Накрутка подписчиков дёшево — ссылка в профиле"]
                    ),
                    str(rng.randint(990_000_000, 999_999_999)),
                    lang="ru",
                    deleted_at=at + minutes(rng.randint(3, 25)),
                    deleted_by="account",
                    deletion_reason="spam",
                )

    vk_th = Thread(f"-{group_id}", 40_120, (1, 6), rng)
    comment_posts(vk_posts, vk_th, lambda: rng.choice(follower_ids), 45, "vk")
    # an author removing their own typo
    p = vk_posts[40]
    typo = vk_th.add(
        p,
        p["_t"] + hours(2),
        "Скаджите, а сколько стоит доставка",
        rng.choice(follower_ids),
        lang="ru",
        deleted_at=p["_t"] + hours(2) + minutes(1),
        deleted_by="author",
    )
    assert typo is not None
    vk_comments = vk_th.finish()
    tg_th = Thread("-1001877665544", 8_800, (1, 3), rng)
    comment_posts(tg_posts, tg_th, lambda: str(rng.randint(150_000_000, 7_500_000_000)), 60, "telegram")
    tg_comments = tg_th.finish()

    vk_account = {
        "id": "vk-sever",
        "platform": "vk",
        "kind": "group",
        "name": "Студия Север | Мебель из массива, Санкт-Петербург",
        "handle": "sever_studio",
        "url": "https://vk.com/sever_studio",
        "created_at": ts(vk_created),
        "is_commercial": True,
        "owner": {"type": "client", "name": "ООО «Студия Север»"},
        "followers_count": len(followers),
        "settings": {
            "comments_enabled": True,
            "messages_enabled": True,
            "profanity_filter": True,
            "spam_filter": True,
            "discussions_enabled": True,
        },
        "profile": {
            "description": "Мебель из массива дуба, ясеня и берёзы ручной работы. Мастерская и шоурум в Санкт-Петербурге, доставка по России.",
            "avatar": True,
            "cover": True,
            "website": utm("https://sever-studio.ru/", "vk", "social", "profile"),
            "contacts": ["+7 812 409-33-10", "hello@sever-studio.ru", "Санкт-Петербург, Большая Зеленина ул., 24"],
        },
        "followers": followers,
        "followers_sampling": "full",
        "posts": finish_posts(vk_posts, vk_comments),
        "comments": vk_comments,
        "ads": [
            {
                "id": "vkads-61877",
                "name": "Коллекция «Ладожская» — таргет СПб и ЛО",
                "links": [utm("https://sever-studio.ru/collections/ladoga", "vk", "cpc", "ladoga_autumn")],
                "started_at": ts(dt(2026, 9, 15, 10)),
                "ended_at": ts(dt(2026, 10, 15, 23, 59)),
            }
        ],
    }
    tg_account = {
        "id": "tg-sever",
        "platform": "telegram",
        "kind": "channel",
        "name": "Студия Север — мебель из массива",
        "handle": "sever_studio",
        "url": "https://t.me/sever_studio",
        "created_at": ts(dt(2022, 9, 1, 10, 0)),
        "is_commercial": True,
        "owner": {"type": "client", "name": "ООО «Студия Север»"},
        "followers_count": 415,
        "settings": {"comments_enabled": True, "messages_enabled": True, "spam_filter": True},
        "profile": {
            "description": "Мебель из массива ручной работы. Мастерская и шоурум в Санкт-Петербурге. Новинки, закулисье и советы по уходу.",
            "avatar": True,
            "website": utm("https://sever-studio.ru/", "telegram", "social", "profile"),
            "contacts": ["+7 812 409-33-10", "hello@sever-studio.ru"],
        },
        "posts": finish_posts(tg_posts, tg_comments),
        "comments": tg_comments,
        "ads": [
            {
                "id": "tgads-2291",
                "name": "Telegram Ads: каналы об интерьере",
                "links": [utm("https://sever-studio.ru/catalog", "telegram", "cpc", "interior_channels")],
                "started_at": ts(dt(2026, 10, 1, 12)),
                "ended_at": ts(dt(2026, 10, 21, 12)),
            }
        ],
    }

    def strong_password() -> str:
        alphabet = string.ascii_letters + string.digits + "-_.!"
        return "".join(rng.choice(alphabet) for _ in range(20))

    pw_vk, pw_tg = strong_password(), strong_password()
    team = [
        {
            "id": "tm-polina",
            "name": "Полина Северова",
            "role": "smm_manager",
            "status": "active",
            "account_ids": ["vk-sever", "tg-sever"],
            "accounts_elsewhere": 1,
        },
        {
            "id": "tm-egor",
            "name": "Егор Лебедев",
            "role": "content_manager",
            "status": "active",
            "account_ids": ["vk-sever", "tg-sever"],
            "accounts_elsewhere": 0,
        },
    ]
    credentials = [
        {
            "account_id": "vk-sever",
            "login": "smm@sever-studio.ru",
            "holders": ["tm-polina", "tm-egor"],
            "password": {"fingerprint": sha256(pw_vk), "length": len(pw_vk)},
            "two_factor": True,
            "last_changed_at": ts(dt(2026, 7, 15, 10, 30)),
            "recovery_email": "admin@sever-studio.ru",
        },
        {
            "account_id": "tg-sever",
            "login": "+7 812 409-33-10",
            "holders": ["tm-polina", "tm-egor"],
            "password": {"fingerprint": sha256(pw_tg), "length": len(pw_tg)},
            "two_factor": True,
            "last_changed_at": ts(dt(2026, 9, 2, 9, 15)),
            "recovery_email": "admin@sever-studio.ru",
        },
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "taken_at": ts(TAKEN_AT),
        "client": {"name": "Studio Sever", "domains": ["sever-studio.ru"], "target_regions": ["RU"]},
        "accounts": [vk_account, tg_account],
        "team": team,
        "credentials": credentials,
    }


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
