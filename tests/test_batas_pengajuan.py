"""The per-reporter and site-wide guest limits on portal submissions (pure decisions)."""

from kpu_dumas.core.batas_pengajuan import minute_bucket, over_guest_cap
from kpu_dumas.core.kerahasiaan import (
	DEFAULT_DAILY_LIMIT,
	DEFAULT_GUEST_CAP_PER_MINUTE,
	blind_indexes,
	over_daily_limit,
)


def test_the_daily_limit_lets_exactly_limit_submissions_through():
	accepted = [n for n in range(12) if not over_daily_limit(n, 5)]
	assert accepted == [0, 1, 2, 3, 4]
	assert not over_daily_limit(1000, 0)  # 0 = no limit
	assert DEFAULT_DAILY_LIMIT == 5


def test_the_guest_cap_counts_this_submission_too():
	# The counter is incremented first, so the 60th submission of the minute passes and the 61st not.
	assert not over_guest_cap(60, 60)
	assert over_guest_cap(61, 60)
	assert not over_guest_cap(10_000, 0)
	assert DEFAULT_GUEST_CAP_PER_MINUTE == 60


def test_one_counter_per_clock_minute():
	assert minute_bucket(120.0) == minute_bucket(179.99) == 2
	assert minute_bucket(180.0) == 3


def test_a_reporter_is_the_same_whatever_the_spelling_of_phone_and_email():
	key = b"k" * 32
	a = blind_indexes(key, "7503015408920004", "0813-9876-5432", "Wahyuni@Contoh.id ")
	b = blind_indexes(key, "7503015408920004", "+6281398765432", "wahyuni@contoh.id")
	assert a == b
	assert blind_indexes(b"x" * 32, "7503015408920004") != blind_indexes(key, "7503015408920004")
