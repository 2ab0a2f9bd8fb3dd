"""A project's mkdocs.yml read through MkDocs' typed options, and the project opened from it."""
