"""The `helptree` command's contract: output formats, exit codes 0/1/2, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from treekit import BASE, SMALL, SMALL_TREE, TESTS, ladder_yaml, write_project

from generator.cli.main import main

HELPTREE = Path(sys.executable).with_name("helptree")
HEADLINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<kind>error|warning): "
                      r"(?P<message>.+) \[(?P<code>HT\d{3})\]$")
SMALL_ARGS = ["--tree", str(SMALL_TREE)]
TWO_GUIDES = TESTS / "fixtures" / "two-guides"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def helptree(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(HELPTREE), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60, check=False)


# -- check ---------------------------------------------------------------------------------

def test_check_valid_tree_prints_a_one_line_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a tree outside the current folder is named as given
    code, out, err = run(["check", *SMALL_ARGS], capsys)
    assert code == 0
    assert err == ""
    assert out == (f"{SMALL_TREE}: ok: 6 nodes (3 questions, 3 outcomes), 5 paths, "
                   "3 articles\n")


def test_check_invalid_tree_lists_every_problem_as_file_line_col(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = write_project(tmp_path, BASE.replace("next: left", "next: lefft")
                         .replace("title: Test tree", "title: [x]"))
    code, out, err = run(["check", "--tree", str(tree)], capsys)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[-1] == f"{tree}: failed"
    found = [HEADLINE.match(line) for line in lines[:-1]]
    assert all(found), lines
    assert [(m["line"], m["col"], m["code"]) for m in found if m] == [
        ("2", "8", "HT104"), ("9", "15", "HT202"), ("12", "3", "HT207")]
    assert "did you mean `left`?" in lines[1]


def test_check_show_source_puts_a_caret_under_the_column(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = write_project(tmp_path, BASE.replace("next: right", "next: rigth"))
    code, _, err = run(["check", "--show-source", "--tree", str(tree)], capsys)
    assert code == 1
    assert err.splitlines()[1:3] == ["            next: rigth", "                  ^"]


def test_check_warnings_pass_unless_strict(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    tree = write_project(tmp_path, BASE + "    reviewed: 2001-01-01\n")
    code, out, err = run(["check", "--tree", str(tree)], capsys)
    assert code == 0
    assert out.endswith(", 1 warning\n")
    assert ": warning: " in err
    code, out, err = run(["check", "--strict", "--tree", str(tree)], capsys)
    assert code == 1
    assert out == ""


def test_check_content_option_overrides_the_folder_beside_the_tree(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", *SMALL_ARGS, "--content", str(tmp_path / "none")], capsys)
    assert code == 1
    assert "[HT401]" in err
    code, out, _ = run(["check", *SMALL_ARGS, "--content", str(SMALL / "content")], capsys)
    assert code == 0
    assert ": ok: " in out


def test_check_max_questions_sets_the_depth_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", *SMALL_ARGS, "--max-questions", "1"], capsys)
    assert code == 1
    assert "more than the limit of 1" in err


def test_check_missing_tree_file_is_exit_1_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "--tree", str(tmp_path / "nope.yaml")], capsys)
    assert code == 1
    assert f"{tmp_path / 'nope.yaml'}:1:1: error: file not found" in err


def test_check_defaults_to_decision_tree_yaml_in_the_current_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, BASE)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["check"], capsys)
    assert code == 0
    assert out.startswith("decision_tree.yaml: ok: 3 nodes")


def test_check_names_a_tree_under_the_current_folder_relative_to_it(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SMALL.parent)
    code, out, _ = run(["check", *SMALL_ARGS], capsys)
    assert code == 0
    assert out.startswith("small/decision_tree.yaml: ok: 6 nodes")


def test_check_lone_tree_without_a_content_folder_passes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "decision_tree.yaml").write_text(BASE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check", "--tree", "decision_tree.yaml"], capsys)
    assert (code, err) == (0, "")
    assert out == "decision_tree.yaml: ok: 3 nodes (1 question, 2 outcomes), 2 paths, 0 articles\n"


def test_check_json_is_one_report_with_every_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, BASE.replace("next: left", "next: lefft"))
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check", "--format", "json"], capsys)
    assert code == 1
    assert err == ""
    assert json.loads(out) == {
        "ok": False,
        "problems": [
            {"file": "decision_tree.yaml", "line": 9, "column": 15, "severity": "error",
             "code": "HT202", "message": "answer \"Left\" of `first` points at unknown node `lefft`",
             "hint": "did you mean `left`?"},
            {"file": "decision_tree.yaml", "line": 12, "column": 3, "severity": "error",
             "code": "HT207", "message": "node `left` cannot be reached from `first`",
             "hint": "link an answer to it, or delete it"},
        ],
        # the guide that failed is named, its counts unknown (once `"guides": []`)
        "guides": [{"tree": "decision_tree.yaml", "base": "troubleshoot", "nodes": None,
                    "outcomes": None, "paths": None}],
        "articles": 0,
        "translations": [],
    }


def test_check_json_of_a_project_lists_each_guide(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TWO_GUIDES)
    code, out, err = run(["check", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "ok": True, "problems": [],
        "guides": [
            {"tree": "login.yaml", "base": "login", "nodes": 3, "outcomes": 2, "paths": 2},
            {"tree": "money.yaml", "base": "money", "nodes": 4, "outcomes": 3, "paths": 3},
        ],
        "articles": 3,
        "translations": [],  # one language
    }


def test_check_json_strict_fails_on_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = write_project(tmp_path, BASE + "    reviewed: 2001-01-01\n")
    code, out, _ = run(["check", "--format", "json", "--tree", str(tree)], capsys)
    assert code == 0
    assert json.loads(out)["ok"] is True
    code, out, _ = run(["check", "--format", "json", "--strict", "--tree", str(tree)], capsys)
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert [(p["code"], p["severity"]) for p in report["problems"]] == [("HT301", "warning")]


def test_check_github_prints_one_workflow_annotation_per_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "a,b"
    write_project(folder, BASE.replace("next: left", "next: lefft") + "    reviewed: 2001-01-01\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check", "--format", "github", "--tree", "a,b/decision_tree.yaml"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == [
        "::error file=a%2Cb/decision_tree.yaml,line=9,col=15,title=HT202::answer \"Left\" of "
        "`first` points at unknown node `lefft`; did you mean `left`?",
        "::error file=a%2Cb/decision_tree.yaml,line=12,col=3,title=HT207::node `left` cannot be "
        "reached from `first`; link an answer to it, or delete it",
    ]
    assert re.fullmatch(r"::warning file=a%2Cb/decision_tree\.yaml,line=18,col=15,title=HT301::"
                        r"outcome `right` was last reviewed \d+ days ago; check its facts and "
                        r"update `reviewed`", lines[2])
    assert len(lines) == 3
    assert err == "a,b/decision_tree.yaml: failed\n"


def test_github_annotation_escapes_what_would_end_a_property_or_the_line() -> None:
    # A line break never reaches the annotation: `printable` spells it `\n` first.
    from generator.cli.main import github_annotation
    from generator.problems import Location, Problem

    problem = Problem(Location("C:,x.yaml", 2, 3), "HT104", "50% done\nnext line", "a: b, c")
    assert github_annotation(problem) == (
        "::error file=C%3A%2Cx.yaml,line=2,col=3,title=HT104::50%25 done\\nnext line; a: b, c")


def test_check_reads_the_project_mkdocs_yml_and_summarises_every_guide(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TWO_GUIDES)
    code, out, err = run(["check"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "login.yaml: ok: 3 nodes (1 question, 2 outcomes), 2 paths",
        "money.yaml: ok: 4 nodes (1 question, 3 outcomes), 3 paths",
        "help center: ok: 2 guides, 3 articles",
    ]
    code, again, _ = run(["check", "--config", str(TWO_GUIDES / "mkdocs.yml")], capsys)
    assert (code, again) == (0, out)


def test_check_max_questions_defaults_to_the_project_option(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.copytree(SMALL, tmp_path, dirs_exist_ok=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - helptree\n", "  - helptree:\n      max_questions: 1\n"), encoding="utf-8")
    code, _, err = run(["check", "--config", str(config)], capsys)
    assert code == 1
    assert "more than the limit of 1" in err
    code, out, _ = run(["check", "--config", str(config), "--max-questions", "2"], capsys)
    assert code == 0
    assert ": ok: 6 nodes" in out


def test_check_a_missing_config_given_explicitly_is_ht501(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--config", str(tmp_path / "mkdocs.yml")], capsys)
    assert (code, out) == (1, "")
    assert f"{tmp_path / 'mkdocs.yml'}:1:1: error: file not found" in err
    assert "[HT501]" in err


# -- paths -----------------------------------------------------------------------------------

def test_paths_text_numbers_each_path_with_its_answers_and_outcome(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["paths", *SMALL_ARGS], capsys)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[1] == "2. I forgot my password > No => contact-support: Contact support"
    assert [line.split(".", 1)[0] for line in lines] == ["1", "2", "3", "4", "5"]


def test_paths_json_is_one_valid_array_of_records(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["paths", *SMALL_ARGS, "--format", "json"], capsys)
    assert code == 0
    records = json.loads(out)
    assert len(records) == 5
    assert records[0] == {
        "answers": ["I forgot my password", "Yes", "This did not work"],
        "nodes": ["what-happens", "forgot", "reset-password", "contact-support"],
        "outcome": "contact-support", "title": "Contact support"}


def test_paths_csv_has_a_header_and_one_row_per_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["paths", *SMALL_ARGS, "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["path", "answers", "nodes", "outcome", "title"]
    assert len(rows) == 6
    assert rows[5] == ["5", "Something else", "what-happens > contact-support",
                       "contact-support", "Contact support"]


@pytest.mark.parametrize(("fmt", "parse"), [
    ("text", lambda out: out.splitlines()),
    ("json", json.loads),
    ("csv", lambda out: list(csv.reader(io.StringIO(out)))[1:]),
])
def test_paths_limit_stops_after_n_in_every_format(fmt: str, parse: object,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["paths", *SMALL_ARGS, "--format", fmt, "--limit", "2"], capsys)
    assert code == 0
    assert callable(parse)
    assert len(parse(out)) == 2


def test_paths_json_with_a_label_that_needs_escaping_still_parses(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = write_project(tmp_path, BASE.replace("label: Left", "label: 'Say \"no\", then \\ é'"))
    code, out, _ = run(["paths", "--tree", str(tree), "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)[0]["answers"] == ['Say "no", then \\ é']


def test_paths_count_prints_the_exact_number(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["paths", *SMALL_ARGS, "--count"], capsys)
    assert (code, out) == (0, "5\n")


def test_paths_of_an_invalid_tree_prints_no_paths(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    tree = write_project(tmp_path, BASE.replace("next: left", "next: nowhere"))
    code, out, err = run(["paths", "--tree", str(tree)], capsys)
    assert (code, out) == (1, "")
    assert "[HT202]" in err


def test_paths_text_and_csv_name_the_outcome_a_did_not_work_was_said_on(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["paths", *SMALL_ARGS], capsys)
    assert code == 0
    assert out.splitlines()[0] == ("1. I forgot my password > Yes > (Reset your password) This did "
                                   "not work => contact-support: Contact support")
    code, out, _ = run(["paths", *SMALL_ARGS, "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[3][1] == ("It says my account is locked > Yes > (Wait, then reset your password) "
                          "This did not work > (Reset your password) This did not work")


def test_paths_and_graph_take_the_guide_by_its_base(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TWO_GUIDES)
    assert run(["paths", "--count"], capsys)[:2] == (0, "2\n")  # the first guide
    assert run(["paths", "--count", "--guide", "money"], capsys)[:2] == (0, "3\n")
    code, out, _ = run(["paths", "--guide", "money"], capsys)
    assert code == 0
    assert out.splitlines() == [
        "1. Today > (Wait one day) This did not work > (Track the payment) This did not work "
        "=> ask-desk: Ask the help desk",
        "2. More than a week ago > (Track the payment) This did not work => ask-desk: Ask the help desk",
        "3. I do not know => ask-desk: Ask the help desk",
    ]
    code, out, _ = run(["graph", "--guide", "money"], capsys)
    assert code == 0
    assert out.startswith("flowchart TD\n")
    assert "n_when_sent" in out
    assert "n_what_happens" not in out
    code, out, _ = run(["graph", "--format", "dot"], capsys)
    assert code == 0
    assert out.startswith('digraph "Can\'t sign in?" {\n')


@pytest.mark.parametrize("command", ["paths", "graph"])
def test_an_unknown_guide_base_is_exit_1_naming_the_guides(
        command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TWO_GUIDES)
    code, out, err = run([command, "--guide", "nope"], capsys)
    assert (code, out) == (1, "")
    assert err == "helptree: no guide has the base `nope`; the guides are: login, money\n"


# -- graph -------------------------------------------------------------------------------------

def test_graph_prints_mermaid_or_dot(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["graph", *SMALL_ARGS], capsys)
    assert code == 0
    assert out.startswith("flowchart TD\n")
    code, out, _ = run(["graph", *SMALL_ARGS, "--format", "dot"], capsys)
    assert code == 0
    assert out.startswith('digraph "Can\'t sign in?" {\n')
    assert out.endswith("}\n")


# -- usage errors --------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    [],
    ["frobnicate"],
    ["paths", "--limit", "0"],
    ["paths", "--limit", "ten"],
    ["paths", "--format", "xml"],
    ["check", "--max-questions", "-1"],
    ["check", "--no-such-option"],
])
def test_wrong_usage_exits_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    assert "usage: helptree" in capsys.readouterr().err


# -- as a real process ---------------------------------------------------------------------------

def test_process_exit_0_for_a_valid_tree() -> None:
    result = helptree("check", *SMALL_ARGS)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert ": ok: 6 nodes" in result.stdout


def test_process_exit_1_for_an_invalid_tree_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes(b"\x00\x01binary")
    result = helptree("check", "--tree", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "bad.yaml:1:1: error: file is binary, not text; save it as UTF-8 text [HT003]")
    assert "Traceback" not in result.stderr


def test_process_exit_2_for_wrong_usage() -> None:
    result = helptree("paths", "--limit", "0")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_process_version() -> None:
    result = helptree("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("helptree ")


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_closing_the_pipe_early_is_not_an_error(tmp_path: Path, fmt: str) -> None:
    # `helptree paths | head -1` on a tree with 2**61 paths: the reader goes away.
    tree = tmp_path / "ladder.yaml"
    tree.write_text(ladder_yaml(), encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    shell = (f"'{HELPTREE}' paths --tree '{tree}' --max-questions 200 --format {fmt} "
             "2>err.txt | head -c 100 >/dev/null; echo ${PIPESTATUS[0]}")
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, cwd=tmp_path,
                            timeout=60, check=False)
    assert result.stdout.strip() == "0"
    assert (tmp_path / "err.txt").read_text(encoding="utf-8") == ""


def test_check_json_lists_each_translation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_languages import bilingual

    config = bilingual(tmp_path)
    code, out, _ = run(["check", "--format", "json", "--config", str(config)], capsys)
    assert code == 0
    assert json.loads(out)["translations"][0] == {
        "file": "login.es.yaml", "language": "es", "translated": 11, "missing": 0, "out_of_date": 0}
