"""The shared build fixtures produce real sites."""

from pathlib import Path


def test_small_site_has_start_page_and_one_page_per_reachable_node(small_site: Path) -> None:
    assert (small_site / "troubleshoot" / "index.html").is_file()
    for node in ("what-happens", "forgot", "locked", "reset-password", "wait-and-reset",
                 "contact-support"):
        assert (small_site / "troubleshoot" / node / "index.html").is_file(), node
