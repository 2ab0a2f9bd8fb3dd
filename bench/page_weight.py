"""Page weight of the shipped guide: gzipped HTML per page kind, and what a first visit loads.

    python bench/page_weight.py [--no-browser]

1. Builds the guide (mkdocs.yml at the repository root) with `helptree build`.
2. For every page: its kind (start, question, outcome, index, map, article, home,
   redirect) and its gzipped HTML size; per kind the median and the largest.
3. For one page of each kind a reader lands on: the same-site stylesheets and scripts the
   HTML names (<link rel=stylesheet>, <script src>), gzipped.
4. A real first visit to the same pages in Chromium (Playwright, empty cache), served from
   localhost with gzip as any host does: every request logged, including what Material's
   JavaScript fetches on load (the search worker and the search index). Any request to
   another host is listed as a privacy failure.

Sizes are gzip level 6 (gzip's and most servers' default); 1 kB = 1,000 bytes. Targets: a node
page <= 6 kB, a first visit <= 80 kB in all. Writes bench/results/page_weight.json.
"""

from __future__ import annotations

import contextlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    COMPRESSIBLE,
    arg_parser,
    build_guide,
    gzip_size,
    median,
    save,
    serve,
    table,
    verdict,
)

NODE_PAGE_TARGET = 6_000
FIRST_VISIT_TARGET = 80_000
_KIND = re.compile(r'data-ht-kind="([a-z]+)"')
VISITED_KINDS = ("home", "start", "question", "outcome", "article")


def kind_of(path: Path, html: str, site: Path) -> str:
    if 'http-equiv="refresh"' in html[:2000]:
        return "redirect"
    found = _KIND.search(html)
    if found:
        return found.group(1)
    return "home" if path == site / "index.html" else "article"


