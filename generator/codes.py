"""Every problem code helptree reports, in one registry: its severity, what it means and
how to fix it. Problems take their severity from here, and `docs/error-codes.md` is written
from it (`python -m generator.codes > docs/error-codes.md`; a test keeps them equal)."""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

# Every code, as a type: a call site naming a code nobody registered fails `mypy`
# (`Problem(where, "HT999", ...)`); tests/test_error_codes.py keeps it equal to the registry.
CodeName = Literal["HT001", "HT002", "HT003", "HT004", "HT005", "HT006", "HT007", "HT008", "HT009",
    "HT010", "HT011", "HT012", "HT101", "HT102", "HT103", "HT104", "HT105", "HT106", "HT107",
    "HT108", "HT109", "HT110", "HT111", "HT112", "HT113", "HT114", "HT202", "HT203", "HT204",
    "HT205", "HT206", "HT207", "HT208", "HT209", "HT210", "HT211", "HT212", "HT213", "HT214",
    "HT215", "HT216", "HT217", "HT218", "HT219", "HT220", "HT221", "HT222", "HT223", "HT224",
    "HT225", "HT230", "HT231", "HT232", "HT233", "HT234", "HT301", "HT302", "HT303", "HT304",
    "HT305", "HT306", "HT307", "HT308", "HT309", "HT310", "HT311", "HT312", "HT401", "HT402",
    "HT403", "HT404", "HT405", "HT406", "HT407", "HT501", "HT502", "HT503", "HT504", "HT505",
    "HT506", "HT507", "HT508", "HT509", "HT510", "HT511", "HT512", "HT513", "HT514", "HT515",
    "HT516"]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: CodeName
    severity: Severity
    meaning: str
    fix: str


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    codes: tuple[Code, ...]
    outro: str = ""


def _error(code: CodeName, meaning: str, fix: str) -> Code:
    return Code(code, Severity.ERROR, meaning, fix)


def _warning(code: CodeName, meaning: str, fix: str) -> Code:
    return Code(code, Severity.WARNING, meaning, fix)


INTRO = (
    '`helptree check` reports every problem on one line, `FILE:LINE:COL: error: MESSAGE; HINT '
    '[CODE]` (warnings say `warning:`). The code is stable: look it up here. Errors make '
    '`helptree check` exit 1 and stop the build; warnings do not, unless you pass `--strict`.'
    "\n\n"
    "Ranges: **HT0xx** reading the file and its YAML, **HT1xx** the tree's schema, **HT2xx** the "
    'graph, links and contacts, **HT3xx** warnings, **HT4xx** articles, **HT5xx** the project and the build.'
    "\n\n"
    'Every bad tree in `tests/corpus/bad/` shows one of these problems; its first line says where'
    ' the error points and what it says.'
)

