"""docs/plugins.md works as written: its first example passes in a new folder, its other examples load as plugins.

The code blocks are found by the file name in their fence's info string
(```python title="my_check.py"); the command is the doc's ```shell block
that starts with ``python -m pytest``, run with this interpreter.
"""

from __future__ import annotations

import inspect
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smm_audit import api, hookspecs, plugins, sentiment

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "plugins.md"
HEALTHY = ROOT / "examples" / "healthy-snapshot.json"
FIRST = "## Write your first check"
FENCE = re.compile(r"^```(?P<lang>\w+)(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.M | re.S)
TITLE = re.compile(r'title="(?P<name>[^"]+)"')


def doc_text() -> str:
    return DOC.read_text("utf-8")


def section(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end != -1 else len(text)]


def titled_blocks(text: str) -> dict[str, str]:
    """File name → code of every block whose fence names a file."""
    files = {}
    for fence in FENCE.finditer(text):
        title = TITLE.search(fence["info"])
        if title:
            assert title["name"] not in files, f"two blocks are titled {title['name']}"
            files[title["name"]] = fence["body"]
    return files


def test_the_first_example_works_as_written_in_a_new_folder(tmp_path):
    text = section(doc_text(), FIRST)
    files = titled_blocks(text)
    assert sorted(files) == ["my_check.py", "test_my_check.py"]
    code_lines = sum(1 for body in files.values() for line in body.splitlines() if line.strip())
    assert code_lines < 40, f"the first example has {code_lines} lines of code; the doc promises under 40"

    commands = [
        line.strip()
        for fence in FENCE.finditer(text)
        if fence["lang"] == "shell"
        for line in fence["body"].splitlines()
        if line.strip().startswith("python -m pytest")
    ]
    assert len(commands) == 1, commands
    args = commands[0].split()[3:]

    folder = tmp_path / "my-first-check"
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SMM_AUDIT", "PYTEST_")) and k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, (
        "the first example of docs/plugins.md fails as written (is smm-audit installed, with its pytest11 "
        f"entry point? pip install -e .):\n{done.stdout}\n{done.stderr}"
    )
    assert re.search(r"\b2 passed\b", done.stdout), done.stdout


@pytest.fixture
def reference_examples(tmp_path, monkeypatch):
    """Every titled Python block after the first example, written to a folder on sys.path: name → module name."""
    text = doc_text()
    first = section(text, FIRST)
    files = {name: body for name, body in titled_blocks(text).items() if name not in titled_blocks(first)}
    folder = tmp_path / "reference"
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    return {name: name.removesuffix(".py") for name in files}


def test_every_reference_example_loads_as_a_plugin(reference_examples):
    assert set(reference_examples) == {
        "csv_format.py",
        "refund_sentiment.py",
        "house_model.py",
        "house_hashtags.py",
        "post_to_chat.py",
        "file_collector.py",
    }
    registry = plugins.load(list(reference_examples.values()), entry_points=False)
    loaded = {info.name: info for info in registry.plugins}
    assert loaded["file_collector"].collectors == ["house-export"]
    assert loaded["csv_format"].formats == ["csv"]
    assert loaded["house_hashtags"].checks == ["house-hashtags"]
    assert loaded["house_hashtags"].extensions == ["house-hashtags"]
    assert loaded["house_model"].hooks == loaded["refund_sentiment"].hooks == ["classify_sentiment"]
    without_model = [name for name in reference_examples.values() if name != "house_model"]
    registry = plugins.load(without_model, entry_points=False)
    answer = registry.manager.hook.classify_sentiment(text="I want a REFUND now", lang="en")
    assert answer["label"] == "negative"
    answer = registry.manager.hook.classify_sentiment(text="Lovely coffee", lang="en")  # refund_sentiment abstains
    assert answer == sentiment.classify("Lovely coffee", "en")  # so the built-in classifier, asked last, answers
    hooks = [impl.plugin_name for impl in registry.manager.hook.audit_finished.get_hookimpls()]
    assert "post_to_chat" in hooks


