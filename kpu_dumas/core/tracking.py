"""Secret tracking codes for citizens following their case.

Registration numbers are sequential and guessable, so a case opens only with its number AND this code.
The alphabet leaves out look-alikes (0/O, 1/I/L) so a code read over the phone survives; 12 symbols
from 31 give about 59 bits.
"""

from __future__ import annotations

import hmac
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS, GROUP_SIZE = 3, 4


def new_tracking_code() -> str:
	"""A code like 'K7QX-M2PA-9VTD'."""
	symbols = [secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE)]
	return "-".join("".join(symbols[i : i + GROUP_SIZE]) for i in range(0, len(symbols), GROUP_SIZE))


def normalize_tracking_code(code: str | None) -> str:
	"""Upper-case, without spaces or dashes, as the citizen may type it."""
	return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def tracking_code_matches(given: str | None, stored: str | None) -> bool:
	"""Constant-time comparison, ignoring case, spaces and dashes."""
	a, b = normalize_tracking_code(given), normalize_tracking_code(stored)
	return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())
