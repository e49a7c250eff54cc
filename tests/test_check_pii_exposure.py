"""pii-exposure: phones and e-mails in visible user comments and posts, masked everywhere, and the labeled corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DEMO, HEALTHY
from smm_audit import plugins
from smm_audit.engine import fingerprint
from smm_audit.errors import UsageError
from smm_audit.testing import make_snapshot, run_check

CHECK_ID = "pii-exposure"
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "pii_cases.jsonl"

PHONE = "+7 916 555-12-34"
EMAIL = "elena.smirnova@gmail.com"
# Every way the two values could leak: as written, digits only, national part, local part.
LEAKS = (PHONE, "79165551234", "89165551234", "9165551234", "916 555-12-34", "555-12-34", EMAIL, "elena.smirnova")


def detector():
    from smm_audit.builtin_checks import pii_exposure

    return pii_exposure


def comment(cid: str, text: str, post: str = "p1", **fields) -> dict:
    return {"id": cid, "post_id": post, "author_id": f"u{cid}", "text": text, **fields}


def account(*comments: dict, posts: list[dict] | None = None, **fields) -> dict:
    return {
        "id": fields.pop("id", "vk"),
        "platform": "vk",
        "handle": "zerno.coffee",
        "posts": posts if posts is not None else [{"id": "p1", "text": "Новый лот"}],
        "comments": list(comments),
        **fields,
    }


def run(*accounts: dict, **options):
    return run_check(
        CHECK_ID,
        make_snapshot(client={"name": "Zerno", "domains": ["zerno-coffee.ru"]}, accounts=list(accounts)),
        **options,
    )


def everything_said(result) -> str:
    """All a check tells the outside world: messages, locations, keys, evidence, fixes, metrics."""
    parts = [result.message or "", json.dumps(result.metrics, ensure_ascii=False)]
    for f in result.findings:
        parts += [f.message, f.location, f.fix or "", repr(f.key), json.dumps(dict(f.evidence), ensure_ascii=False)]
    return "\n".join(parts)


# ---------------------------------------------------------------- statuses


def test_a_phone_in_a_visible_user_comment_fails_masked():
    result = run(account(comment("c1", f"Позвоните мне: {PHONE}, Елена")))
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high"
    assert finding.location == "/accounts/0/comments/0"
    assert finding.message == "vk @zerno.coffee: user comment c1 (post p1) shows a phone number +7 *** ***-**-34"
    assert finding.evidence == {"kind": "phone", "masked": "+7 *** ***-**-34", "comment_id": "c1", "post_id": "p1"}
    assert finding.key[:4] == ("comment", "vk", "c1", "phone") and re.fullmatch(r"[0-9a-f]{4}", finding.key[4])
    assert result.score == pytest.approx(0.5)
    assert result.metrics["phones_exposed"] == 1 and result.metrics["comments_exposing"] == 1


def test_an_email_is_masked_to_its_first_character_and_domain():
    result = run(account(comment("c1", f"пишите на {EMAIL}")))
    (finding,) = result.findings
    assert finding.evidence["masked"] == "e***@gmail.com"
    assert "an e-mail address e***@gmail.com" in finding.message
    assert result.status == "fail" and result.metrics["emails_exposed"] == 1


def test_lower_severities_warn():
    result = run(account(comment("c1", f"пишите на {EMAIL}")), email_severity="medium")
    assert result.status == "warn" and result.findings[0].severity == "medium"
    both = run(account(comment("c1", f"{EMAIL} или {PHONE}")), email_severity="low")
    assert both.status == "fail"  # the phone stays high
    assert {f.severity for f in both.findings} == {"low", "high"}


def test_clean_texts_pass():
    texts = [
        "Цена 1 500 руб, скидка 15% до 12.10.2026",
        "Мой заказ №123456789 не пришёл",
        "order #78451236 still not shipped, price $1,299.00",
        "https://vk.com/wall-187654321_1204 и https://shop.ru/item/89161234567",
        "Пишите в директ @zerno.coffee",
    ]
    result = run(account(*(comment(f"c{i}", t) for i, t in enumerate(texts))))
    assert result.status == "pass" and result.score == 1.0 and not result.findings
    assert result.metrics["comments_scanned"] == 5


def test_the_score_falls_with_each_exposure():
    scores = []
    for n in range(4):
        comments = [comment(f"c{i}", f"звоните 8 916 555-12-3{i}") for i in range(n)]
        scores.append(run(account(*comments)).score)
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0 and scores[-1] == pytest.approx(0.25)


# ---------------------------------------------------------------- what is read


def test_deleted_comments_and_the_accounts_own_comments_are_not_read():
    result = run(
        account(
            comment("c1", f"мой номер {PHONE}", deleted=True, deleted_by="account"),
            comment("c2", f"Елена, перезвоним на {PHONE}", from_account=True),
            comment("c3", f"мой номер {PHONE}", deleted=False, from_account=False),
        )
    )
    (finding,) = result.findings
    assert finding.key[2] == "c3"
    assert result.metrics["comments_deleted_skipped"] == 1 and result.metrics["comments_own_skipped"] == 1
    with_own = run(
        account(comment("c2", f"Елена, перезвоним на {PHONE}", from_account=True)), scan_account_comments=True
    )
    assert with_own.status == "fail" and with_own.findings[0].key[2] == "c2"


def test_posts_are_read_unless_switched_off():
    posts = [{"id": "p1", "text": f"Поздравляем победителя! Елена, {PHONE}, свяжитесь с нами"}]
    result = run(account(posts=posts))
    (finding,) = result.findings
    assert finding.location == "/accounts/0/posts/0" and finding.key[:3] == ("post", "vk", "p1")
    assert finding.message == "vk @zerno.coffee: post p1 shows a phone number +7 *** ***-**-34 in its text"
    assert result.metrics["posts_exposing"] == 1
    assert run(account(posts=posts), scan_posts=False).status == "pass"


def test_the_clients_own_contacts_are_not_personal_data():
    profile = {"contacts": ["+7 495 123-45-67", "hello@zerno-coffee.ru"], "description": "Заказы: orders@zerno.ru"}
    texts = [
        "Звонила на 8 (495) 123-45-67, никто не берёт",  # the profile's phone, written another way
        "писала на hello@zerno-coffee.ru",
        "и на orders@zerno.ru",  # an address from the description
        "и на ivan@shop.zerno-coffee.ru",  # a subdomain of client.domains
    ]
    acc = account(*(comment(f"c{i}", t) for i, t in enumerate(texts)), profile=profile)
    result = run(acc)
    assert result.status == "pass" and result.metrics["own_contacts_ignored"] == 4
    assert len(run(acc, ignore_own_contacts=False).findings) == 4


def test_own_contacts_of_another_account_count_too():
    other = {"id": "tg", "platform": "telegram", "profile": {"contacts": ["+7 495 123-45-67"]}}
    result = run(account(comment("c1", "звонила на +7 495 123-45-67")), other)
    assert result.status == "pass" and result.metrics["own_contacts_ignored"] == 1


def test_toll_free_lines_are_business_numbers():
    acc = account(comment("c1", "звонила на 8 800 555-35-35 и на +1 (888) 555-0100"))
    result = run(acc)
    assert result.status == "pass" and result.metrics["toll_free_ignored"] == 2
    assert len(run(acc, ignore_toll_free=False).findings) == 2


def test_unprefixed_numbers_can_be_switched_off():
    acc = account(comment("c1", "звони (916) 555-12-34"))
    (finding,) = run(acc).findings
    assert finding.evidence["masked"] == "*** ***-**-34"  # no country code to show
    assert run(acc, unprefixed_phones=False).status == "pass"


def test_min_international_digits():
    acc = account(comment("c1", "call +354 555 1234"))  # Iceland: 10 digits with the code
    assert run(acc).status == "fail"
    assert run(acc, min_international_digits=11).status == "pass"


def test_one_finding_per_distinct_value_per_entity():
    text = f"{PHONE}, повторю: 8 (916) 555-12-34, и второй +7 926 765-43-21"
    result = run(account(comment("c1", text)))
    assert len(result.findings) == 2  # the first number twice (two spellings) counts once
    assert len({f.key for f in result.findings}) == 2
    assert result.metrics["phones_exposed"] == 2 and result.metrics["comments_exposing"] == 1


def test_the_same_value_in_two_comments_is_two_findings():
    result = run(account(comment("c1", PHONE), comment("c2", PHONE)))
    assert [f.key[2] for f in result.findings] == ["c1", "c2"]
    assert result.findings[0].key[4] == result.findings[1].key[4]


def _phones(count: int) -> list[str]:
    """Distinct Russian mobile numbers, written as people write them."""
    return [f"+7 916 {n // 10000:03d}-{n // 100 % 100:02d}-{n % 100:02d}" for n in range(100, 100 + count)]


def test_a_text_lists_its_first_values_and_counts_the_rest_in_one_finding():
    cap = detector().MAX_LISTED_PER_TEXT
    phones, emails = _phones(cap + 4), [f"client{n}@mail.ru" for n in range(3)]
    result = run(account(comment("c1", ", ".join(phones + emails)), comment("c2", phones[0])))
    listed = [f for f in result.findings if f.key[2] == "c1" and f.key[-1] != "more"]
    (more,) = [f for f in result.findings if f.key[-1] == "more"]
    assert len(listed) == cap and all(f.evidence["kind"] == "phone" for f in listed)
    assert more.key == ("comment", "vk", "c1", "more") and more.location == listed[0].location
    assert more.evidence == {"phones": 4, "emails": 3, "post_id": "p1", "comment_id": "c1"}
    assert "c1 (post p1) shows 4 more phone numbers and 3 more e-mail addresses (not listed" in more.message
    # every value still counts: metrics, score and status are those of all 28 exposures
    assert result.metrics["phones_exposed"] == cap + 4 + 1 and result.metrics["emails_exposed"] == 3
    assert result.score == pytest.approx(1 / (1 + cap + 8)) and result.status == "fail"
    assert more.severity == "high"
    low = run(account(comment("c1", ", ".join(phones))), phone_severity="low")
    assert low.findings[-1].key[-1] == "more" and low.findings[-1].severity == "low"


def test_a_text_with_as_many_values_as_listed_has_no_count_finding():
    cap = detector().MAX_LISTED_PER_TEXT
    result = run(account(comment("c1", " / ".join(_phones(cap)))))
    assert len(result.findings) == cap and all(f.key[-1] != "more" for f in result.findings)


def test_values_whose_keys_collide_are_counted_apart():
    """The key keeps 16 bits of a value's hash: two numbers of one comment may share it, and both count."""
    seen: dict[str, str] = {}
    for phone in _phones(5000):
        digest = detector().find_pii(phone)[0].digest
        if digest in seen:
            pair = [seen[digest], phone]
            break
        seen[digest] = phone
    result = run(account(comment("c1", " и ".join(pair))))
    assert result.metrics["phones_exposed"] == 2 and result.score == pytest.approx(1 / 3)
    assert len({f.key for f in result.findings}) == len(result.findings) == 2  # one listed, one counted
    assert result.findings[-1].evidence["phones"] == 1


