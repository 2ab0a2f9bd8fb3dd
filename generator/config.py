"""The ``helptree`` plugin's options in mkdocs.yml: declarations only, no logic."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HelptreeConfig(base.Config):  # type: ignore[no-untyped-call]
    tree = c.Type(str, default="decision_tree.yaml")  # relative to mkdocs.yml
    base = c.Type(str, default="troubleshoot")  # URL folder of the tree pages
    index_page = c.Type(str, default="a-z")  # A-Z of outcomes and articles
    map_page = c.Type(str, default="map")  # outline of the whole tree
    max_questions = c.Type(int, default=8)  # most questions on one path
    listed_paths = c.Type(int, default=5)  # answer paths shown on an outcome page
    max_grade = c.Optional(c.Type((int, float)))  # warn about texts above this reading grade
    allow_raw_html = c.Type(bool, default=False)  # let articles carry <script> and on*= HTML
    strings = c.Type(dict, default={})  # overrides for the interface strings
    web_font = c.Type(bool, default=False)  # let Material load its font from Google Fonts
