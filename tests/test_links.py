"""Which links a reader may be sent to, however the scheme is disguised."""

from __future__ import annotations

import pytest

from generator.links import domain_allowed, find_links, host_of, is_site_relative, link_problem, scheme_of


@pytest.mark.parametrize(("markdown", "links"), [
    ("[a](https://a.org)", ["https://a.org"]),
    ('[a](https://a.org "Title")', ["https://a.org"]),
    ("[a]( https://a.org )", ["https://a.org"]),
    ("[a](<https://a.org/with space>)", ["https://a.org/with space"]),
    ("![img](/img/x.png)", ["/img/x.png"]),
    ("[a][r]\n\n[r]: https://r.org", ["https://r.org"]),
    ("[a][r]\n\n   [r]: <https://r.org>", ["https://r.org"]),
    ("<https://auto.org/x>", ["https://auto.org/x"]),
    ('<a href="https://h.org">x</a>', ["https://h.org"]),
    ("<img src='x.png'>", ["x.png"]),
    ("[a](https://a.org) and [b](http://b.org)", ["https://a.org", "http://b.org"]),
    ("[w](https://en.wikipedia.org/wiki/Help_(disambiguation))",
     ["https://en.wikipedia.org/wiki/Help_(disambiguation)"]),
    ("plain https://a.org text", []),
    ("[a]()", []),
])
def test_find_links_finds_every_destination_once(markdown: str, links: list[str]) -> None:
    assert list(find_links(markdown)) == links


def test_link_with_parentheses_keeps_its_whole_url_in_the_message() -> None:
    (url,) = find_links("[x](javascript:alert(1))")
    assert url == "javascript:alert(1)"
    assert link_problem(url) == ("link `javascript:alert(1)` uses the unsafe scheme `javascript:`",
                                 "links may only be https:, mailto:, tel: or site-relative")


@pytest.mark.parametrize(("url", "scheme"), [
    ("https://a.org", "https"),
    ("HTTPS://A.ORG", "https"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\u200bscript:alert(1)", "javascript"),
    (" javascript:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("java&#x09;script:x", "javascript"),
    ("javascript&colon;alert(1)", "javascript"),
    ("/troubleshoot/", None),
    ("guides/reset.md", None),
    ("#top", None),
])
def test_scheme_is_read_the_way_a_browser_reads_it(url: str, scheme: str | None) -> None:
    assert scheme_of(url) == scheme


@pytest.mark.parametrize("url", [
    "https://a.org", "mailto:help@a.org", "tel:+18005550100", "/page/", "page.md", "#part",
    "?q=1",
])
def test_safe_links_have_no_problem(url: str) -> None:
    assert link_problem(url) is None


@pytest.mark.parametrize(("url", "message"), [
    ("http://a.org", "link `http://a.org` uses http:"),
    ("//a.org/x", "link `//a.org/x` has no scheme"),
    ("javascript:alert(1)", "link `javascript:alert(1)` uses the unsafe scheme `javascript:`"),
    ("data:text/html;base64,PHNjcmlwdD4=", "uses the unsafe scheme `data:`"),
    ("vbscript:msgbox", "uses the unsafe scheme `vbscript:`"),
    ("file:///etc/passwd", "uses the unsafe scheme `file:`"),
    ("ftp://a.org", "uses the unsafe scheme `ftp:`"),
])
def test_unsafe_links_say_why(url: str, message: str) -> None:
    problem = link_problem(url)
    assert problem is not None
    assert message in problem[0]


def test_site_relative_means_no_scheme_and_no_host() -> None:
    assert is_site_relative("/a/b/")
    assert is_site_relative("a.md")
    assert not is_site_relative("//evil.org/x")
    assert not is_site_relative("https://a.org")


@pytest.mark.parametrize(("url", "host"), [
    ("https://WWW.Example.org/path?q=1", "www.example.org"),
    ("https://example.org:8443/", "example.org"),
    ("https://user@evil.io@example.org/", "example.org"),
    ("http://example.org", None),
    ("mailto:a@example.org", None),
    ("/local", None),
])
def test_host_of_https_links_only(url: str, host: str | None) -> None:
    assert host_of(url) == host


@pytest.mark.parametrize(("host", "allowed"), [
    ("jpay.com", True),
    ("www.jpay.com", True),
    ("WWW.JPAY.COM.", True),
    ("jpay.com.evil.io", False),
    ("notjpay.com", False),
    ("evil.io", False),
])
def test_allowed_domain_includes_subdomains_not_lookalikes(host: str, allowed: bool) -> None:
    assert domain_allowed(host, ("jpay.com", "Gov.UK")) is allowed


def test_allow_list_entries_are_case_and_dot_insensitive() -> None:
    assert domain_allowed("service.gov.uk", (".GOV.UK",))