def test_numbers_of_one_shape_are_read_digit_for_digit():
    """A window is judged once per shape and first digits: each number still gets its own digits."""
    find = detector().find_pii
    phones = _phones(300)
    assert [p.value for p in find(", ".join(phones))] == ["+7" + re.sub(r"\D", "", p)[1:] for p in phones]
    assert [p.masked[-2:] for p in find(" / ".join(phones))] == [p[-2:] for p in phones]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("1 0034 612 345 678", [("+34612345678", 2, 18)]),  # a 00 prefix past the first piece of a run
        ("5 00 44 20 7946 0958 1", [("+4420794609581", 2, 22)]),
        ("12 8 916 123 45 67 89", [("+79161234567", 3, 18)]),
        ("1 1 1 1 1 1 1 1 1 1 1 8 916 123-45-67", [("+79161234567", 22, 37)]),  # pieces too short to start one
    ],
)
def test_windows_skipped_by_their_digit_counts_are_none_that_could_be_a_phone(text, found):
    assert [(p.value, p.start, p.end) for p in detector().find_pii(text)] == found


def test_fingerprints_survive_reordering():
    a = account(comment("c1", PHONE), comment("c2", EMAIL), id="vk")
    b = account(comment("c9", "+44 20 7946 0958"), id="ok")
    first, second = run(a, b), run(b, a)
    assert {fingerprint(CHECK_ID, f.key) for f in first.findings} == {
        fingerprint(CHECK_ID, f.key) for f in second.findings
    }


