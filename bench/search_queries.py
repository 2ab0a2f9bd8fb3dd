"""Search as readers use it: the share of reader queries answered in the top three results.

    python bench/search_queries.py [--site DIR] [--show-misses]

1. Builds the shipped help center with `helptree build` (or takes a built --site).
2. Serves it on 127.0.0.1 and opens it in Chromium (Playwright), on the home page of the
   query's language (`/` or `/es/`), at phone width.
3. Types each query of bench/search_queries.yaml into Material's own search, exactly as a
   reader does (so the typo tolerance of helptree's lazy-search.js is what is measured),
   and reads the first three results.
4. A query is answered when one of its `answers` pages is among them. Reports the share per
   kind (plain, typo, staff, es) and overall. Target: 95% or more.

Writes bench/results/search_queries.json.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CHROMIUM, CHROMIUM_ARGS, arg_parser, build_guide, save, serve, table, verdict

QUERIES = Path(__file__).with_name("search_queries.yaml")
TARGET = 0.95
TOP = 3


def top_results(page: Any, query: str) -> list[str]:
    """The site paths of the first results Material's search shows for ``query``."""
    box = page.locator(".md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on keyboard events too
    # The worker answers as the index loads and after each change: take the results once
    # they have stood still for a moment (at most a few seconds).
    last: list[str] = []
    for _ in range(40):
        page.wait_for_timeout(100)
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link",
            f"links => links.slice(0, {TOP}).map(a => a.getAttribute('href'))")
        found = [urlsplit(href or "").path.lstrip("/") for href in hrefs]
        if found and found == last:
            return found
        last = found
    return last


def run(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    base, server = serve(site)
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844})
            home = None
            for item in queries:
                wanted = base + ("es/" if item["kind"] == "es" else "")
                if home != wanted:
                    page.goto(wanted)
                    page.locator("label[for=__search]").first.click()
                    home = wanted
                got = top_results(page, item["q"])
                hits = [path for path in got if any(path.split("#")[0] == a for a in item["answers"])]
                results.append({"q": item["q"], "kind": item["kind"], "top": got, "ok": bool(hits)})
            browser.close()
    finally:
        server.shutdown()
    kinds = sorted({r["kind"] for r in results})
    share = {kind: sum(r["ok"] for r in results if r["kind"] == kind) /
             sum(1 for r in results if r["kind"] == kind) for kind in kinds}
    overall = sum(r["ok"] for r in results) / len(results)
    return {"queries": len(results), "share": share, "overall": overall, "results": results}


def main() -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--site", type=Path, help="a built site (default: build the guide)")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    data = run(args.site or build_guide(fresh=True))
    rows = [[kind, f"{share:.0%}"] for kind, share in data["share"].items()]
    rows.append(["all", f"{data['overall']:.0%}"])
    print(table(["queries", "answered in the top 3"], rows))
    print(f"{data['queries']} queries; target {TARGET:.0%}: {verdict(data['overall'] >= TARGET)}")
    if args.show_misses or data["overall"] < TARGET:
        for miss in (r for r in data["results"] if not r["ok"]):
            print(f"  missed: {miss['q']!r} ({miss['kind']}) -> {miss['top']}")
    save("search_queries", data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
