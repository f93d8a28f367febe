"""Delivery: claim queued messages, DKIM-sign, hand to a transport, and secure what TLS cannot carry."""