# ---------------------------------------------------------------- not applicable and odd data


def test_no_comments_and_no_posts_is_not_applicable():
    result = run({"id": "vk", "platform": "vk"})
    assert result.status == "not_applicable" and result.missing == ("accounts[].comments", "accounts[].posts")
    assert run_check(CHECK_ID, make_snapshot()).status == "not_applicable"
    no_posts = run({"id": "vk", "platform": "vk", "posts": []}, scan_posts=False)
    assert no_posts.status == "not_applicable" and no_posts.missing == ("accounts[].comments",)


def test_texts_missing_everywhere_is_not_applicable():
    acc = {"id": "vk", "platform": "vk", "posts": [{"id": "p1"}], "comments": [{"id": "c1", "post_id": "p1"}]}
    result = run(acc)
    assert result.status == "not_applicable"
    assert result.missing == ("accounts[].comments[].text", "accounts[].posts[].text")


def test_empty_lists_are_known_to_be_empty():
    result = run(account(posts=[]))
    assert result.status == "pass" and result.metrics["texts_scanned"] == 0


def test_bad_option_values_are_refused():
    with pytest.raises(UsageError):
        run(account(), phone_severity="severe")


# ---------------------------------------------------------------- the value never leaves


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (f"Позвоните: {PHONE}, или пишите {EMAIL}", 2),
        (f"{EMAIL.upper()} / 8 (916) 555 12 34", 2),
        ("WhatsApp wa.me/79165551234 или 89165551234", 1),  # one number, written twice
        (f"mailto:{EMAIL}, тел.:+79165551234", 2),
    ],
)
def test_no_part_of_the_value_is_said(text, values):
    result = run(account(comment("c1", text), posts=[{"id": "p1", "text": text}]))
    assert result.status == "fail" and len(result.findings) == 2 * values  # in the comment and in the post
    said = everything_said(result).lower()
    for leak in LEAKS:
        assert leak.lower() not in said, leak


