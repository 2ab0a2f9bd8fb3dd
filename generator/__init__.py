"""helptree: a YAML decision tree plus Markdown articles, built into a static troubleshooting site."""

from pathlib import Path

__version__ = "0.1.0"

# The package's own files (templates/, theme/, assets/, scaffold/), wherever the modules sit.
PACKAGE_DIR = Path(__file__).resolve().parent
