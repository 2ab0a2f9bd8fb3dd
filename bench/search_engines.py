"""Two search engines on the same pages: helptree's tuned Material search against Pagefind.

    python bench/search_engines.py [--site DIR] [--runs 3] [--no-hits]

Both engines index the same text: the records of assets/helptree/search.json (generator/
search.py), each page's title, keywords, search aliases, the words that lead to it and its
text. Pagefind gets them as one small HTML file per page with the same weights
(`data-pagefind-weight`: title 10 as an h1 carries, keywords 4, aliases 3, lead 2, text 1),
indexed by the Pagefind binary of the `pagefind` package (`pip install 'pagefind[extended]'`),
per language with its stemmer.

Measured, at phone width in Chromium:
- hit rates on bench/search_eval (top-1 and top-3 per language and half; Spanish typed on
  the English home): Material through the real search box (bench/search_eval.py), Pagefind
  through its JavaScript API (`pagefind.search`, what its UI calls after each key);
  Pagefind on the English home also merges the Spanish index, its own way across languages;
- bytes a phone downloads for its first search: every file requested after the page load,
  from opening search to the first result (workers' requests too), each once, sized as a
  host sends it (text gzipped at level 6), fresh cache;
- time to first result at 4x CPU slowdown (CDP Emulation.setCPUThrottlingRate), median
  of --runs: from the tap on the search button (Material) or the first call (Pagefind) to
  the first result on screen (Material) or its data loaded (Pagefind).

The test half's per-query results are neither printed nor saved.
Writes bench/results/search_engines.json.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CHROMIUM_ARGS, COMPRESSIBLE, arg_parser, build_guide, gzip_size, save, serve, table
from search_eval import chromium, length_band, load, rank, summarise

WEIGHTS = {"keywords": 4, "aliases": 3, "lead": 2}
PROBE = {"en": "forgot password", "es": "olvidé mi contraseña"}


def pagefind_site(site: Path) -> Path:
    """A copy of ``site`` with a Pagefind index of helptree's search records at /pagefind/."""
    out = Path(tempfile.mkdtemp(prefix="pagefind-site-"))
    shutil.copytree(site, out, dirs_exist_ok=True)
    records = json.loads((site / "assets/helptree/search.json").read_text(encoding="utf-8"))
    source = Path(tempfile.mkdtemp(prefix="pagefind-src-"))
    for doc in records["docs"]:
        fields = "".join(f'<p data-pagefind-weight="{weight}">{doc[name]}</p>'
                         for name, weight in WEIGHTS.items() if doc.get(name))
        page = (f'<!doctype html><html lang="{doc["lang"]}"><head><meta charset="utf-8">'
                f"<title>{doc['title']}</title></head><body><main data-pagefind-body>"
                f'<h1 data-pagefind-weight="10">{doc["title"]}</h1>{fields}<p>{doc["text"]}</p>'
                f"</main></body></html>")
        target = source / doc["location"] / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(source),
                          "--output-path", str(out / "pagefind")], capture_output=True, text=True,
                         check=False)
    if run.returncode != 0:
        sys.exit(f"pagefind failed:\n{run.stdout}\n{run.stderr}")
    shutil.rmtree(source)
    return out


PAGEFIND_SEARCH = """async ([q, merge]) => {
  if (!window.htPagefind) {
    window.htPagefind = await import('/pagefind/pagefind.js');
    await window.htPagefind.options({ bundlePath: '/pagefind/' });
    if (merge) { await window.htPagefind.mergeIndex('/pagefind/', { language: merge }); }
    await window.htPagefind.init();
  }
  const found = await window.htPagefind.search(q);
  const top = await Promise.all(found.results.slice(0, 3).map(r => r.data()));
  return top.map(d => d.url);
}"""