def test_masks_keep_only_the_country_code_and_two_digits():
    pii = detector()
    found = {
        p.value: p.masked for p in pii.find_pii("+44 20 7946 0958; +380 67 123 45 67; 8 916 123-45-67; a@gmail.com")
    }
    assert found == {
        "+442079460958": "+44 *** ***-**-58",
        "+380671234567": "+380 *** ***-**-67",
        "+79161234567": "+7 *** ***-**-67",
        "a@gmail.com": "a***@gmail.com",
    }


# ---------------------------------------------------------------- the labeled corpus


def corpus() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


def exposed(text: str) -> set[str]:
    return {p.value for p in detector().find_pii(text) if not p.toll_free}


def test_the_corpus_is_big_enough_and_multilingual():
    rows = corpus()
    for label in ("positive", "negative"):
        assert sum(r["label"] == label for r in rows) >= 80, label
        assert {r["lang"] for r in rows if r["label"] == label} == {"ru", "en", "es"}
    assert all(bool(r["values"]) == (r["label"] == "positive") for r in rows)
    assert len({r["text"] for r in rows}) == len(rows)


def test_precision_and_recall_on_the_corpus():
    true_pos = false_pos = false_neg = 0
    for row in corpus():
        found, expected = exposed(row["text"]), set(row["values"])
        true_pos += len(found & expected)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert precision >= 0.98, (precision, false_pos)
    assert recall >= 0.95, (recall, false_neg)


def test_negatives_raise_almost_no_false_alarm():
    negatives = [r["text"] for r in corpus() if r["label"] == "negative"]
    alarms = [text for text in negatives if exposed(text)]
    assert len(alarms) <= len(negatives) * 0.02, alarms


def test_masks_on_the_corpus_hide_the_value():
    shape = re.compile(r"(\+\d{1,3} )?\*\*\* \*\*\*-\*\*-\d\d|[^@]\*\*\*@\S+")
    for row in corpus():
        for pii in detector().find_pii(row["text"]):
            assert shape.fullmatch(pii.masked), pii.masked
            national = pii.value.lstrip("+")[-9:] if pii.kind == "phone" else pii.value.split("@")[0]
            assert national not in pii.masked
            assert pii.value not in pii.masked


# ---------------------------------------------------------------- every output format


def pii_snapshot() -> dict:
    return make_snapshot(
        client={"name": "Zerno", "domains": ["zerno-coffee.ru"]},
        accounts=[
            account(
                comment("c1", f"Хочу заказать кофе, позвоните: {PHONE}, Елена"),
                comment("c2", f"мой email {EMAIL}", sentiment="negative"),
                comment("c3", f"Верните деньги! {PHONE}", deleted=True, deleted_by="account", sentiment="negative"),
                posts=[{"id": "p1", "text": f"Победитель розыгрыша: {EMAIL}"}],
            )
        ],
    )


