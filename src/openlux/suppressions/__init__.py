"""User- and account-level e-mail suppressions: addresses that sending must skip."""
