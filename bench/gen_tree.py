"""Generate benchmark projects: a helptree tree of N nodes and its plain MkDocs twin.

    python bench/gen_tree.py --nodes 1000 --out bench/results/work/n1000
        writes OUT/helptree/ (mkdocs.yml, decision_tree.yaml, content/index.md) and
        OUT/plain/ (mkdocs.yml, content/index.md and one hand-written page per node,
        with the same text and links, at the same URLs, left out of the nav)

    python bench/gen_tree.py --ladder 40 --out bench/results/work/ladder40
        writes OUT/decision_tree.yaml and OUT/content/index.md: a start question, K-1
        layers of two questions each answering into both questions of the next layer,
        and two outcomes: 2**K paths over 2K+1 nodes, K questions on every path

Everything is deterministic (a seeded generator), so runs are comparable.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

_VOCABULARY = """
    account password email login phone card money message prison family support page
    button screen code link reset check open close wait call write find change name
    number letter help time day week again first next last new old right wrong safe
    your their this that some every other when before after still also only just
    try send get see use know make keep tell show ask pay read sign lock fix
"""
WORDS = tuple(_VOCABULARY.split())

# Theme settings shared by both sites, so only the page source differs.
THEME: dict[str, Any] = {
    "name": "material",
    "language": "en",
    "font": False,
    "features": ["search.suggest", "content.action.none"],
    "palette": {"primary": "indigo", "accent": "indigo"},
}
MARKDOWN_EXTENSIONS: list[Any] = ["admonition", "attr_list", "sane_lists", {"toc": {"permalink": False}}]
SUPPORT = "contact-support"

_SPANISH_VOCABULARY = """
    cuenta clave correo pago dinero carta casa banco ayuda hoja botón día mes hora
    nombre número tarjeta mensaje familia pantalla código enlace paso cosa vez
    abra cierre mire use pague lea firme llame pida vea haga deje siga tome
    su mi el la un una otro nuevo viejo bien mal ya aquí hoy más luego antes