def pagefind_hits(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    queries, answers = load()
    base, server = serve(site)
    rows: list[dict[str, Any]] = []
    crossed: list[dict[str, Any]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
            for where, merge in (("own", None), ("cross", True)):
                for home in ("", "es/"):
                    page = browser.new_page(viewport={"width": 390, "height": 844})
                    page.goto(base + home)
                    lang = "es" if home else "en"
                    for item in queries:
                        if (item["lang"] == lang) != (where == "own"):
                            continue
                        other = ("en" if lang == "es" else "es") if merge else None
                        got = [u.lstrip("/") for u in page.evaluate(PAGEFIND_SEARCH, [item["q"], other])]
                        found = rank(got, answers[item["situation"]][item["lang"]])
                        if where == "own":
                            rows.append({**item, "band": length_band(item["q"]), "top": got,
                                         "top1": found == 1, "top3": found is not None})
                        else:
                            first_own = bool(got) and got[0].startswith("es/") == (item["lang"] == "es")
                            crossed.append({**item, "top": got, "top3": found is not None,
                                            "first_own": first_own})
                    page.close()
            browser.close()
    finally:
        server.shutdown()
    return summarise(rows, crossed, 0.0)


def sent_size(site: Path, path: str) -> int:
    """The bytes a host sends for a site path: gzipped as bench/_common.serve does (level 6)
    for text, as it is for the rest (Pagefind's files come compressed). Chromium reports no
    body size for a worker's own script, so sizes are read from the files."""
    file = site / path.split("?", 1)[0].split("#", 1)[0]
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return 0
    data = file.read_bytes()
    return gzip_size(data) if file.suffix in COMPRESSIBLE else len(data)


def first_search(site: Path, engine: str, runs: int) -> dict[str, Any]:
    """Bytes and time from opening search to the first result, fresh cache, 4x slower CPU."""
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    out: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
            for lang, home in (("en", ""), ("es", "es/")):
                times: list[float] = []
                sizes: list[int] = []
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 390, "height": 844})
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    got: list[str] = []  # every finished request of the context, workers' too
                    context.on("requestfinished", lambda request, got=got: got.append(request.url))
                    page.goto(base + home)
                    page.wait_for_load_state("networkidle")
                    before = len(got)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    start = time.perf_counter()
                    if engine == "material":
                        page.locator('label.md-header__button[for="__search"]').click()
                        page.locator(".md-search__input").fill(PROBE[lang])
                        page.locator(".md-search-result__item").first.wait_for(timeout=60000)
                    else:
                        top = page.evaluate(PAGEFIND_SEARCH, [PROBE[lang], None])
                        assert top, "Pagefind found nothing"
                    times.append(time.perf_counter() - start)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(500)
                    sizes.append(sum(sent_size(site, url[len(base):]) for url in set(got[before:])))
                    context.close()
                out[lang] = {"seconds": statistics.median(times), "all_seconds": times,
                             "bytes": statistics.median(sizes)}
            browser.close()
    finally:
        server.shutdown()
    return out


def main() -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--site", type=Path, help="a built site (default: build the guide)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-hits", action="store_true", help="bytes and time only")
    args = parser.parse_args()
    site = args.site or build_guide(fresh=True)
    with_pagefind = pagefind_site(site)
    data: dict[str, Any] = {"first_search": {
        "material": first_search(site, "material", args.runs),
        "pagefind": first_search(with_pagefind, "pagefind", args.runs)}}
    rows = [[engine, lang, f"{f['bytes'] / 1000:.1f} kB", f"{f['seconds']:.2f} s"]
            for engine, by_lang in data["first_search"].items() for lang, f in by_lang.items()]
    print(table(["engine", "home", "first search downloads", "to first result (4x CPU)"], rows))
    if not args.no_hits:
        hits = pagefind_hits(with_pagefind)
        data["pagefind_hits"] = {k: v for k, v in hits.items() if k != "tune_results"} | {
            "tune_results": hits["tune_results"]}
        print(table(["Pagefind: language, half", "n", "top-1", "top-3"],
                    [[name, f["n"], f"{f['top1']:.0%}", f"{f['top3']:.0%}"]
                     for name, f in hits["figures"]["half"].items()]))
        print(table(["Pagefind: other language's home", "n", "own-language answer in top 3",
                     "first result in own language"],
                    [[name, c["n"], f"{c['answer_top3']:.0%}", f"{c['first_own_language']:.0%}"]
                     for name, c in hits["cross"].items()]))
    shutil.rmtree(with_pagefind, ignore_errors=True)
    print(f"saved {save('search_engines', data)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