FORMATS = sorted(plugins.load().formats)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("select", [["--select", CHECK_ID], []], ids=["pii-exposure", "all-checks"])
def test_no_output_format_shows_the_values(cli, write_snapshot, fmt, select):
    path = write_snapshot(pii_snapshot())
    result = cli("run", str(path), "-f", fmt, *select)
    assert result.exit_code in (0, 1, 3), result.output  # 3: another check errored; its output is checked too
    assert "*** ***-**-34" in result.stdout or fmt not in ("text", "json", "markdown")
    for leak in LEAKS:
        assert leak not in result.stdout, (fmt, leak)
        assert leak not in result.stderr, (fmt, leak)


def test_the_formats_under_test_include_the_basic_ones():
    assert {"json", "text"} <= set(FORMATS)


# ---------------------------------------------------------------- the shipped examples


def test_demo_fails_on_the_visible_phone_and_e_mail_only(cli):
    report = json.loads(cli("run", str(DEMO), "-f", "json", "--select", CHECK_ID).stdout)
    (check,) = report["checks"]
    assert check["status"] == "fail"
    assert [f["location"] for f in check["findings"]] == ["/accounts/0/comments/145", "/accounts/0/comments/164"]
    phone, email = (f["evidence"] for f in check["findings"])
    assert (phone["kind"], phone["comment_id"]) == ("phone", "90966")  # 90696 shows a phone too, but is deleted
    assert (email["kind"], email["comment_id"], email["masked"]) == ("email", "91046", "o***@mail.ru")
    # the account's answer to the e-mail comment and its profile contacts are not findings
    assert check["metrics"]["comments_exposing"] == 2 and check["metrics"]["posts_exposing"] == 0
    assert check["metrics"]["comments_deleted_skipped"] >= 1


def test_healthy_passes(cli):
    report = json.loads(cli("run", str(HEALTHY), "-f", "json", "--select", CHECK_ID).stdout)
    (check,) = report["checks"]
    assert check["status"] == "pass" and check["metrics"]["texts_scanned"] > 400


@pytest.mark.parametrize(
    ("name", "guard"),
    [("_NOT_PHONE_BEFORE", r"(?=[^\W\d_]|[№#])"), ("_AMOUNT_AFTER", r"+(?=[^\W\d_]|[$€£¥₽%])")],
)
def test_the_guarded_context_patterns_match_as_the_plain_ones(name, guard):
    """The lookaheads (and the possessive ``\\s*+``) that keep these patterns from retrying every alternative at
    every space change no match: same spans as without them, on tricky strings."""
    pattern = getattr(detector(), name)
    plain = re.compile(pattern.pattern.replace(guard, "", 1), pattern.flags)
    assert plain.pattern != pattern.pattern
    texts = [
        "заказ №89161234567",
        "Order # 415",
        "  N° 12 nº 3 ſn SN id: ID ref-code КОД карта",
        "   руб.  р. р ₽ $ € % тыс млн kg КГ шт pcs euros dólares dollar pesos COP",
        "  \u00a0 \u2009 15 000 руб",
        " " * 50 + "9" + " " * 50,
        "İnvoice ınvoice ＃1 ＄5",
        "",
    ]
    for text in texts:
        for start in range(len(text) + 1):
            assert [m.span() for m in pattern.finditer(text, start)] == [m.span() for m in plain.finditer(text, start)]
            assert bool(pattern.match(text, start)) == bool(plain.match(text, start))


def test_a_text_without_a_digit_or_an_at_sign_holds_nothing_to_find():
    """The check skips such texts without reading them: find_pii must agree on every one."""
    module = detector()
    texts = [
        "Спасибо, очень вкусно!",
        "wa.me/plus-seven-nine-one-six",
        "write to anna at example dot ru",
        "звоните: восемь девятьсот",
        "https://shop.example.ru/item?utm_source=vk",
        "(+)(-)(.)",
        "",
    ]
    for text in texts:
        assert module._HAS_DIGIT(text) is None and "@" not in text
        assert module.find_pii(text) == []
    assert module._HAS_DIGIT("٣") and module.find_pii("тел. +7 ٩١٦ ١٢٣ ٤٥ ٦٧") is not None  # Unicode digits count


