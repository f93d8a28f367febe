"""Signed event webhooks: per-account HTTPS endpoints told about deliveries, bounces, opens, clicks,
unsubscribes and complaints. Decisions and a receiver example: docs/compat.d/webhooks.md."""
