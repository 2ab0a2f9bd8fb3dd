"""The `helptree` command: its parser and each subcommand's thin adapter over the pipeline."""
