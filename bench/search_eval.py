"""The blind search evaluation: readers' own words typed into the site's real search box.

    python bench/search_eval.py [--site DIR] [--half tune|test|both] [--show-misses]
                                [--no-cross] [--label NAME]

1. Builds the shipped help center with `helptree build` (or takes a built --site).
2. Serves it on 127.0.0.1 (gzip, as a real host) and opens it in Chromium (Playwright) at
   phone width: Debian's full Chromium when installed, else the headless shell.
3. For each query of bench/search_eval/queries.yaml, on the home page of the query's
   language (`/` or `/es/`): clicks the search button, types the query key by key as a
   reader does, and reads the first three results once they stand still.
4. A query is answered at rank k when one of the pages bench/search_eval/answers.yaml lists
   for its situation and language is among the first k results. Reports top-1 and top-3 per
   language, per half, per kind and per length band (the halves differ in length, see
   search_eval/README.md).
5. Across languages: every Spanish query typed again on the English home (and every English
   one on the Spanish home), reporting how many reach an answering page of their own
   language in the top three, and how many get a first result in their own language.

Targets (test half): top-3 >= 95% and top-1 >= 75% in each language; Spanish queries on the
English home reaching a Spanish answer >= 90%.

The test half is held back: its per-query results are never printed nor saved, only its
totals. --show-misses lists the tune half's misses.

Writes bench/results/search_eval.json (search_eval-LABEL.json with --label or
HELPTREE_BENCH_LABEL).
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CHROMIUM_ARGS, arg_parser, build_guide, save, serve, table, verdict

HERE = Path(__file__).resolve().parent / "search_eval"
QUERIES = HERE / "queries.yaml"
ANSWERS = HERE / "answers.yaml"
SEEN = HERE / "seen.yaml"  # test queries whose results were looked at: reported apart
TOP = 3
TARGET_TOP3, TARGET_TOP1, TARGET_CROSS = 0.95, 0.75, 0.90
BROWSERS = (Path("/usr/bin/chromium"), Path("/usr/lib/chromium/chromium-headless-shell"))


def chromium() -> Path:
    chosen = os.environ.get("HELPTREE_CHROMIUM")
    if chosen:
        return Path(chosen)
    return next((path for path in BROWSERS if path.exists()), BROWSERS[-1])


def length_band(query: str) -> str:
    words = len(query.split())
    return "short (1-4)" if words <= 4 else "medium (5-11)" if words <= 11 else "long (12+)"


def load() -> tuple[list[dict[str, Any]], dict[str, dict[str, list[str]]]]:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))["situations"]
    missing = {q["situation"] for q in queries} - set(answers)
    if missing:
        sys.exit(f"search_eval: no answers for {sorted(missing)}")
    return queries, answers


class SearchBox:
    """The site's own search, driven as a reader drives it."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.home: str | None = None

    def open(self, home: str) -> None:
        if self.home != home:
            self.page.goto(self.base + home)
            self.home = home
        if not self.page.evaluate("() => document.getElementById('__search')?.checked"):
            self.page.locator('label[for="__search"]').first.click()
        self.page.locator(".md-search__input").wait_for(state="visible")

    def top(self, query: str) -> list[str]:
        """The site paths of the first results for ``query``, typed key by key."""
        box = self.page.locator(".md-search__input")
        box.fill("")
        box.press("Backspace")  # a key press, so the search of the empty box is done too
        self.page.evaluate("() => { for (const el of document.querySelectorAll("
                           "'.md-search-result__list > *')) el.remove(); }")
        box.press_sequentially(query)
        last: list[str] | None = None
        steady = 0
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(60)
            found = self.page.eval_on_selector_all(
                ".md-search-result__item > .md-search-result__link",
                f"links => links.slice(0, {TOP}).map(a => a.getAttribute('href'))")
            meta = self.page.eval_on_selector(".md-search-result__meta", "el => el.textContent")
            # Material's hrefs are relative to the page: resolve them against the home.
            paths = [_resolve(self.home, href or "") for href in found]
            if paths == last and (paths or _no_results(meta)):
                steady += 1
                if steady >= 3:
                    return paths
            else:
                steady = 0
            last = paths
        return last or []


def _no_results(meta: str) -> bool:
    text = (meta or "").casefold()
    return "no matching" in text or "no se encontraron" in text or "sin resultados" in text


def _resolve(home: str, href: str) -> str:
    from urllib.parse import urljoin
    path = urlsplit(urljoin("http://x/" + home, href)).path
    return path.lstrip("/")


def rank(top: list[str], wanted: list[str]) -> int | None:
    """The 1-based rank of the first answering page among ``top``, or None."""
    for number, path in enumerate(top, 1):
        if path.split("#")[0] in wanted:
            return number
    return None


def share(rows: list[dict[str, Any]], key: str) -> float:
    return sum(1 for r in rows if r[key]) / len(rows) if rows else 0.0


def run(site: Path, halves: set[str], cross: bool) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    queries, answers = load()
    queries = [q for q in queries if q["half"] in halves]
    base, server = serve(site)
    rows: list[dict[str, Any]] = []
    crossed: list[dict[str, Any]] = []
    started = time.monotonic()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844})
            box = SearchBox(page, base)
            for item in queries:
                lang = item["lang"]
                box.open("es/" if lang == "es" else "")
                got = box.top(item["q"])
                found = rank(got, answers[item["situation"]][lang])
                rows.append({**item, "band": length_band(item["q"]), "top": got,
                             "top1": found == 1, "top3": found is not None})
            if cross:
                for item in queries:
                    lang = item["lang"]
                    box.open("" if lang == "es" else "es/")
                    got = box.top(item["q"])
                    found = rank(got, answers[item["situation"]][lang])
                    first_own = bool(got) and (got[0].startswith("es/") == (lang == "es"))
                    crossed.append({**item, "top": got, "top3": found is not None,
                                    "first_own": first_own})
            browser.close()
    finally:
        server.shutdown()
    return summarise(rows, crossed, time.monotonic() - started)


