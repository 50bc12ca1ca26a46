"""Confidentiality rules that need no database: the stored form of an encrypted value, keyed blind
indexes for exact lookups, the retention clock and the per-reporter submission limit.

The site layer (kpu_dumas.kerahasiaan) does the encryption itself with Frappe's `encrypt`/`decrypt`
(Fernet with the site's `encryption_key`); this module only knows how an encrypted value is marked, so
that nothing is encrypted twice and a migration can tell old plaintext from new ciphertext.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from kpu_dumas.core.duplicates import identity_keys

PREFIX = "kpu1$"  # marks a value encrypted by kpu_dumas (version 1: Fernet with the site key)
MASK = "•••••• (rahasia)"  # what a reader sees of a rahasia identity before a reveal
ERASED = "Dihapus (retensi)"  # what is left of an identity erased at the end of its retention

# Doors through which an identity is revealed; each reveal names one (the reveal log's `pintu`).
DOORS = ("form", "print", "report", "export", "api")

# Retention after closure (UU 27/2022 Pasal 43: kept no longer than needed for the purpose). The
# default follows the archive retention of complaint files (JRA: 5 years after the case is closed).
DEFAULT_RETENTION_YEARS = 5
DEFAULT_DAILY_LIMIT = 5  # portal submissions per reporter (same NIK, phone or email) per day
DEFAULT_GUEST_CAP_PER_MINUTE = 60  # portal submissions by all guests together per minute

_INDEX_CONTEXT = b"kpu_dumas blind index v1"

# An encrypted Data/Select column holds the ciphertext (length 1000); its plaintext keeps a Data field's
# usual limit, which also bounds the ciphertext (140 characters of up to 4 bytes: about 850 characters).
PLAIN_MAX_LENGTH = 140


def is_encrypted(value) -> bool:
	return isinstance(value, str) and value.startswith(PREFIX)


def wrap(token: str) -> str:
	"""The stored form of a ciphertext token."""
	return PREFIX + token


def unwrap(value: str) -> str:
	return value[len(PREFIX) :]


def too_long(value, limit: int = PLAIN_MAX_LENGTH) -> bool:
	"""Whether the plaintext of an encrypted Data/Select field is over its limit (ciphertext never is)."""
	return isinstance(value, str) and not is_encrypted(value) and len(value) > limit


def index_key(site_key: str) -> bytes:
	"""The blind-index key, derived from the site key so that no second secret must be kept, and
	different from it so that an index never helps to decrypt."""
	return hmac.new(site_key.encode(), _INDEX_CONTEXT, hashlib.sha256).digest()


def blind_indexes(key: bytes, nik=None, phone=None, email=None) -> dict[str, str]:
	"""{basis: HMAC-SHA256 hex} of the normalised NIK, phone (+62...) and email that are present.

	Equal values give equal indexes, so an exact lookup works on the index alone; without the key an
	index reveals nothing, not even for the small space of phone numbers."""
	return {
		basis: hmac.new(key, f"{basis}:{value}".encode(), hashlib.sha256).hexdigest()
		for basis, value in identity_keys(nik, phone, email).items()
	}


def retention_cutoff(today: date, years: int) -> date:
	"""Cases closed on or before this date are past their retention."""
	try:
		return today.replace(year=today.year - years)
	except ValueError:  # 29 February
		return today.replace(year=today.year - years, day=28)


def past_retention(closed_on: date | None, today: date, years: int) -> bool:
	return closed_on is not None and years > 0 and closed_on <= retention_cutoff(today, years)


def over_daily_limit(submissions_today: int, limit: int) -> bool:
	"""Whether one more submission by the same reporter today exceeds the limit (0 = no limit)."""
	return limit > 0 and submissions_today >= limit
