"""The web console: landing page, offline API docs, and the signed-in pages people use (Jinja2, no build step)."""
