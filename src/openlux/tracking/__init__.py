"""Engagement tracking: open pixels, click redirects, one-click unsubscribe, VERP return paths, and
the state changes that bounces, complaints and unsubscribes cause. Decisions: docs/compat.d/tracking.md."""
