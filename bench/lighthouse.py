"""Lighthouse 12 (mobile) on the shipped guide: start page, a question page, an outcome page.

    python bench/lighthouse.py [--runs 3]

Installs Lighthouse from bench/package-lock.json into bench/node_modules the first time
(`npm ci`), builds the guide with `helptree build`, serves it on localhost with gzip, and
runs Lighthouse in its default mobile mode (emulated phone, simulated slow 4G and CPU)
with Debian's Chromium. Reports the median performance score of the runs, the
accessibility score, and the metrics behind performance. Targets: performance >= 95,
accessibility 100. Writes bench/results/lighthouse.json (and each report under
bench/results/lighthouse/).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, CHROMIUM, RESULTS, arg_parser, build_guide, median, save, serve, table, verdict

VERSION = "12.2.3"
PERFORMANCE_TARGET = 95
ACCESSIBILITY_TARGET = 100
PAGES = {"start": "troubleshoot/", "question": "troubleshoot/what-is-wrong/",
         "outcome": "troubleshoot/reset-password/"}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--disable-background-networking")
METRICS = {"first-contentful-paint": "FCP s", "largest-contentful-paint": "LCP s",
           "total-blocking-time": "TBT ms", "cumulative-layout-shift": "CLS", "speed-index": "SI s"}


def lighthouse_command() -> list[str]:
    """bench/node_modules/.bin/lighthouse, installed from the lockfile if need be."""
    local = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not local.is_file() and shutil.which("npm"):
        print("installing Lighthouse into bench/node_modules (npm ci) ...", file=sys.stderr, flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True)
    if local.is_file() and shutil.which("node"):
        return ["node", str(local)]
    if shutil.which("npx"):
        return ["npx", "--yes", f"lighthouse@{VERSION}"]
    sys.exit("bench: Lighthouse needs Node.js 18+ and npm (apt-get install nodejs npm)")


def run_once(command: list[str], url: str, out: Path) -> dict[str, Any]:
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*command, url, "--output=json", f"--output-path={out}", "--quiet",
                    "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}"],
                   env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    failing = [audit_id for audit_id in report["categories"]["accessibility"]["auditRefs"]
               if audits.get(audit_id["id"], {}).get("score") == 0]
    return {
        "lighthouse": report["lighthouseVersion"],
        "form_factor": report["configSettings"]["formFactor"],
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "metrics": {key: audits[key]["numericValue"] for key in METRICS},
        "accessibility_failures": [ref["id"] for ref in failing],
        "warnings": report.get("runWarnings", []),
    }


def measure(runs: int) -> dict[str, Any]:
    command = lighthouse_command()
    site = build_guide(fresh=True)
    base, server = serve(site)
    pages: dict[str, Any] = {}
    try:
        for kind, path in PAGES.items():
            results = []
            for number in range(runs):
                print(f"  lighthouse {kind}: run {number + 1} of {runs}", file=sys.stderr, flush=True)
                out = RESULTS / "lighthouse" / f"{kind}-{number + 1}.json"
                results.append(run_once(command, base + path, out))
            ordered = sorted(results, key=lambda r: r["performance"])
            middle = ordered[len(ordered) // 2]
            pages[kind] = {
                "url": "/" + path, "runs": results,
                "performance": median([r["performance"] for r in results]),
                "accessibility": min(r["accessibility"] for r in results),
                "metrics": middle["metrics"],
                "accessibility_failures": sorted({f for r in results for f in r["accessibility_failures"]}),
            }
    finally:
        server.shutdown()
    return {
        "runs": runs, "pages": pages, "version": results[0]["lighthouse"] if pages else None,
        "targets": {"performance_min": PERFORMANCE_TARGET, "accessibility_min": ACCESSIBILITY_TARGET},
        "performance_met": all(p["performance"] >= PERFORMANCE_TARGET for p in pages.values()),
        "accessibility_met": all(p["accessibility"] >= ACCESSIBILITY_TARGET for p in pages.values()),
    }


def report(data: dict[str, Any]) -> str:
    rows = []
    for kind, page in data["pages"].items():
        metrics = page["metrics"]
        rows.append([kind, page["url"], page["performance"], page["accessibility"],
                     metrics["first-contentful-paint"] / 1000, metrics["largest-contentful-paint"] / 1000,
                     round(metrics["total-blocking-time"]), metrics["cumulative-layout-shift"],
                     metrics["speed-index"] / 1000, ", ".join(page["accessibility_failures"]) or "-"])
    return "\n".join([
        f"Lighthouse {data['version']} mobile (median performance of {data['runs']} runs)",
        table(["page", "url", "performance", "accessibility", *METRICS.values(), "a11y failures"], rows),
        f"performance >= {PERFORMANCE_TARGET}: {verdict(data['performance_met'])}; "
        f"accessibility = {ACCESSIBILITY_TARGET}: {verdict(data['accessibility_met'])}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = arg_parser(__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    data = measure(args.runs)
    print(report(data))
    print(f"wrote {save('lighthouse', data)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
