"""OpenLux: a self-hosted implementation of the LuxSci REST API v2."""

__version__ = "0.1.0"
