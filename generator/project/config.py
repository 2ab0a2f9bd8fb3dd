"""The ``helptree`` plugin's options in mkdocs.yml: declarations only, no logic.

Every default lives here; ``generator.project.mkdocs_yml`` reads these options for every command,
so `helptree check`, `build`, `export`, `paths` and `graph` cannot disagree.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.source.spec import DEFAULT_BASE, DEFAULT_CONTACTS, DEFAULT_TREE, Options


class GuideConfig(base.Config):  # type: ignore[no-untyped-call]
    """One troubleshooter of the help center."""

    tree = c.Type(str)  # relative to mkdocs.yml
    base = c.Type(str)  # URL folder of its pages: /<base>/ and /<base>/<node-id>/
    languages = c.Optional(c.ListOfItems(c.Type(str)))  # [en]: only these editions have it


class HelptreeConfig(base.Config):  # type: ignore[no-untyped-call]
    tree = c.Type(str, default=DEFAULT_TREE)  # the one guide, when `guides` is not given
    base = c.Type(str, default=DEFAULT_BASE)  # its URL folder
    guides = c.ListOfItems(c.SubConfig(GuideConfig), default=[])  # many guides; wins over tree/base
    contacts = c.Type(str, default=DEFAULT_CONTACTS)  # shared contacts and allowed_domains, if present
    index_page = c.Type(str, default="a-z")  # A-Z of outcomes and articles
    map_page = c.Type(str, default="map")  # outline of every guide
    staff_page = c.Type(str, default="staff")  # the staff desk: a ready reply per outcome
    print_page = c.Type(str, default="print")  # /print/<base>/: every outcome's steps on one page
    max_questions = c.Type(int, default=Options.max_questions)  # most questions on one path
    listed_paths = c.Type(int, default=5)  # answer paths shown on an outcome page
    max_grade = c.Optional(c.Type((int, float)))  # warn about texts above this reading grade
    min_ease = c.Optional(c.Type((int, float)))  # Spanish: warn below this Fernandez-Huerta ease
    languages = c.ListOfItems(c.Type(str), default=[])  # [en, es]: the first at /, others at /es/
    partial_translations = c.Type(bool, default=False)  # publish untranslated text, with warnings
    nav_titles = c.Type(dict, default={})  # es: {Causes: Por qué pasa}: section titles per language
    allow_raw_html = c.Type(bool, default=Options.allow_raw_html)  # let articles carry <script> and on*= HTML
    strings = c.Type(dict, default={})  # overrides for the interface strings
    web_font = c.Type(bool, default=False)  # let Material load its font from Google Fonts
    allow_third_party = c.ListOfItems(c.Type(str), default=[])  # hosts scripts may load from (analytics)
