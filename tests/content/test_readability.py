"""Plain-language check: every text in the tree and every article scores at or below US grade 8."""

import re
from pathlib import Path

import textstat
import yaml

ROOT = Path(__file__).resolve().parents[2]
TREE_FILE = ROOT / "decision_tree.yaml"
CONTENT_DIR = ROOT / "content"
MAX_GRADE = 8.0

FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
BARE_URL = re.compile(r"<?(?:https?|mailto|tel):[^\s>)]+>?")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
QUOTE_MARKER = re.compile(r"^\s*>\s?")
EMPHASIS = re.compile(r"[*_`]+")
SENTENCE_END = (".", "!", "?", ":")


def plain_text(markdown: str) -> str:
    """Turn Markdown into the prose a reader reads: no URLs, placeholders or markup.

    Each heading, list item and line break ends a sentence, as it does for the reader.
    """
    text = FRONT_MATTER.sub("", markdown)
    text = PLACEHOLDER.sub("", text)
    text = LINK.sub(r"\1", text)
    text = BARE_URL.sub("", text)
    lines = []
    for line in text.splitlines():
        line = HEADING.sub("", line)
        line = QUOTE_MARKER.sub("", line)
        line = LIST_MARKER.sub("", line)
        line = EMPHASIS.sub("", line).strip()
        if not line:
            continue
        if not line.endswith(SENTENCE_END):
            line += "."
        lines.append(line)
    return "\n".join(lines)


def grade(markdown: str) -> float:
    return textstat.flesch_kincaid_grade(plain_text(markdown))


def tree_texts() -> list[tuple[str, str]]:
    """Every text a reader sees in the tree, labelled with where it comes from."""
    tree = yaml.safe_load(TREE_FILE.read_text(encoding="utf-8"))
    texts = []
    for key in ("title", "intro", "prevention"):
        if tree.get(key):
            texts.append((key, str(tree[key])))
    if tree.get("needs"):
        texts.append(("needs", "\n".join(f"- {need}" for need in tree["needs"])))
    for index, item in enumerate(tree.get("help_area") or []):
        texts.append((f"help_area[{index}]", item["label"]))
    for node_id, node in tree["nodes"].items():
        if "question" in node:
            texts.append((node_id, f"{node['question']}\n\n{node.get('help') or ''}"))
            for answer in node["answers"]:
                texts.append(
                    (f"{node_id} -> {answer['label']!r}", f"{answer['label']}\n\n{answer.get('hint') or ''}")
                )
        else:
            texts.append((node_id, f"# {node['outcome']}\n\n{node.get('body') or ''}"))
            if node.get("prevention"):
                texts.append((f"{node_id} (prevention)", str(node["prevention"])))
    return texts


def articles() -> list[Path]:
    return sorted(CONTENT_DIR.rglob("*.md"))


def offenders(texts: list[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in texts:
        score = grade(text)
        if score > MAX_GRADE:
            found.append(f"{where}: grade {score:.1f}")
    return found


def test_plain_text_drops_urls_placeholders_and_marks():
    text = plain_text("# Title\n\n1. Call {{ contacts.jpay.phone }} or see [the steps](/recovery/x/)\n")
    assert text == "Title.\nCall  or see the steps."


def test_there_are_texts_to_check():
    assert len(tree_texts()) > 20
    assert len(articles()) >= 10


def test_every_tree_text_is_at_or_below_grade_8():
    problems = offenders(tree_texts())
    assert not problems, "Tree texts above grade 8:\n" + "\n".join(problems)


def test_every_article_is_at_or_below_grade_8():
    problems = offenders([(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
                          for path in articles()])
    assert not problems, "Articles above grade 8:\n" + "\n".join(problems)
