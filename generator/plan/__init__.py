"""The plan: every page of the site per language, its navigation, search index and staff
desk, rendered to HTML. Writers only move a `Site` onto disk or into MkDocs."""