def test_the_collector_example_collects_a_valid_snapshot(cli, reference_examples, tmp_path):
    export = tmp_path / "export.json"
    export.write_text('{"name": "Zerno"}', encoding="utf-8")
    out = tmp_path / "snapshot.json"
    result = cli("collect", "-p", "file_collector", "house-export", str(export), "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["client"] == {"name": "Zerno"}
    assert cli("validate", str(out)).exit_code == 0
    listed = cli("collect", "-p", "file_collector", "--help")
    assert "house-export" in listed.stdout and "vk" in listed.stdout
    missing = cli("collect", "-p", "file_collector", "house-export", str(tmp_path / "nope.json"), "-o", str(out))
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1 and "cannot read the export (FileNotFoundError)" in missing.stderr


def test_the_csv_format_example_renders_a_report(cli, reference_examples, monkeypatch):
    monkeypatch.delenv("CHAT_WEBHOOK_URL", raising=False)
    result = cli("run", str(HEALTHY), "-p", "csv_format", "-p", "post_to_chat", "-f", "csv", "--no-plugins")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "check,severity,location,line,message"


def test_the_extension_example_validates_and_reads_its_data(cli, reference_examples, write_snapshot):
    account = {"id": "vk", "platform": "vk", "posts": [{"id": "p1", "text": "New beans #zernocoffee"}, {"id": "p2"}]}
    good = write_snapshot(accounts=[account], extensions={"house-hashtags": {"required": ["#zernocoffee"]}})
    result = cli("run", str(good), "-p", "house_hashtags", "-f", "json", "--select", "house-hashtags")
    (check,) = json.loads(result.stdout)["checks"]
    assert check["status"] == "warn"
    assert [f["location"] for f in check["findings"]] == ["/accounts/0/posts/1"]
    bad = write_snapshot(
        accounts=[account], extensions={"house-hashtags": {"required": ["zernocoffee"]}}, name="b.json"
    )
    result = cli("run", str(bad), "-p", "house_hashtags")
    assert result.exit_code == 2
    assert "/extensions/house-hashtags/required/0: does not match the pattern ^#" in result.stderr


def _plain(docstring: str) -> str:
    """A hook's docstring as the doc quotes it: Sphinx roles dropped, double backticks single."""
    text = " ".join(inspect.cleandoc(docstring).split())
    return re.sub(r":\w+:`", "`", text).replace("``", "`")


def test_every_hook_is_documented_with_its_docstring_and_an_example():
    text = doc_text()
    specs = [name for name, f in vars(hookspecs).items() if callable(f) and hasattr(f, "smm_audit_spec")]
    assert len(specs) == 7, specs
    for name in specs:
        heading = re.search(rf"^### `{name}\(.*$", text, re.M)
        assert heading, f"docs/plugins.md has no '### `{name}(...)`' section"
        body = section(text[heading.start() :], heading.group(0)).split("\n### ")[0]
        assert f"> {_plain(getattr(hookspecs, name).__doc__)}" in body, f"{name}: quote its docstring"
        assert name == "register_checks" or "```python" in body, f"{name}: give an example"


def test_every_api_name_is_documented():
    text = doc_text()
    missing = [name for name in api.__all__ if not re.search(rf"\b{re.escape(name)}\b", text)]
    assert missing == []


def test_every_testing_kit_name_is_documented():
    from smm_audit import testing

    text = doc_text()
    missing = [name for name in testing.__all__ if not re.search(rf"\b{re.escape(name)}\b", text)]
    assert missing == []


def test_hashed_password_is_the_fingerprint_and_length_the_builder_stores():
    from smm_audit.testing import SnapshotBuilder, hashed_password

    sha256_of_password = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"
    assert hashed_password("password") == {"fingerprint": sha256_of_password, "length": 8}
    assert hashed_password("пароль")["length"] == 6  # characters, as the schema's length is
    built = SnapshotBuilder().account("vk").credential(password="correct horse").build()
    assert built["credentials"][0]["password"] == hashed_password("correct horse")


def test_the_builder_example_builds_what_the_reference_says():
    from smm_audit.testing import SnapshotBuilder

    block = section(doc_text(), "## The testing kit").split("### `SnapshotBuilder`", 1)[1]
    code = FENCE.search(block)["body"]
    scope = {"snapshot_builder": SnapshotBuilder}
    exec(code, scope)
    data = scope["data"]
    vk, ig = data["accounts"]
    assert data["client"]["domains"] == ["shop.ru"]
    assert vk["posts"][0] == {
        "id": "p1",
        "text": "New menu",
        "links": ["https://shop.ru/menu"],
        "published_at": "2026-10-29T12:00:00+03:00",
    }
    assert vk["comments"][0]["post_id"] == "p1" and vk["comments"][0]["created_at"] == "2026-11-01T07:00:00+03:00"
    assert vk["followers"][0] == {"id": "f1", "status": "banned", "joined_at": "2026-10-30T12:00:00+03:00"}
    assert ig["posts"] == [{"id": "p2", "published_at": "2026-11-01T11:00:00+03:00"}]
    assert data["team"][0]["left_at"] == "2026-10-02T12:00:00+03:00"
    assert data["team"][0]["account_ids"] == ["vk", "ig"]
    password = data["credentials"][0]["password"]
    assert set(password) == {"fingerprint", "length"} and password["length"] == len("correct horse")


def test_the_failure_message_shown_is_the_one_given(snapshot_builder, run_check):
    from smm_audit.testing import assert_finding

    shown = section(doc_text(), "## The testing kit").split("```text\n", 1)[1].split("```", 1)[0]
    result = run_check("dead-community", snapshot_builder().account("vk", posts=[]).post(days_ago=30))
    with pytest.raises(AssertionError) as failure:
        assert_finding(result, severity="high", location="/accounts/1")
    assert f"AssertionError: {failure.value}\n" == shown


STAND_IN_MODEL = """
class KeywordModel:
    \"\"\"A stand-in for a model an agency runs: scikit-learn's protocol, probabilities by keyword.\"\"\"

    classes_ = ["negative", "neutral", "positive"]

    def __init__(self, table):
        self.table = table  # word -> [P(negative), P(neutral), P(positive)]

    def predict_proba(self, texts):
        rows = []
        for text in texts:
            words = [w for w in text.lower().split() if w in self.table]
            rows.append(self.table[words[0]] if words else [0.1, 0.8, 0.1])
        return rows
"""


@pytest.fixture
def house_model(tmp_path, monkeypatch, reference_examples):
    """The house_model example with a tiny stand-in model pickled into tmp_path."""
    for name in ("house_model", "stand_in_model"):  # an earlier test's copy would keep its cached model
        sys.modules.pop(name, None)
    (tmp_path / "stand_in_model.py").write_text(STAND_IN_MODEL, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import stand_in_model

    table = {"late": [0.6, 0.3, 0.1], "broken": [0.95, 0.04, 0.01], "lovely": [0.02, 0.08, 0.9]}
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps(stand_in_model.KeywordModel(table)))
    monkeypatch.setenv("HOUSE_SENTIMENT_MODEL", str(path))
    yield "house_model"
    for name in ("house_model", "stand_in_model"):
        sys.modules.pop(name, None)


def test_the_house_model_example_answers_with_its_models_probabilities(house_model):
    registry = plugins.load([house_model], entry_points=False, env={})
    hook = registry.manager.hook.classify_sentiment
    answer = hook(text="The screen arrived broken", lang="en")
    assert (answer.label, answer.negative_probability) == ("negative", 0.95)
    assert answer.score == pytest.approx(0.01 - 0.95)
    assert hook(text="Lovely cup", lang=None).label == "positive"
    assert hook(text="Muy tarde", lang="es") == sentiment.classify("Muy tarde", "es")  # not its language: built-in


def test_the_house_model_example_drives_deleted_negative_comments(cli, house_model, write_snapshot):
    comments = [
        {"id": f"c{i}", "post_id": "p1", "author_id": f"u{i}", "text": text, "deleted": True, "deleted_by": "account"}
        for i, text in enumerate(["Delivery was late again", "Arrived broken", "Lovely beans"])
    ]
    account = {"id": "vk", "platform": "vk", "posts": [{"id": "p1"}], "comments": comments}
    snapshot = write_snapshot(accounts=[account])
    result = cli("run", str(snapshot), "-p", house_model, "-f", "json", "--select", "deleted-negative-comments")
    (check,) = json.loads(result.stdout)["checks"]
    findings = {f["evidence"]["comment_id"]: f for f in check["findings"]}
    assert sorted(findings) == ["c0", "c1"]
    assert findings["c1"]["severity"] == "critical" and findings["c1"]["evidence"]["complaint"] == "confident"
    assert findings["c0"]["severity"] == "medium" and findings["c0"]["evidence"]["negative_probability"] == 0.6
    assert "possibly a complaint (P(negative) 0.60)" in findings["c0"]["message"]
    assert check["metrics"]["deleted_judged_by_classifier"] == 3
    assert check["metrics"]["deleted_classifier_unlikely"] == 1


def test_the_house_model_example_says_what_is_missing(cli, house_model, write_snapshot, monkeypatch):
    monkeypatch.delenv("HOUSE_SENTIMENT_MODEL")
    comment = {"id": "c1", "post_id": "p1", "author_id": "u1", "text": "late", "deleted": True}
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": [{"id": "p1"}], "comments": [comment]}])
    result = cli("run", str(snapshot), "-p", house_model, "-f", "json", "--select", "deleted-negative-comments")
    assert result.exit_code == 3
    (check,) = json.loads(result.stdout)["checks"]
    assert check["status"] == "error"
    assert "set HOUSE_SENTIMENT_MODEL to the path of the pickled model" in check["message"]
