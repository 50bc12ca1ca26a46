"""When a new complaint is possibly the same as another one (README "Jalur pengaduan").

A possible duplicate is flagged, never refused: the officer decides (Gabungkan or Bukan duplikat).
Two complaints match when, and only when, the other one is open or was received within the window
(default 30 days) of this one, and
- the same reporter: exact NIK, phone or email after normalisation (kpu_dumas.core.identity), or
- a close subject: RapidFuzz's token-sort ratio (https://github.com/rapidfuzz/RapidFuzz, the library
  ERPNext already depends on) of the normalised subjects, 0-100, at or above the threshold (default
  85). Word order and common filler words ("pengaduan", "tentang", ...) do not count; a subject of
  fewer than two meaningful words never matches on similarity alone.

The same SP4N-LAPOR! ticket is not a possible duplicate: it is the same report, and a second complaint
with it is refused when it is recorded (kpu_dumas.core.lapor, kpu_dumas.lapor).

Frappe-free: the Frappe side (kpu_dumas.duplicates) fetches the rows and hides identity matches from
roles that may not see identities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz

from kpu_dumas.core.identity import normalize_nik, normalize_phone

DEFAULT_WINDOW_DAYS = 30
DEFAULT_THRESHOLD = 85
MIN_WORDS = 2

# Basis of a match, as the officer reads it.
SAME_NIK = "NIK sama"
SAME_PHONE = "Nomor telepon sama"
SAME_EMAIL = "Email sama"
SIMILAR_SUBJECT = "Perihal mirip"
IDENTITY_BASES = frozenset({SAME_NIK, SAME_PHONE, SAME_EMAIL})

# Words that say nothing about what a complaint is about.
FILLER_WORDS = frozenset(
	"""
	pengaduan aduan laporan keluhan mohon tolong terkait tentang mengenai perihal atas soal masalah
	yang dan di ke dari pada untuk dengan oleh dalam atau ini itu tersebut ada tidak belum sudah
	saya kami kita bapak ibu kpu
	""".split()
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def identity_keys(nik=None, phone=None, email=None) -> dict[str, str]:
	"""{basis: normalised value} for the identity values present; phones compared as +62..."""
	keys = {}
	if n := normalize_nik(nik):
		keys[SAME_NIK] = n
	if p := normalize_phone(phone):
		keys[SAME_PHONE] = "+62" + p[1:] if p.startswith("0") else p
	if e := str(email or "").strip().lower():
		keys[SAME_EMAIL] = e
	return keys


def subject_words(subject) -> list[str]:
	"""The meaningful words of a subject, lower case, without punctuation or filler words."""
	words = _NON_WORD.sub(" ", str(subject or "").lower()).split()
	return [w for w in words if w not in FILLER_WORDS]


def subject_similarity(a, b) -> int:
	"""0-100: how alike two subjects are, ignoring word order, case, punctuation and filler words.
	0 when either has fewer than MIN_WORDS meaningful words."""
	wa, wb = subject_words(a), subject_words(b)
	if len(wa) < MIN_WORDS or len(wb) < MIN_WORDS:
		return 0
	return round(fuzz.token_sort_ratio(" ".join(wa), " ".join(wb)))


def in_window(received: datetime, other_received: datetime, other_open: bool, days: int) -> bool:
	"""The other complaint counts when it is still open or was received within `days` of this one."""
	return other_open or abs(received - other_received) <= timedelta(days=days)


@dataclass(frozen=True)
class Case:
	"""What the rules compare. `identity` from identity_keys."""

	name: str
	received: datetime
	subject: str = ""
	identity: Mapping[str, str] | None = None
	open: bool = True


@dataclass(frozen=True)
class Match:
	name: str
	bases: tuple[str, ...]  # SAME_NIK/PHONE/EMAIL, then SIMILAR_SUBJECT
	similarity: int  # the subject similarity, 0-100

	@property
	def by_identity(self) -> bool:
		return bool(IDENTITY_BASES.intersection(self.bases))

	def without_identity(self) -> Match | None:
		"""The match as someone who may not know the reporter sees it; None when identity was all of it."""
		bases = tuple(b for b in self.bases if b not in IDENTITY_BASES)
		return Match(self.name, bases, self.similarity) if bases else None


def match(
	case: Case,
	other: Case,
	window_days: int = DEFAULT_WINDOW_DAYS,
	threshold: int = DEFAULT_THRESHOLD,
) -> Match | None:
	"""Why `other` may be the same complaint as `case`; None when it may not."""
	if other.name == case.name or not in_window(case.received, other.received, other.open, window_days):
		return None
	bases = [
		basis
		for basis, value in (case.identity or {}).items()
		if value and (other.identity or {}).get(basis) == value
	]
	similarity = subject_similarity(case.subject, other.subject)
	if similarity >= threshold:
		bases.append(SIMILAR_SUBJECT)
	return Match(other.name, tuple(bases), similarity) if bases else None


def matches(
	case: Case,
	others: Iterable[Case],
	window_days: int = DEFAULT_WINDOW_DAYS,
	threshold: int = DEFAULT_THRESHOLD,
) -> list[Match]:
	"""Every possible duplicate of `case` among `others`: identity matches first, then by
	subject similarity, then by name."""
	found = [m for other in others if (m := match(case, other, window_days, threshold))]
	return sorted(
		found, key=lambda m: (SIMILAR_SUBJECT in m.bases and len(m.bases) == 1, -m.similarity, m.name)
	)