SECTIONS: tuple[Section, ...] = (
    Section('HT0xx: reading the file and its YAML',
            'Each of these stops the reading of that file, so it is the only problem reported for'
            ' it.', (
        _error('HT001',
               'The file is missing, is a folder, is not a regular file (a named pipe, socket or device, '
               'which could make reading wait for ever), or cannot be read (permissions).',
               'Check the path. `helptree` looks for `decision_tree.yaml` in the current folder; pass '
               '`--tree FILE` otherwise.'),
        _error('HT002',
               'The file is too big: over 5,000,000 bytes for the tree or 1,000,000 for an article, over '
               '500,000 YAML values, or one value (a text) over 100,000 characters.',
               'Keep the tree to questions and short outcomes, and move long text into articles under '
               '`content/`.'),
        _error('HT003',
               'The file is not UTF-8 text: it holds a NUL byte (binary), starts with a UTF-16 byte '
               'order mark, or has a byte that is not UTF-8 (the error points at it and names it, e.g. '
               '`0xe9`).',
               'Save the file again with the UTF-8 encoding ("UTF-8", not "Unicode" or "ANSI").'),
        _error('HT004',
               'The file is empty or holds only comments.',
               'Write the tree, or start from `helptree new DIR`.'),
        _error('HT005',
               'A line is indented with a tab. YAML allows only spaces.',
               'Replace the tab (the column points at it) with spaces. Tabs inside text are fine.'),
        _error('HT006',
               'The YAML cannot be parsed: bad indentation, an unclosed quote, a `:` inside an unquoted '
               'value, or a control character (named, e.g. `U+0007`).',
               'Look at the line and the one before it. Quote text that contains `: ` or starts with a '
               'symbol (`"Yes: go on"`). Remove invisible control characters.'),
        _error('HT007',
               'The file holds more than one YAML document (a `---` line after the start).',
               'Remove the `---` line. One file holds one tree.'),
        _error('HT008',
               'YAML anchors and aliases (`&name`, `*name`, `<<: *name`) are not supported: they can '
               'make a small file expand without limit.',
               'Write the value out in full. To share a step, point several answers at the same node id.'),
        _error('HT009',
               'The YAML is nested more than 64 levels deep.',
               'A tree needs only a few levels: `nodes`, a node, `answers`, an answer. Check the '
               'indentation.'),
        _error('HT010',
               'A key is not plain text (a list or mapping used as a key, or `? ` syntax).',
               'Write keys as simple words, like `label:`.'),
        _error('HT011',
               'The same key appears twice in one mapping. The hint gives the line of the first.',
               'Keep one and delete the other; YAML would silently keep only the last.'),
        _error('HT012',
               'A YAML tag such as `!!python/object`, `!!binary` or `!include` is used. Only plain text, '
               'numbers, dates, lists and mappings are allowed.',
               'Remove the tag.'),
    )),
    Section("HT1xx: the tree's schema", '', (
        _error('HT101',
               'A value has the wrong shape: the tree, `nodes`, a node, an answer, a contact or '
               '`help_area` is not the mapping or list it must be (e.g. `answers:` written as '
               '`label:`/`next:` lines without `- `).',
               'Follow the format in the README: `answers` is a list, each item starting with `- '
               'label:`; each node is a mapping under its id.'),
        _error('HT102',
               'An unknown key. The hint suggests the key you probably meant (`lable` → `label`); '
               'helptree reads the value as that key so one typo gives one error.',
               'Fix the spelling, or remove the key.'),
        _error('HT103',
               'A required key is missing: `version`, `title`, `start` or `nodes` at the top; `answers` '
               'on a question; `label` or `next` on an answer; `name` on a contact, `label` on a help '
               'link. Also: `nodes` is empty.',
               'Add the key.'),
        _error('HT104',
               'A text field is empty or is not text (a list, a mapping, nothing after the colon).',
               'Write the text after the colon. Quote it if it starts with a symbol such as `[`, `{`, '
               '`*`, `&`, `!` or `#`.'),
        _error('HT105',
               'An id is not a valid slug: node ids, `start`, `next`, `still_stuck`, `aliases`, '
               'help-link `node` and contact ids must be lowercase letters, digits and single hyphens. '
               'The hint offers a slug.',
               'Use the suggested id. Ids are permanent URLs: when you rename one, list the old id under '
               '`aliases`.'),
        _error('HT106',
               'A date is not a real date like `2026-11-20` (`reviewed:` of an outcome or an article), '
               "or an outcome's `reviewed` date is in the future.",
               'Write the date the facts were checked, as YYYY-MM-DD.'),
        _error('HT107',
               '`version` is not the number 1 (another number, or text such as `"1"`).',
               'Write `version: 1` without quotes.'),
        _error('HT108',
               'More than 20,000 nodes.',
               'Split the guide into several trees.'),
        _error('HT109',
               'A node has neither `question` nor `outcome`. The hint names a misspelled key if there is '
               'one.',
               'Add `question:` (with `answers:`) or `outcome:` (with `body:` or `article:`).'),
        _error('HT110',
               'A node has both `question` and `outcome`.',
               'A node is one or the other: split it into a question and an outcome.'),
        _error('HT111',
               'An outcome has neither `body` nor `article`.',
               'Add `body:` with the steps, or `article:` naming a page under `content/`.'),
        _error('HT112',
               'A key that belongs to the other kind of node: `body`, `article`, `still_stuck`, '
               '`reviewed` or `prevention` on a question; `answers` or `help` on an outcome.',
               'Remove the key, or change the kind of node.'),
        _error('HT113',
               'A `help_area` link has both `node` and `article`, or neither.',
               'Give each help link exactly one of them.'),
        _error('HT114',
               'An `allowed_domains` entry is not a bare domain name (it has `https://`, a path, a `*` '
               'or a port).',
               'Write just the domain, like `jpay.com`; subdomains such as `www.jpay.com` are allowed '
               'with it.'),
    )),
    Section('HT2xx: the graph, links and contacts', '', (
        _error('HT202',
               "`start`, an answer's `next`, a `still_stuck` or a help link points at a node id that "
               'does not exist. The hint suggests the closest id, or the new id if the one used was '
               'renamed (listed in `aliases`).',
               'Fix the id, or add the node.'),
        _error('HT203',
               'A question has fewer than 2 answers.',
               'A question with one answer is a step: put it into the next page, or add the other '
               'answers.'),
        _error('HT204',
               'Two answers of one question have the same label (ignoring case and spaces). The hint '
               'gives the line of the first.',
               'Make the labels say how the choices differ.'),
        _error('HT205',
               "An outcome's `still_stuck` points at the outcome itself.",
               'Point it at another outcome, such as contacting support.'),
        _error('HT206',
               'A cycle: following answers and `still_stuck` links comes back to a node already on the '
               'way, so a reader could go round for ever. The error points at the link that closes the '
               'loop; each loop is reported once.',
               'Point that link further down the tree.'),
        _error('HT207',
               'A node cannot be reached from `start`.',
               'Link an answer to it, or delete it. (Not reported while a node on the way has a link '
               'that could not be read: fix that first.)'),
        _error('HT208',
               'An alias is also the id of a node, or two nodes list the same alias.',
               'An old id can redirect to one node only, and only once no node uses it. Remove the '
               'alias.'),
        _error('HT209',
               'An `article:` path may not be used: it is absolute, uses `\\` or `..`, does not end in '
               '`.md`, or leads out of `content/` through a symbolic link.',
               'Write a path relative to `content/`, with `/`, like `recovery/reset-password.md`.'),
        _error('HT210',
               'An `article:` names a file that does not exist under `content/`. The hint suggests the '
               'closest file.',
               'Fix the path, or create the article.'),
        _error('HT211',
               'A path asks more questions than the limit (8 unless `--max-questions N`). The error '
               'points at the first question over the limit and lists the longest path.',
               'Shorten the route (ask fewer, broader questions), or raise the limit with '
               '`--max-questions`. Checked only once the tree has no other errors.'),
        _error('HT212',
               'A link a reader must not be sent to: a scheme other than `https:`, `mailto:` or '
               '`tel:` (such as `http:`, `javascript:`, `data:`, `vbscript:`, `file:`, however it'
               ' is disguised with capitals, entities or hidden characters), a link starting with'
               ' `//`, a link that reads as a path but that a browser (WHATWG URL standard) sends'
               ' to another host (`/\\host`, `/<tab>/host`, `&#47;&#47;host`), a link naming a '
               'user before `@` (`https://official.org@other.io/`), or a contact `url` that is '
               'not `https:`. Every URL-bearing attribute is read (`href`, `src`, `srcset`, '
               '`ping`, `background`, `poster`, `cite`, `formaction`, `xlink:href`, ...), and '
               'every reference definition Markdown reads, even with an empty label or one over '
               'two lines. Found in every text of the tree, in articles and in article `sources`.',
               'Use the `https:` address, or a site-relative link such as `/recovery/reset-password/`.'),
        _error('HT213',
               "A link, a contact `url` or an address in an article's front matter (such as "
               '`location` with `template: redirect.html`) goes to a domain that is not on the '
               "tree's `allowed_domains` (only checked when that list is given). The domain is "
               'the host a browser would go to (`https:\\\\other.io` and '
               '`https://official.org\\.other.io/` go to `other.io`), never how the text looks.',
               'Link to the official site, or add its domain to `allowed_domains` if it is one.'),
        _error('HT214',
               'A `{{ ... }}` placeholder cannot be filled in: it is not of the form `{{ '
               'contacts.ID.FIELD }}`, the contact is unknown, the field is not one of `name`, `phone`, '
               '`text`, `url`, `hours`, `note`, or the contact has no value for it.',
               'Fix the placeholder, or add the contact or the field under `contacts:`. Numbers and '
               'addresses live only there.'),
        _error('HT215',
               'An article contains raw HTML that could run script: an element such as '
               '`<script>`, `<iframe>`, `<frame>`, `<object>`, `<embed>`, `<base>`, `<form>`, '
               '`<meta>`, `<link>`, `<animate>` or `<set>`, or an `on...=` event handler however '
               'it is written (`<svg/onload=`, `"onerror=`, or a Markdown attribute list `{ '
               'onclick=... }`). Code is skipped: fenced blocks, and `code spans` before the '
               'first raw HTML of the file (inside HTML, backticks are not code). The same check '
               'runs on every page MkDocs builds (`_draft.md`, `x.markdown`) and on HTML, SVG and'
               ' XML files under `content/` (which are also HT407: not published). Contact fields'
               ' are plain text, checked by HT221. Raw HTML in the tree itself is always escaped,'
               ' so it is not reported there.',
               'Write it in Markdown. Only if every author is trusted, set the plugin option '
               '`allow_raw_html: true`.'),
        _error('HT216',
               'A link in a tree text goes to a page of a guide (`/<base>/<node-id>/`) whose node does not '
               'exist in that guide.',
               'Check the id, and which guide it is in; links between guides are fine.'),
        _error('HT217',
               'A contact id is defined twice: in the shared contacts file and a tree, or in two trees.',
               'Keep one definition; a phone number is written in one place only.'),
        _error('HT218',
               'A translation (`decision_tree.es.yaml`, `contacts.es.yaml`) holds a structural key such as '
               '`next`, `still_stuck`, `article`, `phone` or `url`: structure comes only from the main tree.',
               'Remove the line; a translation holds text only.'),
        _error('HT219',
               'A text has no translation: a node, a field, an answer, a contact, or the translation file '
               'itself is missing for a language in `languages`.',
               'Translate it, or set `partial_translations: true` to publish the main text meanwhile '
               '(then this is HT307, a warning).'),
        _error('HT220',
               'A translation has something the main tree does not: an unknown node or contact id, a text '
               'field the main node lacks, or a list (`answers`, `needs`, `help_area`) of another length.',
               'Mirror the main tree: the same ids, fields and items in the same order.'),
        _error('HT221',
               'A contact value is not what its field says, and placeholders paste it into pages:'
               ' a `url` that is not one plain https address as a browser reads it (spaces, '
               'quotes, brackets, backslashes, a second address, `name@` before the host), a '
               '`phone` that is not a phone number (digits, spaces, `-`, `.`, `( )`, a leading '
               '`+`; 3 to 15 digits), or a `name`, `text`, `hours` or `note` that is not plain '
               'text (`<`, `>`, `[`, `]`, `{`, `}`, backticks, backslashes, a line break, or an '
               'address such as `https:`, `javascript:` or `www.`).',
               'Write one official `https://` address in `url`, digits in `phone`, plain words elsewhere.'),
        _error('HT222',
               'A link to this site leads nowhere: a link in tree text (`body`, `help`, `hint`, '
               '`intro`, `prevention`, ...), in a translation or in an article goes to a page, file'
               ' or heading the planned site does not have, in that language. Links are resolved as'
               ' the built page resolves them: in tree text `/path/` below the language\'s folder '
               '(`/es/...` in Spanish), a `.md` path from content/, any other path from the page '
               "the text is on; in an article a file (`.md`, a picture) from the article's own "
               "file, any other path from its page. A `#heading` is checked on articles, whatever"
               " `toc` slugify mkdocs.yml uses; anchors of generated pages are not. The hint names"
               ' the nearest address the site has.',
               'Fix the address (the hint gives the nearest one), or write the missing page. In an '
               'article, link pages by their `.md` file, relative to it (`../recovery/reset.md`).'),
        _error('HT223',
               'A `languages:` list, on a guide in mkdocs.yml or in an article\'s front matter, '
               'names a language the help center does not have or leaves out the main language; or'
               ' an article kept to some languages has a twin (`name.es.md`) in another.',
               'List languages of the plugin\'s `languages` option, the main one first; delete the '
               'twin, or add its language to the list.'),
        _error('HT224',
               'An article is named as a twin in another language (`name.es.md` beside `name.md`, '
               'for a language helptree knows), but that language is not in the plugin\'s '
               '`languages` (or there is no `languages`): MkDocs would publish it as a page of its'
               ' own, `/name.es/`, in the main language.',
               'Add the language to `languages` (then it is the translation), or delete the file.'),
        _error('HT225',
               'A style in an article (a `style` attribute in raw HTML or an attr_list `{style="..."}`,'
               ' a `<style>` element) or a published `.css` file makes the browser fetch something from '
               'another host: `url()`, `@import` or `image-set()`, however escaped. Every reader\'s '
               'browser would ask that host, which learns who reads the page.',
               'Copy the picture or stylesheet into `content/` and name its path.'),
        _error('HT230',
               'A phone number in the text of a guide page (a question\'s `help`, an outcome\'s '
               '`body` or `prevention`, the `intro`) is written `{{ contacts.ID.phone }}`: a small '
               'inline link that is hard to tap (17 px) for a reader who needs to call.',
               'Write `{{ contacts.ID.call }}`: a full-width button, "Call NAME NUMBER", that dials '
               'it. Articles may keep `.phone` in a sentence.'),
        _error('HT231',
               'A text of a guide page links to that same page (`/troubleshoot/contact-support/` in '
               'the steps of `contact-support`): the reader taps and lands where she was.',
               'Link to the next step instead, or leave the link out.'),
        _error('HT232',
               '"This did not work" goes round in a loop: an outcome without `still_stuck` leads to '
               'the first help-area node, whose own "This did not work" chain comes back to it '
               '(`waiting-is-hard` -> `contact-jpay-payment` -> `jpay-did-not-fix-it` -> '
               '`waiting-is-hard`). A loop of `still_stuck` links alone is HT206.',
               'Give the outcome a `still_stuck` that leads on to a final support page, or make it '
               'one (below, HT233).'),
        _error('HT233',
               'In a guide with a `help_area`, an outcome is a dead end: "This did not work" leads '
               'nowhere (no `still_stuck`, no help-area node to fall back on) and the page offers no '
               'one to call or text. A final support page ends a chain: one with a call or text step '
               '(`{{ contacts.ID.call }}`, `{{ contacts.ID.text_button }}`), a node of the help area, '
               'or the help area\'s article as its full guide; instead of "This did not work" it says '
               'the people above are there to help. (A tree of the minimal schema, with no help '
               'area, is not checked.)',
               'Add `still_stuck: ID`, a call or text step, or a node to the help area.'),
        _error('HT234',
               'A link shows a bare address as its words: `{{ contacts.ID.url }}` (the contact\'s '
               'address as the link text: `jpay.com/jpayHelp/Content/products%20and...`), '
               '`[jpay.com](https://www.jpay.com)` or an autolink `<https://...>`. A reader cannot '
               'tell where it goes, a screen reader spells it out, and a long one is unreadable.',
               'Write `{{ contacts.ID.link }}` (the contact\'s name as the link; "Log in on the '
               '{{ contacts.jpay.link }} website"), `{{ contacts.ID.address }}` for the short '
               'address as plain text (to type it yourself), or `[words](address)`.'),
    )),
    Section('HT3xx: warnings',
            'Warnings do not fail `helptree check` or the build, unless you pass `--strict`.', (
        _warning('HT301',
               'An outcome or an article was last `reviewed` more than 365 days ago.',
               'Check its facts and update `reviewed`.'),
        _warning('HT302',
               'Two answers of one question lead to the same node.',
               'Merge them, or point one elsewhere.'),
        _warning('HT303',
               'An answer label is longer than 90 characters.',
               "Keep labels short; move detail into the answer's `hint`."),
        _warning('HT304',
               'A text reads above the plain-language limit (`--max-grade G`, US grade, Flesch-Kincaid).',
               'Use shorter sentences and shorter words.'),
        _error('HT305',
               'An error, though numbered with the warnings: `--max-grade` was given but the readability '
               'check cannot run because `textstat` is not installed.',
               "`pip install textstat==0.7.8` in helptree's environment (its `readability` extra: "
               "`pip install '/path/to/helptree[readability]'`)."),
        _warning('HT306',
                 'The project has no `site_url` in mkdocs.yml, so pages cannot show the full URL that '
                 'support staff copy, and printouts cannot carry it.',
                 'Add `site_url: https://help.example.org/` to mkdocs.yml.'),
        _warning('HT307',
                 'With `partial_translations: true`: a text has no translation yet, and the page shows '
                 'the main language\'s text, marked as such.',
                 'Translate it.'),
        _warning('HT308',
                 'A Spanish text reads below the plain-language limit (`min_ease`, Fernandez-Huerta '
                 'reading ease; 70 and above is easy for most adults).',
                 'Use shorter sentences and shorter words.'),
        _warning('HT309',
                 'One text is on most outcomes (at least 3, and more than half): the same "Next '
                 'time" tips (usually the tree\'s `prevention`, shown on outcomes it does not '
                 'fit), or the same steps copied onto them. Each reader then gets advice that may'
                 ' not be about their problem.',
                 "Give each outcome its own `prevention` that fits it, or none; an outcome's own "
                 "`prevention` wins over the tree's. Put steps shared by many outcomes in one "
                 'article and link to it.'),
        _warning('HT310',
                 'A translated text was reviewed against a main-language text that has changed '
                 'since: `translations.lock` (beside mkdocs.yml) holds a fingerprint of the main '
                 'text each translation was last reviewed against, and it no longer matches. '
                 'Located at the translation; for an article, its twin.',
                 'Update the translation, then run `helptree translate --mark-reviewed` (which '
                 'records the current main texts); `helptree check` prints how many texts of each'
                 ' translation are out of date.'),
        _warning('HT311',
                 '`translations.lock` cannot be read, or is not one helptree wrote; no translation '
                 'is flagged out of date until it is written again.',
                 'Delete it and run `helptree translate --mark-reviewed`.'),
        _warning('HT312',
                 'A text too short for a reading-grade formula (under 20 words: "Wi-Fi" would score'
                 ' grade 12, "Mobile data" grade 8) has a long word (5 or more syllables in English,'
                 ' 6 in Spanish), or a label readers tap (an answer, a help link) has more than 12 '
                 'words. Checked with `max_grade` (English) and `min_ease` (Spanish); texts of 20 '
                 'words or more get the grade (HT304, HT308) instead.',
                 'Use shorter words; say a label in fewer words and put the rest in its `hint`.'),
    )),
    Section('HT4xx: articles', '', (
        _error('HT401',
               'The `content/` folder does not exist (beside the tree, or the one given with '
               '`--content`).',
               'Create it with an `index.md`, or pass `--content DIR`.'),
        _error('HT402',
               "An article's front matter (between the `---` lines at its top) is not `key: value` "
               'lines.',
               'Write front matter as `title: ...`, `description: ...`, `reviewed: YYYY-MM-DD`, '
               '`sources:`.'),
        _error('HT403',
               'An article without `---` front matter starts with a `Word:` line (`Note: ...`, '
               '`https://...`). MkDocs reads such lines as page metadata: they vanish from the page, and '
               'the theme prints metadata unescaped.',
               'Start the article with a `# Heading` (or a blank line), or put metadata between `---` '
               'lines.'),
        _error('HT404',
               'A front matter value other than `title` and `description` holds `<`, `>` or `"`: '
               'Material prints such values (`author`, `subtitle`, `status`, ...) into the page as HTML, '
               'unescaped. Or, in an article without a front matter `title`, a level-1 heading spells '
               '`<` as an entity (`&lt;`, `&#60;`): the first heading becomes the page title, which '
               'Material prints in `<title>` with its entities undone.',
               'Leave those characters out of such values; write them out in the heading, or give the '
               'article a front matter `title`. `title` and `description` may hold them: helptree '
               'escapes those two.'),
        _error('HT405',
               "An article's front matter uses the key `helptree`, which marks the pages helptree "
               'generates and turns off the escaping of the title.',
               'Remove the key.'),
        _error('HT406',
               'Something under `content/` that MkDocs must not publish or walk: a file or folder whose '
               'name holds `<`, `>`, `"`, `&` or a control character (MkDocs prints names as HTML in '
               'titles and the navigation), a symbolic link to a file or folder outside `content/` (it '
               'would publish that file), a link to a folder it is in (MkDocs would walk it without '
               'end), a broken link, or a named pipe, socket or device.',
               'Replace the link with a real file or folder inside `content/`, or remove it.'),
        _error('HT407',
               'A file under `content/` of a type helptree does not publish. Only pages (`.md` '
               "and MkDocs' other Markdown suffixes), pictures (`.png`, `.jpg`, `.jpeg`, `.gif`, "
               '`.webp`, `.avif`, `.ico`), `.pdf`, `.txt` and `.css` are published: anything else'
               ' (HTML or XML in any spelling such as `.xht5` or `.rss`, SVG, JavaScript, a file '
               "with no suffix, a host's `_redirects` or `_headers`) is acted on as it is by a "
               'browser or by the host. Hidden files and `content/templates/` are left out, as '
               'MkDocs leaves them out.',
               'Move the file out of `content/`. A page belongs in Markdown; a script or an '
               'override belongs in the theme (`theme.custom_dir`).'),
    ), "An article's front matter is found the way MkDocs finds it (a `---` block closed by `---`"
       ' or `...`), so helptree checks exactly the metadata MkDocs will use.  Articles are read '
       'with the same reader as the tree, so an article can also get HT002, HT003 and, in its '
       'front matter, HT005 to HT012; and the link, contact and raw HTML checks (HT212 to HT215) '
       'run on its text.'),
    Section('HT5xx: the project, its options and the build',
            'HT501 to HT508 and HT514 to HT516 come from reading mkdocs.yml and the project. HT509 to '
            'HT513 come later, from '
            'the build itself: every built page is parsed as a browser parses it (HTML5), so a script '
            'or an address that reached the page by a route the source checks never saw (a Markdown '
            'extension such as `pymdownx.snippets` or `pymdownx.magiclink`, a theme override, a hook, '
            'another plugin) still stops the build. They point at the page\'s source file (the '
            'article, or the tree for the pages helptree writes, or `mkdocs.yml` for pages other '
            'plugins write), at the offending text when it is written there, else at its first line.', (
        _error('HT501',
               'mkdocs.yml is missing, cannot be read, is not valid YAML, or is not a mapping.',
               'Run in the project folder or pass `--config FILE`; fix the YAML at the line shown.'),
        _error('HT502',
               'A `helptree` plugin option has the wrong type or is unknown, or mkdocs.yml does not use the '
               'helptree plugin.',
               'See the plugin options in the README.'),
        _error('HT503',
               'A URL option (`base`, `index_page`, `map_page`) is not a URL folder: it must be lowercase '
               'slugs joined by `/`, never `..`, `/` at the start, `\\` or other characters.',
               'Use a name like `troubleshoot` or `help/money`.'),
        _error('HT504',
               'Two things claim one URL (two guides on one base, an article and a node page, an alias '
               'and an article, the A-Z or map over a guide), or an article lies inside a guide\'s '
               'folder, where node pages live. Without this check one page would silently replace the '
               'other.',
               'Rename one of them, or give the guide another `base`.'),
        _error('HT505',
               '`use_directory_urls` is false: the help center\'s URLs are `/<base>/<node-id>/`.',
               'Remove the setting, or set it to `true`.'),
        _error('HT506',
               'The plugin\'s `strings` names an interface string that does not exist, gives one '
               'that is not text, or uses a field the string does not take: a positional `{}`, an '
               'unknown `{name}`, a conversion (`{title!r}`) or a format spec (`{title:.3}`, which '
               'would cut the HTML filled into it), or unbalanced braces; `months` must name twelve '
               'months.',
               'See `generator/strings.py` for the names and the fields each string takes.'),
        _error('HT507',
               'The build cannot go ahead: the site folder is refused (it holds the project or its '
               'articles, is a file, or a non-empty folder holding no site), another build of the same '
               'site is running, or MkDocs stopped with an error (shown).',
               'Pick another `--site-dir`, wait for the other build, or fix what MkDocs reports.'),
        _error('HT508',
               'The folder given to `helptree new` or `helptree export` already exists and is not empty.',
               'Pick a new folder.'),
        _error('HT509',
               'A built page holds a script the templates did not write: an inline script that is'
               " not one of the inline scripts of helptree's, Material's or mkdocs-redirects' "
               'templates (or your `theme.custom_dir`), a script file the theme and '
               '`extra_javascript` do not load, an `on...=` event handler, or an iframe `srcdoc`.'
               ' Only the recognised inline scripts get a hash in the Content-Security-Policy.',
               'Find what put it into the page (an extension, a snippet, a hook, a plugin) and '
               'take it out. A script of your own belongs in `extra_javascript` or in a template '
               'of `theme.custom_dir`.'),
        _error('HT510',
               'A built page holds an address that a browser (WHATWG URL standard) resolves off '
               'this site: in any URL-bearing attribute (`href`, `src`, `srcset`, `ping`, '
               '`poster`, `background`, `action`, `formaction`, `data`, `xlink:href`, ...), in a '
               '`<meta http-equiv=refresh>`, in a value a template fills into a script '
               '(`location` of `template: redirect.html`), or a `<base>` element. A link a reader'
               ' follows may go to `https:` on `allowed_domains`, `mailto:` or `tel:`; anything '
               'the page loads or sends at once must come from this site. The https: links the'
               ' templates write themselves are known by their host. Styles count as loads: a'
               ' `style` attribute, a `<style>` element or a published `.css` file with `url()`,'
               ' `@import` or `image-set()` to another host. The search index is read too.',
               'Link only to this site or to `allowed_domains`; load nothing from elsewhere.'),
        _error('HT511',
               'Another `helptree build` of the same site folder still held its lock '
               '(`.SITE.helptree.lock` beside the folder) after 600 seconds. A second build waits'
               ' for the first (saying so) rather than clearing its temporary folder or swapping '
               'in half a site.',
               'Let the other build finish, or build into another `--site-dir`.'),
        _error('HT512',
               'The site could not be written: the disk is full, a folder cannot be written (the '
               "message names the file and the system's reason), or the build ended without "
               'writing a site (no `index.html`, `404.html` or `sitemap.xml`), which is then '
               'never swapped in. The previous site stays as it was.',
               "Free some disk space or fix the folder's permissions; for an empty build, run "
               'with `-v` to see which plugin stopped it.'),
        _error('HT513',
               "A template cannot be used: an article's front matter `template:` names a template"
               ' no theme folder holds (located at that line), or the theme lacks a template '
               'MkDocs asks for.',
               'Remove the key, or add the template to `theme.custom_dir`; check `theme:` in mkdocs.yml.'),
        _error('HT514',
               '`site_url` (in mkdocs.yml, or from the environment variable its `!ENV` names, such '
               'as `HELPTREE_SITE_URL`) is not an address readers can be sent to: not https (http '
               'only for localhost), a user or password before `@`, a space, line break or '
               'control character, a query or a fragment. Staff replies, `helptree links`, '
               'printouts and the canonical link all carry it.',
               'Write the published address, like `https://help.example.org/` (a missing final '
               '`/` is added).'),
        _error('HT515',
               'mkdocs.yml puts markup or an address into every page that is not allowed: '
               '`site_name`, `site_description` or `site_author` with markup (`<`, `&x`), markup '
               'that could run script in `copyright`, `repo_url`, '
               '`edit_uri`, `extra.social`, `extra.alternate` or `extra.homepage` that is not '
               'https (`javascript:` runs when clicked), names a user before `@`, or goes to a '
               'host off `allowed_domains`; `extra_javascript`, `extra_css`, `theme.logo` or '
               '`theme.favicon` from another host; or `extra.analytics`, which loads a script '
               'from another host on every page. Third-party scripts are refused unless the '
               'helptree option `allow_third_party` lists their hosts, which also adds them to '
               'the Content-Security-Policy (`script-src`, `connect-src`, `img-src`).',
               'Link to an https address on `allowed_domains`; copy scripts and stylesheets into '
               'the site; opt in to a third party only by listing its hosts.'),
        _error('HT516',
               'A file or folder the build reads or writes is not the project\'s own: a guide '
               'tree or its translation, the contacts file or its translation, `docs_dir`, '
               '`INHERIT`, a `hooks` file, a snippet line (`--8<-- "/etc/passwd"`, `..`, an '
               'address) in an article, `theme.custom_dir` or a Markdown extension\'s '
               '`base_path` / `auto_append` (`pymdownx.snippets`, `pymdownx.b64`) outside the '
               'project, a symbolic link, holding one, or not a regular file; '
               '`pymdownx.snippets` with `restrict_base_path: false` or `url_download: true`; '
               'a `redirect_maps` page with `..` or an absolute path; a `site_dir` (or the site '
               'folder) that is a symbolic link or, from mkdocs.yml, outside the project. '
               'Refused before anything is read, and the message never shows what the file holds.',
               'Keep every file of the project in real files inside its folder; build elsewhere '
               'only by naming the folder with `helptree build --site-dir DIR`.'),
    )),
)


def _all_codes() -> Iterator[Code]:
    for section in SECTIONS:
        yield from section.codes


REGISTRY: Mapping[CodeName, Code] = MappingProxyType({code.code: code for code in _all_codes()})


def severity_of(code: CodeName) -> Severity:
    """The severity the registry gives ``code``; KeyError for a code nobody registered."""
    return REGISTRY[code].severity


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown() -> str:
    """docs/error-codes.md, written from the registry."""
    out = ["# Problem codes", "", "<!-- Written by `python -m generator.codes`: edit generator/codes.py. -->",
           "", *INTRO.split("\n\n")[0:1]]
    for para in INTRO.split("\n\n")[1:]:
        out += ["", para]
    for section in SECTIONS:
        out += ["", f"## {section.title}", ""]
        if section.intro:
            out += [section.intro, ""]
        out += ["| Code | Severity | Meaning | How to fix it |",
                "|------|----------|---------|---------------|"]
        out += [f"| {c.code} | {c.severity.value} | {_cell(c.meaning)} | {_cell(c.fix)} |"
                for c in section.codes]
        if section.outro:
            out += ["", section.outro]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
