"""The site-wide guest cap on portal submissions (pure decisions; the per-reporter one is
core.kerahasiaan.over_daily_limit, as it counts over the blind indexes)."""

from __future__ import annotations


def over_guest_cap(submissions_this_minute: int, cap: int) -> bool:
	"""Whether the guests' submissions counted this minute (this one included) exceed the cap (0 = none)."""
	return cap > 0 and submissions_this_minute > cap


def minute_bucket(epoch_seconds: float) -> int:
	"""The minute a moment falls in: the guest counter's key, one counter per clock minute."""
	return int(epoch_seconds // 60)