"""
SPANISH_WORDS = tuple(_SPANISH_VOCABULARY.split())


class Words:
    """Plain, short sentences from a fixed vocabulary; the same seed gives the same text."""

    def __init__(self, seed: int, vocabulary: tuple[str, ...] = WORDS) -> None:
        self.random = random.Random(seed)
        self.vocabulary = vocabulary

    def phrase(self, low: int, high: int) -> str:
        words = [self.random.choice(self.vocabulary) for _ in range(self.random.randint(low, high))]
        return " ".join(words).capitalize()

    def sentence(self, low: int = 6, high: int = 12) -> str:
        return self.phrase(low, high) + "."

    def steps(self, compact: bool = False) -> str:
        if compact:  # 20,000 nodes of these fit the 5 MB limit on a tree file
            lines = [f"{n}. {self.sentence(4, 7)}" for n in range(1, self.random.randint(2, 3) + 1)]
            return "\n".join(lines) + "\n"
        count = self.random.randint(3, 6)
        lines = [f"{n}. {self.sentence()}" for n in range(1, count + 1)]
        return "\n".join(lines) + "\n\n" + self.sentence(8, 14) + "\n"


def _branching(questions: int, edges: int) -> list[int]:
    """Answers per question (2 to 4, mostly 3) adding up to ``edges``."""
    base, extra = divmod(edges, questions)
    return [base + (1 if i < extra else 0) for i in range(questions)]


def make_tree(nodes: int, seed: int = 1, compact: bool = False) -> dict[str, Any]:
    """A tree of exactly ``nodes`` nodes, numbered breadth-first so depth stays small.

    About a third are questions (3 answers each); the rest outcomes. Every third outcome
    has "This did not work" leading to the shared contact-support outcome, which the
    help area also links to, so the graph is a DAG with shared nodes as in real guides.
    ``compact`` writes shorter steps and no hints, so that 20,000 nodes fit in 5 MB.
    """
    if nodes < 4:
        raise ValueError("a benchmark tree needs at least 4 nodes")
    words = Words(seed)
    tree_nodes = nodes - 1  # contact-support is the last node
    questions = max(1, round((tree_nodes - 1) / 3))
    answers = _branching(questions, tree_nodes - 1)
    ids = ["start" if i == 0 else f"{'q' if i < questions else 'o'}{i}" for i in range(tree_nodes)]
    out: dict[str, Any] = {}
    child = 1
    for i in range(questions):
        node: dict[str, Any] = {"question": words.phrase(5, 10) + "?"}
        if i % 2 == 0 and not compact:
            node["help"] = words.sentence(10, 18)
        node["answers"] = []
        for n in range(answers[i]):
            answer: dict[str, Any] = {"label": f"{words.phrase(2, 6)} ({n + 1})", "next": ids[child]}
            if (i + n) % 3 == 0 and not compact:
                answer["hint"] = words.sentence(6, 10)
            node["answers"].append(answer)
            child += 1
        out[ids[i]] = node
    for i in range(questions, tree_nodes):
        outcome: dict[str, Any] = {"outcome": words.phrase(3, 7), "body": words.steps(compact)}
        if i % 3 == 0:
            outcome["still_stuck"] = SUPPORT
        out[ids[i]] = outcome
    out[SUPPORT] = {"outcome": "Contact support", "body": words.steps()}
    return {
        "version": 1,
        "title": "Benchmark troubleshooter",
        "intro": words.sentence(10, 16) + "\n",
        "start": "start",
        "help_area": [{"label": "Contact support", "node": SUPPORT}],
        "nodes": out,
    }


def make_spanish(tree: dict[str, Any], seed: int = 2, compact: bool = False) -> dict[str, Any]:
    """The Spanish text of a tree from make_tree, as decision_tree.es.yaml holds it: the
    same node ids and answers in the same order, text only."""
    words = Words(seed, SPANISH_WORDS)
    nodes: dict[str, Any] = {}
    for node_id, node in tree["nodes"].items():
        if "question" in node:
            out: dict[str, Any] = {"question": words.phrase(5, 10) + "?"}
            if node.get("help"):
                out["help"] = words.sentence(8, 14)
            out["answers"] = [{"label": f"{words.phrase(2, 6)} ({n + 1})",
                               **({"hint": words.sentence(5, 9)} if answer.get("hint") else {})}
                              for n, answer in enumerate(node["answers"])]
        else:
            out = {"outcome": words.phrase(3, 7), "body": words.steps(compact)}
        nodes[node_id] = out
    return {"title": "Guía de prueba", "intro": words.sentence(8, 12) + "\n",
            "help_area": [{"label": "Pedir ayuda"}], "nodes": nodes}


def make_ladder(layers: int) -> dict[str, Any]:
    """2**K paths over 2K+1 nodes: start, K-1 layers of two questions, two outcomes."""
    if layers < 1:
        raise ValueError("a ladder needs at least one layer")
    nodes: dict[str, Any] = {}

    def layer(k: int) -> tuple[str, str]:
        return ("end-a", "end-b") if k == layers else (f"l{k}a", f"l{k}b")

    def question(text: str, k: int) -> dict[str, Any]:
        a, b = layer(k)
        return {"question": text, "answers": [{"label": "Left", "next": a}, {"label": "Right", "next": b}]}

    nodes["start"] = question("Which way first?", 1)
    for k in range(1, layers):
        for side in "ab":
            nodes[f"l{k}{side}"] = question(f"Layer {k}, side {side}: which way next?", k + 1)
    nodes["end-a"] = {"outcome": "You reached the left end", "body": "Nothing more to do.\n"}
    nodes["end-b"] = {"outcome": "You reached the right end", "body": "Nothing more to do.\n"}
    return {"version": 1, "title": f"Ladder of {layers} layers", "start": "start", "nodes": nodes}


# -- writing projects -----------------------------------------------------------------------------

def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def _index_md(title: str) -> str:
    return f"# {title}\n\nAnswer a few short questions to find the steps that fit.\n\n" \
           "[Start now](troubleshoot/index.md)\n"


def _config(name: str, plugins: list[Any], **extra: Any) -> str:
    config = {"site_name": name, "docs_dir": "content", "use_directory_urls": True, "strict": False,
              "theme": THEME, "plugins": plugins, "markdown_extensions": MARKDOWN_EXTENSIONS, **extra}
    return _dump(config)


def write_helptree_project(tree: dict[str, Any], target: Path, max_questions: int = 8,
                           max_grade: float | None = None, spanish: dict[str, Any] | None = None,
                           ) -> None:
    """The helptree project of a tree; with ``max_grade`` the grade check runs (and, for
    the Spanish edition, the reading ease check at 70); with ``spanish`` the project has
    two languages, English at / and Spanish at /es/."""
    _write(target / "decision_tree.yaml", _dump(tree))
    _write(target / "content" / "index.md", _index_md(tree["title"]))
    options: dict[str, Any] = {"tree": "decision_tree.yaml", "max_questions": max_questions}
    if max_grade is not None:
        options["max_grade"] = max_grade
    search: dict[str, Any] = {"lang": "en"}
    if spanish is not None:
        _write(target / "decision_tree.es.yaml", _dump(spanish))
        _write(target / "content" / "index.es.md", "# Guía de prueba\n\nConteste unas preguntas.\n\n"
                                                   "[Empiece aquí](troubleshoot/index.md)\n")
        options["languages"] = ["en", "es"]
        search = {"lang": ["en", "es"]}
        if max_grade is not None:
            options["min_ease"] = 70
    _write(target / "mkdocs.yml", _config(tree["title"], [{"search": search}, {"helptree": options}]))


def shortest_routes(tree: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """For each node, the steps (question id, answer label) of a shortest route to it."""
    routes: dict[str, list[tuple[str, str]]] = {tree["start"]: []}
    queue = [tree["start"]]
    for node_id in queue:
        node = tree["nodes"][node_id]
        links = [(a["next"], a["label"]) for a in node.get("answers", [])]
        if node.get("still_stuck"):
            links.append((node["still_stuck"], "This did not work"))
        for target, label in links:
            if target not in routes:
                routes[target] = [*routes[node_id], (node_id, label)]
                queue.append(target)
    return routes


def _plain_page(node_id: str, node: dict[str, Any], tree: dict[str, Any],
                route: list[tuple[str, str]]) -> str:
    """What an author would write by hand to give readers the same page: the same text,
    links and sections as helptree's node page (back link, answers or steps, "Did this
    work?", the usual route with Change links, the answer paths for support staff, the help
    area), and the same look (front matter hiding navigation and table of contents)."""
    def link(target: str) -> str:
        return f"../{target}/index.md"
    back = link(route[-1][0]) if route else "../index.md"
    lines: list[str] = ["---", "hide:", "  - navigation", "  - toc", "---", "",
                        f"[Back]({back})", ""]
    if "question" in node:
        lines += [f"# {node['question']}", ""]
        if node.get("help"):
            lines += [node["help"], ""]
        for answer in node["answers"]:
            lines.append(f"- [{answer['label']}]({link(answer['next'])})")
            if answer.get("hint"):
                lines.append(f"  {answer['hint']}")
        lines.append("")
    else:
        target = node.get("still_stuck") or (SUPPORT if node_id != SUPPORT else None)
        lines += [f"# {node['outcome']}", "", "## What to do", "", node["body"].rstrip(), "",
                  "## Did this work?", "",
                  "[This worked](#worked){ .md-button .md-button--primary }"
                  + (f" [This did not work]({link(target)}){{ .md-button }}" if target else ""), "",
                  "We are glad that worked. You can close this page, or start again if you need "
                  "help with something else. [Start again](../index.md)", "{: #worked }", ""]
    if route:
        lines += ["## How people usually get here", ""]
        for question, label in route:
            title = tree["nodes"][question].get("question") or tree["nodes"][question]["outcome"]
            lines.append(f"1. {title} **{label}** [Change]({link(question)})")
        lines.append("")
    if "outcome" in node:
        lines += ["## For support staff: answer paths that lead here", "",
                  "1 path leads here." if len(route) else "", "",
                  "1. " + " > ".join(label for _, label in route), ""]
    lines += ["## Help", "", f"- [Contact support]({link(SUPPORT)})", "",
              f"Link to this page: [/troubleshoot/{node_id}/](./index.md)"]
    return "\n".join(lines) + "\n"


def write_plain_project(tree: dict[str, Any], target: Path) -> None:
    content = target / "content"
    _write(content / "index.md", _index_md(tree["title"]))
    _write(content / "troubleshoot" / "index.md",
           f"# {tree['title']}\n\n{tree.get('intro', '')}\n[Start now](start/index.md)\n")
    routes = shortest_routes(tree)
    for node_id, node in tree["nodes"].items():
        _write(content / "troubleshoot" / node_id / "index.md",
               _plain_page(node_id, node, tree, routes[node_id]))
    # The node pages are listed nowhere, as helptree keeps its node pages out of the nav.
    _write(target / "mkdocs.yml", _config(tree["title"], [{"search": {"lang": "en"}}],
                                         not_in_nav="/troubleshoot/*/\n"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shape = parser.add_mutually_exclusive_group(required=True)
    shape.add_argument("--nodes", type=int, help="a realistic tree of N nodes, plus its plain twin")
    shape.add_argument("--ladder", type=int, metavar="K", help="a ladder of K layers (2**K paths)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.ladder is not None:
        write_helptree_project(make_ladder(args.ladder), args.out, max_questions=args.ladder + 1)
        print(f"wrote a ladder of {args.ladder} layers to {args.out}")
    else:
        tree = make_tree(args.nodes, args.seed)
        write_helptree_project(tree, args.out / "helptree")
        write_plain_project(tree, args.out / "plain")
        print(f"wrote {args.nodes} nodes to {args.out}/helptree and {args.out}/plain")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
