"""Retention: the role (purge.py) and CLI (cli.py) enforcing the per-account lifetimes of accounts/retention.py."""