def test_the_cheap_phone_test_never_hides_a_phone():
    module = detector()
    texts = [
        "+7 (916) 123-45-67",
        "(+7)916.123.45.67",
        "8 916 123 45 67 и wa.me/79161234567, anna@example.ru",
        "+(7) 9161234567",
        "звоните 89161234567!",
        "тел. +7 ٩١٦ ١٢٣ ٤٥ ٦٧",
        "+1 800 555 0199",
        "+44 20 7946 0958",
        "12 34 5",
    ]
    for text in texts:
        for fewest in (5, 7, 10, 12):
            found = module.find_pii(text, min_international_digits=fewest)
            windows = [m.group() for m in module._PHONE_RUN.finditer(text) if len(m.group()) >= min(fewest, 10)]
            assert bool(module._phone_core(min(fewest, 10)).search(text)) >= bool(windows)
            assert not any(p.kind == "phone" for p in found) or windows


@pytest.mark.parametrize(
    "text", ["WA.ME/79161234567", "https://WhatsApp.com/send/?phone=79161234567", "пишите: wa.me/+79161234567"]
)
def test_whatsapp_links_in_any_case_are_found(text):
    (found,) = detector().find_pii(text)
    assert found.kind == "phone" and found.value.endswith("9161234567")


SHORTCUT_TEXTS = [
    "Post 12: https://shop.example.ru/item/12345?utm_source=vk",
    "Post 12345: https://shop.example.ru/item/12345?utm_source=vk&utm_medium=social",
    "call 916 123 https://x.ru/a 45 67",  # the URL's blank joins digit groups in the plain reading
    "916123 www.x.ru 4567",
    "916123 WWW.x.ru/12 4567",  # no lower-case "www": the plain reading blanks no URL here
    "пишите WWW.8-916-123-45-67",  # nor here, and the phone is what the URL pattern would take
    "звоните 8 916 123 45 67/",  # a slash is no URL
    "916123 HTTPS://x.ru/12345 4567",
    "+7 916 https://x.ru/1 123-45-67",
    "+7 916 123-45-67",
    "8 916 123 45 67",
    "+44 20 7946 0958",
    "+1234567",  # seven digits: a phone when min_international_digits is 7
    "+12345678",
    "(916) 123-45-67",
    "415-555-2671",
    "тел. +7 ٩١٦ ١٢٣ ٤٥ ٦٧",
    "wa.me/79161234567",
    "https://wa.me/79161234567",
    "WA.ME/79161234567 and https://api.whatsapp.com/send?phone=79161234567",
    "whatsapp.com/send?phone=79161234567",
    "https://x.ru/?mail=anna@gmail.com 1",
    "anna@gmail.com",
    "a@b",
    "order 1234567890",
    "1 2 3 4 5 6 7 8 9",
    "1 2 3 4 5 6 7 8 9 0",
    "12345678901234567890",
    "https://x.ru/" + "1" * 30,
    "Спасибо, очень вкусно!",
    "",
]


