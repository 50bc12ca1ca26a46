"""Whitelisted endpoints, grouped by area (portal.py: the public complaint portal)."""
