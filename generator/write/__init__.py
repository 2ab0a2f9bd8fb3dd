"""The writers over the one plan: the MkDocs plugin, `helptree export`, `helptree build`,
the live preview, and the content security policy they all ship."""