def seen_ids() -> set[str]:
    if not SEEN.is_file():
        return set()
    return set(yaml.safe_load(SEEN.read_text(encoding="utf-8")).get("seen_in_test") or ())


def summarise(rows: list[dict[str, Any]], crossed: list[dict[str, Any]],
              seconds: float) -> dict[str, Any]:
    groups: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    seen = seen_ids()
    for r in rows:
        if r["half"] == "test" and r["id"] not in seen:
            groups["half"][f"{r['lang']} test, unseen"].append(r)
        for by in ("half", "kind", "band"):
            groups[by][f"{r['lang']} {r['half']} {r[by]}" if by != "half"
                       else f"{r['lang']} {r['half']}"].append(r)
        groups["lang"][r["lang"]].append(r)
    figures = {by: {name: {"n": len(group), "top1": share(group, "top1"),
                           "top3": share(group, "top3")}
                    for name, group in sorted(members.items())}
               for by, members in groups.items()}
    cross: dict[str, dict[str, Any]] = {}
    for r in crossed:
        where = "es on the English home" if r["lang"] == "es" else "en on the Spanish home"
        cross.setdefault(f"{where}, {r['half']}", {"rows": []})["rows"].append(r)
        if r["half"] == "test" and r["id"] not in seen:
            cross.setdefault(f"{where}, test, unseen", {"rows": []})["rows"].append(r)
    cross_figures = {name: {"n": len(c["rows"]), "answer_top3": share(c["rows"], "top3"),
                            "first_own_language": share(c["rows"], "first_own")}
                     for name, c in sorted(cross.items())}
    # Per-query results of the held-back half are neither kept nor shown.
    kept = [{k: r[k] for k in ("id", "lang", "kind", "situation", "q", "top", "top1", "top3")}
            for r in rows if r["half"] == "tune"]
    kept_cross = [{k: r[k] for k in ("id", "lang", "q", "top", "top3", "first_own")}
                  for r in crossed if r["half"] == "tune"]
    return {"queries": len(rows), "seconds": round(seconds, 1), "figures": figures,
            "cross": cross_figures, "tune_results": kept, "tune_cross_results": kept_cross}


def report(data: dict[str, Any], show_misses: bool) -> None:
    figures = data["figures"]
    print(table(["language, half", "n", "top-1", "top-3"],
                [[name, f["n"], f"{f['top1']:.0%}", f"{f['top3']:.0%}"]
                 for name, f in figures["half"].items()]))
    print()
    print(table(["language, half, kind", "n", "top-1", "top-3"],
                [[name, f["n"], f"{f['top1']:.0%}", f"{f['top3']:.0%}"]
                 for name, f in figures["kind"].items()]))
    print()
    print(table(["language, half, length", "n", "top-1", "top-3"],
                [[name, f["n"], f"{f['top1']:.0%}", f"{f['top3']:.0%}"]
                 for name, f in figures["band"].items()]))
    if data["cross"]:
        print()
        print(table(["typed on the other language's home", "n", "own-language answer in top 3",
                     "first result in own language"],
                    [[name, c["n"], f"{c['answer_top3']:.0%}", f"{c['first_own_language']:.0%}"]
                     for name, c in data["cross"].items()]))
    for part in ("test", "test, unseen"):
        for lang in ("en", "es"):
            f = figures["half"].get(f"{lang} {part}")
            if f:
                ok = f["top3"] >= TARGET_TOP3 and f["top1"] >= TARGET_TOP1
                print(f"{lang} {part}: top-3 {f['top3']:.0%} (target {TARGET_TOP3:.0%}), "
                      f"top-1 {f['top1']:.0%} (target {TARGET_TOP1:.0%}): {verdict(ok)}")
        es_cross = data["cross"].get(f"es on the English home, {part}")
        if es_cross:
            print(f"Spanish on the English home, {part}: {es_cross['answer_top3']:.0%} reach a "
                  f"Spanish answer (target {TARGET_CROSS:.0%}): "
                  f"{verdict(es_cross['answer_top3'] >= TARGET_CROSS)}")
    print(f"{data['queries']} queries in {data['seconds']} s")
    if show_misses:
        for r in data["tune_results"]:
            if not r["top1"]:
                mark = "top-3" if r["top3"] else "MISS"
                print(f"  {mark:5} {r['id']} [{r['situation']}] {r['q']!r} -> {r['top']}")
        for r in data["tune_cross_results"]:
            if not r["top3"]:
                print(f"  CROSS {r['id']} {r['q']!r} -> {r['top']}")


def main() -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--site", type=Path, help="a built site (default: build the guide)")
    parser.add_argument("--half", choices=("tune", "test", "both"), default="both")
    parser.add_argument("--no-cross", action="store_true", help="skip the other-language runs")
    parser.add_argument("--show-misses", action="store_true", help="the tune half's misses")
    parser.add_argument("--label", help="save as search_eval-LABEL.json")
    args = parser.parse_args()
    if args.label:
        os.environ["HELPTREE_BENCH_LABEL"] = args.label
    halves = {"tune", "test"} if args.half == "both" else {args.half}
    data = run(args.site or build_guide(fresh=True), halves, not args.no_cross)
    report(data, args.show_misses)
    path = save("search_eval", data)
    print(f"saved {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
