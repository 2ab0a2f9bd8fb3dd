"""Checking a read project: every rule, each with its code from `generator.codes`, and the
checked project the plan is built from. The output check reads the built files too."""
