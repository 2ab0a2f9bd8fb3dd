"""Every interface string in one table, so a translation changes one place."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

ENGLISH: Mapping[str, str] = MappingProxyType({
    "start_page_title": "Start here",
    "helps_with": "What this helps with",
    "you_will_need": "What you will need",
    "time_needed": "How long it takes",
    "start_now": "Start now",
    "other_help": "Other ways to get help",
    "back": "Back",
    "back_to_start": "Back to the start",
    "start_again": "Start again",
    "your_answers": "Your answers",
    "change": "Change",
    "change_answer": "your answer to",
    "usual_route": "How people usually get here",
    "question_label": "Question",
    "choose_answer": "Choose the answer that fits best",
    "steps": "What to do",
    "full_article": "Read the full guide",
    "did_it_work": "Did this work?",
    "it_worked": "This worked",
    "it_did_not_work": "This did not work",
    "worked_message": "We are glad that worked. You can close this page, or start again "
                      "if you need help with something else.",
    "next_time": "Next time",
    "reviewed": "Facts checked on",
    "sources": "Where these facts come from",
    "for_staff": "For support staff",
    "paths_here": "Answer paths that lead here",
    "paths_count_one": "1 path leads here.",
    "paths_count_many": "{count} paths lead here. The shortest are listed first.",
    "paths_more": "and {count} more",
    "paths_map": "See every way here on the map",
    "help_area": "Need more help?",
    "page_link": "Link to this page",
    "copy_link": "Copy link",
    "copied": "Link copied",
    "copy_failed": "Select the link and copy it",
    "index_title": "A-Z of outcomes and articles",
    "index_intro": "Every outcome of the troubleshooter and every article, with the link "
                   "to paste for a reader.",
    "index_outcome": "Outcome",
    "index_article": "Article",
    "map_title": "Map of the troubleshooter",
    "map_intro": "Every question and the answers that lead on from it. A page that several "
                 "answers lead to is shown in full the first time only.",
    "map_seen": "see above",
    "articles_title": "Help articles",
    "not_found_title": "We can't find that page",
    "not_found_text": "The link may be old or have a typo. You can start the questions "
                      "again, or get help below.",
    "did_not_work_leads": "If this did not work",
    "call_contact": "Call {name}: {phone}",
})


def strings_with(overrides: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """The English table with a project's overrides applied (unknown keys are refused)."""
    if not overrides:
        return ENGLISH
    unknown = sorted(set(overrides) - set(ENGLISH))
    if unknown:
        raise KeyError(", ".join(unknown))
    return MappingProxyType({**ENGLISH, **overrides})
