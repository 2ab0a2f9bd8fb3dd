"""helptree: a YAML decision tree plus Markdown articles, built into a static troubleshooting site."""

__version__ = "0.1.0"
