"""The law and the formats, in pure Python.

Nothing in this package imports Django: every rule takes its data (the calendar, "today") as
arguments, so it can run from the CLI, in batch jobs and in tests without a database.
"""
