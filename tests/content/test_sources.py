"""Every article says what it is, when its facts were checked, and where they come from."""

import datetime
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = ROOT / "content"
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def articles() -> list[Path]:
    return sorted(CONTENT_DIR.rglob("*.md"))


def front_matter(path: Path) -> dict:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, f"{path.relative_to(ROOT)}: no front matter"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), f"{path.relative_to(ROOT)}: front matter is not a mapping"
    return meta


def problems_in(path: Path) -> list[str]:
    where = str(path.relative_to(ROOT))
    meta = front_matter(path)
    found = []
    for key in ("title", "description"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            found.append(f"{where}: missing {key}")
    if not isinstance(meta.get("reviewed"), datetime.date):
        found.append(f"{where}: reviewed must be a date (YYYY-MM-DD), got {meta.get('reviewed')!r}")
    sources = meta.get("sources")
    if not isinstance(sources, list) or not sources:
        found.append(f"{where}: sources must be a non-empty list")
        return found
    for index, source in enumerate(sources):
        if not isinstance(source, dict):
            found.append(f"{where}: sources[{index}] must be a mapping with title and url")
            continue
        if not isinstance(source.get("title"), str) or not source["title"].strip():
            found.append(f"{where}: sources[{index}] has no title")
        url = source.get("url")
        if not isinstance(url, str) or not re.match(r"https://[^\s/]+\.[^\s/]+", url):
            found.append(f"{where}: sources[{index}] url must start with https://, got {url!r}")
    return found


def test_there_are_articles_in_every_section():
    folders = {path.parent.name for path in articles()}
    assert {"causes", "recovery", "prevention", "support"} <= folders


def test_every_article_has_title_description_reviewed_and_sources():
    problems = [problem for path in articles() for problem in problems_in(path)]
    assert not problems, "\n".join(problems)