@pytest.mark.parametrize("unprefixed", [True, False])
@pytest.mark.parametrize("fewest", [1, 2, 7, 9, 10, 11, 15])
def test_the_first_test_of_find_pii_never_hides_what_the_plain_reading_finds(unprefixed, fewest):
    module = detector()
    texts = SHORTCUT_TEXTS + [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    skipped = 0
    for text in texts:
        options = {"unprefixed": unprefixed, "min_international_digits": fewest}
        plain = module.find_pii_plainly(text, **options)
        assert module.find_pii(text, **options) == plain, text
        if "@" not in text and not module._WHATSAPP_HINT(text) and module._HAS_DIGIT(text):
            skipped += not module._digits(min(fewest, 10)).match(module._URL.sub("", text)) if fewest > 1 else 0
    assert skipped >= (3 if fewest > 2 else 0)  # the shortcut is taken, not only passed over


URL_CASES = [
    "https://x.ru/a",
    "HTTP://X.RU",
    "hTtPs://a",
    "httpſ://x.ru",
    "WWW.x.ru",
    "wWw.x",
    "www.",
    "www.a\x1fb",
    "http:/x",
    "ahttps://b",
    "«https://x.ru/»",
    "https://x.ru/<b>",
    'www.x.ru/"q"',
    "https://кофе.рф/путь?a=б",
    "https://x.ru/\u00a0y",
    "https://x.ru/\u2009y",
    "http://x\ty",
    "https://x.ru/\x7f\x80ü",
    "wa.me/7",
    "WA.ME/7",
    "whatſapp.com/ſend",
    "whatsapp.com/sen",
    "api.WhatsApp.com/Send?phone=1",
    "ẇww.x",
    "ｈttps://x",
]


def test_the_fast_spellings_of_the_url_and_whatsapp_patterns_match_as_the_plain_ones():
    module = detector()
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert set(re.findall("[hw]", every, re.IGNORECASE)) == set("hHwW")  # what the fast spellings assume
    plain_url = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+", re.IGNORECASE)
    plain_hint = re.compile(r"wa\.me/|whatsapp\.com/send", re.IGNORECASE)
    texts = URL_CASES + SHORTCUT_TEXTS + [" ".join(URL_CASES), "".join(URL_CASES)]
    texts += [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    for text in texts:
        assert [m.span() for m in module._URL.finditer(text)] == [m.span() for m in plain_url.finditer(text)], text
        hints = [m.span() for m in module._WHATSAPP_HINT_PATTERN.finditer(text)]
        assert hints == [m.span() for m in plain_hint.finditer(text)], text


def test_str_methods_find_every_whatsapp_hint():
    module = detector()
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    letters = "wa.me/whatsapp.com/send"
    assert {c for c in re.findall(f"[{re.escape(letters)}]", every, re.IGNORECASE) if c.lower() not in letters} == {"ſ"}
    for text in URL_CASES + SHORTCUT_TEXTS + ["İwa.me/", "WHATSAPP.COM/SEND", "whatsapp.com/sen"]:
        assert module._may_hint(text) or module._WHATSAPP_HINT(text) is None, text
    assert not module._may_hint("https://x.ru/send 8 916") and module._may_hint("WA.ME/7")


@pytest.mark.parametrize("fewest", [0, 1, 2, 7, 10])
def test_reading_all_texts_at_once_says_what_reading_each_says(fewest):
    module = detector()
    texts = (
        SHORTCUT_TEXTS
        + URL_CASES
        + [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    )
    texts += ["8 916 wa.me/ 1", "wa.me/79161234567 x", "https://x.ru/1234567890", "www 1234567890", "// 12345678901"]
    expected = [module._may_show(text, fewest) for text in texts]
    assert module._may_show_each(texts, fewest) == expected
    assert module._may_show_each(texts[::-1], fewest) == expected[::-1]
    assert module._may_show_each([*texts, "a\x1f 1234567890"], fewest) == [*expected, True]  # the separator in a text
    assert module._may_show_each(["www.x.ru/1234567890", "1234567890"], fewest) == [fewest <= 1, True]
    assert module._may_show_each([], fewest) == []
    if fewest > 2:
        assert expected.count(False) > 10  # texts are left out, not only passed over
    joinable = [text for text in texts if "\x1f" not in text]  # read at once (a text with the separator is not)
    for subset in (joinable, [t for t in joinable if t.isascii()], [t for t in joinable if "//" in t]):
        # the digits of ASCII texts are counted by str methods, and texts that all hold "//" lose their URLs at once
        assert module._may_show_each(subset, fewest) == [module._may_show(text, fewest) for text in subset]
        if fewest > 2:
            assert [module._may_show(text, fewest) for text in subset].count(False) > 3
            assert any(module._may_show(t, fewest) and "@" not in t and "wa" not in t.lower() for t in subset)


def _entities_plainly(account, options, tally):
    """pii_exposure._entities as it reads testing each comment and each text alone (the definition)."""
    module = detector()
    found = []
    for i, comment in enumerate(account.comments):
        text = comment.get("text")
        if comment.get("deleted") is True:
            tally.comments_deleted_skipped += 1
        elif not options["scan_account_comments"] and comment.get("from_account") is True:
            tally.comments_own_skipped += 1
        elif not isinstance(text, str):
            tally.texts_missing += 1
        else:
            tally.comments_scanned += 1
            if "@" in text or module._HAS_DIGIT(text):
                found.append(module.Entity("comment", comment["id"], comment["post_id"], i, text))
    for i, post in enumerate(account.posts if options["scan_posts"] else ()):
        text = post.get("text")
        if isinstance(text, str):
            tally.posts_scanned += 1
            if "@" in text or module._HAS_DIGIT(text):
                found.append(module.Entity("post", post["id"], post["id"], i, text))
        else:
            tally.texts_missing += 1
    return [entity for entity in found if module._may_show(entity.text, min(options["min_international_digits"], 10))]


@pytest.mark.parametrize("odd_text", [None, 7, ["a list"], {"an": "object"}])
@pytest.mark.parametrize("scan_own", [False, True])
def test_testing_each_distinct_text_once_reads_what_the_plain_pass_reads(scan_own, odd_text):
    from smm_audit.snapshot import Snapshot

    module = detector()
    texts = ["Спасибо!", "звоните 8 916 123-45-67", "Спасибо!", "a@b.ru", "Great", "Спасибо!", "٣", "Great", "@"]
    texts += ["".join(["звоните 8 916 123-45-6", "7"]), "".join(["Спа", "сибо!"])]  # equal values, other objects
    texts += ["Post 12: https://x.ru/item/12345", "https://wa.me/79161234567", "заказ 1234567890"]
    comments = [comment(f"c{i}", text) for i, text in enumerate(texts)]
    comments += [
        comment("d1", "8 916 123-45-67", deleted=True),
        comment("d2", "Спасибо!", deleted=False),
        comment("o1", "8 916 123-45-67", from_account=True),
        comment("o2", "a@b.ru", from_account=True, deleted=True),
        {"id": "n1", "post_id": "p1", "author_id": "u"},
        comment("n2", odd_text),
        comment("n3", odd_text, deleted=True),
        comment("n4", "", from_account=True),
    ]
    posts = [{"id": "p1", "text": "8 916 123-45-67"}, {"id": "p2", "text": "Спасибо!"}, {"id": "p3"}]
    data = make_snapshot(client={"name": "Zerno"}, accounts=[account(*comments, posts=posts)])
    options = {"scan_account_comments": scan_own, "scan_posts": True, "min_international_digits": 10}
    plain_tally, tally = module.Tally(), module.Tally()
    expected = _entities_plainly(Snapshot(data).accounts[0], options, plain_tally)
    assert list(module._entities(Snapshot(data).accounts[0], options, tally)) == expected
    assert tally == plain_tally
    assert len(expected) == (8 if scan_own else 7)


@pytest.mark.parametrize("shown", [True, False])
@pytest.mark.parametrize("scan_own", [False, True])
def test_texts_that_are_all_strings_are_read_as_the_plain_pass_reads_them(scan_own, shown):
    from smm_audit.snapshot import Snapshot

    module = detector()
    texts = ["Спасибо!", "Great", "Спасибо!", "Post 12: https://x.ru/item/12345", "Great", "wa.me/ x"]
    texts += ["звоните 8 916 123-45-67", "a@b.ru"] if shown else []
    comments = [comment(f"c{i}", text) for i, text in enumerate(texts)]
    comments += [
        comment("d1", "8 916 123-45-67", deleted=True),
        comment("o1", "8 916 123-45-67", from_account=True),
        comment("o2", "Great", from_account=True, deleted=True),
    ]
    posts = [{"id": "p1", "text": "8 916 123-45-67" if shown else "Спасибо!"}, {"id": "p2", "text": "Спасибо!"}]
    data = make_snapshot(client={"name": "Zerno"}, accounts=[account(*comments, posts=posts)])
    options = {"scan_account_comments": scan_own, "scan_posts": True, "min_international_digits": 10}
    plain_tally, tally = module.Tally(), module.Tally()
    expected = _entities_plainly(Snapshot(data).accounts[0], options, plain_tally)
    assert list(module._entities(Snapshot(data).accounts[0], options, tally)) == expected
    assert tally == plain_tally
    assert len(expected) == (3 if shown else 0) + scan_own
    assert tally.comments_scanned == len(texts) + scan_own


@pytest.mark.parametrize("scan_own", [False, True])
def test_the_skipped_comments_are_those_a_plain_reading_skips(scan_own):
    from smm_audit.api import Snapshot
    from smm_audit.builtin_checks import pii_exposure

    comments = [
        {"id": "a", "post_id": "p", "text": "x"},
        {"id": "b", "post_id": "p", "from_account": True, "deleted": True},
        {"id": "c", "post_id": "p", "from_account": True},
        {"id": "d", "post_id": "p", "from_account": False, "deleted": False},
        {"id": "e", "post_id": "p", "deleted": True},
        {"id": "f", "post_id": "p", "deleted": "yes", "from_account": 1},
        {"id": "g", "post_id": "p", "deleted_at": "2026-10-01T10:00:00Z"},
    ]
    for shown in (comments, comments[::-1], comments[2:3], comments[4:5]):
        data = make_snapshot(accounts=[{"id": "vk", "platform": "vk", "comments": shown}])
        account = Snapshot(data).accounts[0]
        expected = pii_exposure._skipped_comments_plainly(account, scan_own)
        assert pii_exposure._skipped_comments(account, scan_own) == expected
    assert expected == {0: True}