def url_of(path: Path, site: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def pages_by_kind(site: Path) -> dict[str, list[dict[str, Any]]]:
    kinds: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html":
            continue
        raw = path.read_bytes()
        kind = kind_of(path, raw.decode("utf-8", "replace"), site)
        kinds.setdefault(kind, []).append({"url": url_of(path, site), "bytes": len(raw),
                                           "gzip": gzip_size(raw)})
    return kinds


class _Assets(HTMLParser):
    """The stylesheets and scripts a page's HTML names."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in values.get("rel", "").split() and values.get("href"):
            self.found.append(("stylesheet", values["href"]))
        elif tag == "script" and values.get("src"):
            self.found.append(("script", values["src"]))


def named_assets(site: Path, page_url: str) -> list[dict[str, Any]]:
    """Same-site CSS and JS named in the page, with their gzipped sizes on disk."""
    parser = _Assets()
    parser.feed((site / page_url / "index.html").read_text(encoding="utf-8"))
    assets = []
    for kind, href in parser.found:
        target = urlsplit(urljoin("http://site/" + page_url, href))
        if target.netloc != "site":
            assets.append({"kind": kind, "url": href, "gzip": None, "third_party": True})
            continue
        file = site / target.path.lstrip("/")
        assets.append({"kind": kind, "url": target.path, "gzip": gzip_size(file.read_bytes()),
                       "third_party": False})
    return assets


def first_visits(site: Path, urls: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Load each page in a fresh browser context and log every request it makes."""
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    host = urlsplit(base).netloc
    visits: dict[str, dict[str, Any]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for kind, url in urls.items():
                context = browser.new_context()  # an empty cache: a first visit
                page = context.new_page()
                finished: list[Any] = []
                context.on("requestfinished", lambda request, finished=finished: finished.append(request))
                failed: list[str] = []
                context.on("requestfailed", lambda request, failed=failed: failed.append(request.url))
                page.goto(base + url, wait_until="networkidle")
                page.wait_for_timeout(1000)  # Material sets up search after load
                on_load = list(finished)
                search = _use_search(page, finished, len(on_load))
                requests = []
                for request in on_load:
                    response = request.response()
                    body = response.body() if response is not None else b""
                    path = urlsplit(request.url).path
                    compressible = path.endswith("/") or Path(path).suffix in COMPRESSIBLE
                    requests.append({
                        "url": request.url.replace(base, "/"), "type": request.resource_type,
                        "status": response.status if response is not None else None,
                        "bytes": len(body), "gzip": gzip_size(body) if compressible else len(body),
                        "transferred": request.sizes()["responseBodySize"],
                        "third_party": urlsplit(request.url).netloc != host,
                    })
                visits[kind] = {
                    "url": url, "requests": requests, "failed": failed, "search": search,
                    "total_gzip": sum(r["gzip"] for r in requests),
                    "third_party": [r["url"] for r in requests if r["third_party"]] + [
                        u for u in failed if urlsplit(u).netloc != host],
                }
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return visits


def _use_search(page: Any, finished: list[Any], seen: int) -> dict[str, Any]:
    """Open search, type a word: what that loads (once) and whether results show."""
    page.locator(".md-search__input").focus()
    page.keyboard.type("password")
    with contextlib.suppress(Exception):  # no results is the finding, not an error
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    later = finished[seen:]
    return {
        "results": page.locator(".md-search-result__item").count(),
        "requests": [request.url.split("/", 3)[-1] for request in later],
        "gzip": sum(gzip_size(request.response().body()) for request in later
                    if request.response() is not None),
    }


def measure(browser: bool) -> dict[str, Any]:
    site = build_guide(fresh=True)
    kinds = pages_by_kind(site)
    summary = {kind: {"pages": len(pages), "median_gzip": median([p["gzip"] for p in pages]),
                      "max_gzip": max(p["gzip"] for p in pages),
                      "largest": max(pages, key=lambda p: p["gzip"])["url"]}
               for kind, pages in sorted(kinds.items())}
    # The page of each kind a reader lands on: the largest, so the figure is the worst case.
    samples = {kind: summary[kind]["largest"] for kind in VISITED_KINDS if kind in summary}
    named = {kind: named_assets(site, url) for kind, url in samples.items()}
    node_max = max(summary[k]["max_gzip"] for k in ("question", "outcome") if k in summary)
    data: dict[str, Any] = {
        "kinds": summary, "pages": kinds, "named_assets": named,
        "named_total_gzip": {kind: sum(a["gzip"] or 0 for a in assets) + summary[kind]["max_gzip"]
                             for kind, assets in named.items()},
        "node_page_max_gzip": node_max,
        "targets": {"node_page_max": NODE_PAGE_TARGET, "first_visit_max": FIRST_VISIT_TARGET},
        "node_page_met": node_max <= NODE_PAGE_TARGET,
    }
    if browser:
        visits = first_visits(site, samples)
        data["first_visits"] = visits
        data["first_visit_max_gzip"] = max(v["total_gzip"] for v in visits.values())
        data["first_visit_met"] = data["first_visit_max_gzip"] <= FIRST_VISIT_TARGET
        data["third_party"] = sorted({u for v in visits.values() for u in v["third_party"]})
    return data


def _kb(size: float) -> float:
    return size / 1000


def report(data: dict[str, Any]) -> str:
    lines = ["Page weight of the shipped guide (gzip -6, kB = 1,000 bytes)",
             table(["kind", "pages", "median kB", "largest kB", "largest page"],
                   [[k, s["pages"], _kb(s["median_gzip"]), _kb(s["max_gzip"]), "/" + s["largest"]]
                    for k, s in data["kinds"].items()]),
             f"node page (question, outcome) largest: {_kb(data['node_page_max_gzip']):.2f} kB "
             f"(target <= {_kb(NODE_PAGE_TARGET):.0f} kB: {verdict(data['node_page_met'])})", ""]
    first = next(iter(data["named_assets"].values()), [])
    lines += ["CSS and JS named in the HTML (the same on every page)",
              table(["asset", "kind", "kB"], [[a["url"], a["kind"], _kb(a["gzip"] or 0)] for a in first])]
    visits = data.get("first_visits")
    if visits:
        urls = sorted({r["url"] for v in visits.values() for r in v["requests"]},
                      key=lambda u: (u.count("/"), u))
        rows = []
        for url in urls:
            row: list[Any] = [url]
            for visit in visits.values():
                sizes = [r["gzip"] for r in visit["requests"] if r["url"] == url]
                row.append(_kb(sum(sizes)) if sizes else "-")
            rows.append(row)
        rows.append(["total", *(_kb(v["total_gzip"]) for v in visits.values())])
        lines += ["", "First visit in Chromium, every request (kB gzipped; fresh cache)",
                  table(["request", *(f"{k} /{v['url']}" for k, v in visits.items())], rows),
                  f"first visit largest: {_kb(data['first_visit_max_gzip']):.1f} kB "
                  f"(target <= {_kb(FIRST_VISIT_TARGET):.0f} kB: {verdict(data['first_visit_met'])}); "
                  f"third-party requests: {len(data['third_party'])}"
                  + (f" {data['third_party']}" if data["third_party"] else "")]
        lines += [f"then opening search on /{v['url']} loads {_kb(v['search']['gzip']):.1f} kB more "
                  f"({', '.join(v['search']['requests']) or 'nothing'}): "
                  f"{v['search']['results']} results shown" for v in list(visits.values())[:1]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium first visits")
    args = parser.parse_args(argv)
    data = measure(browser=not args.no_browser)
    print(report(data))
    print(f"wrote {save('page_weight', data)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
