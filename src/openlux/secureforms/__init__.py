"""Secure Forms: form configurations, the public post endpoint, rows and files kept encrypted at rest."""
