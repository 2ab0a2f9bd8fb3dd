"""Reading a project: its files, YAML with line numbers, trees, articles, translations,
settings and options. Nothing here checks across files or knows of MkDocs."""
