"""Limits on portal submissions that a client cannot dodge by changing its X-Forwarded-For header.

Three limits stand before anything is written:
- per client (frappe.rate_limiter on each endpoint: 10 a minute per address, as the proxy reports it);
- per reporter: submissions a day with the same NIK, phone or email (Pengaturan Kantor.
  batas_pengajuan_harian), counted over the blind indexes (kpu_dumas.kerahasiaan.INDEXED), never over
  the plaintext, so changing address does not help. Saved records are counted in the database; and
  since a burst of simultaneous requests is checked before any of them has committed, each accepted
  submission also takes one of the day's slots per blind index from an atomic counter in the cache
  (given back if its transaction rolls back). Either count at the limit refuses;
- site-wide for guests: submissions a minute by all guests together (batas_pengajuan_tamu_per_menit),
  a counter in the cache per minute.
Each answers HTTP 429 with an Indonesian message; nothing is written before the checks pass.
"""

from __future__ import annotations

import time
from datetime import datetime
from datetime import time as day_start

import frappe
from frappe import _

from kpu_dumas import clock, kerahasiaan, pengaturan
from kpu_dumas.core import batas_pengajuan as rules
from kpu_dumas.core import kerahasiaan as core

GUEST_COUNTER = "kpu_dumas:pengajuan_tamu"
REPORTER_COUNTER = "kpu_dumas:pengajuan_pelapor"


def daily_limit() -> int:
	return int(pengaturan.get("batas_pengajuan_harian", core.DEFAULT_DAILY_LIMIT))


def guest_cap() -> int:
	return int(pengaturan.get("batas_pengajuan_tamu_per_menit", core.DEFAULT_GUEST_CAP_PER_MINUTE))


def start_of_office_day() -> datetime:
	"""The office's midnight today, as the site's (system-zone) datetime that `creation` holds."""
	cal = clock.get_calendar()
	return clock.to_system(datetime.combine(clock.office_today(), day_start.min), cal)


def submissions_today(doctype: str, indexes: dict[str, str]) -> int:
	"""Records of `doctype` created since the office's midnight with one of the reporter's blind
	`indexes` (kerahasiaan.blind_indexes): one query over the blind-index columns."""
	columns = kerahasiaan.INDEXED[doctype]
	meta = frappe.get_meta(doctype)
	or_filters = {columns[b]: v for b, v in indexes.items() if meta.has_field(columns[b])}
	if not or_filters:
		return 0
	return len(
		frappe.get_all(
			doctype,
			filters={"creation": (">=", start_of_office_day())},
			or_filters=or_filters,
			pluck="name",
		)
	)


def check_reporter(doctype: str, kind: str, nik=None, phone=None, email=None) -> None:
	"""Refuse (429) one more submission today by a reporter who reached the daily limit.

	`doctype` is where the portal stores the identity (Identitas Pelapor, Permohonan Informasi);
	`kind` names the submission in the message ("pengaduan", "permohonan informasi")."""
	limit = daily_limit()
	if not limit:
		return
	indexes = kerahasiaan.blind_indexes(nik, phone, email)
	if core.over_daily_limit(submissions_today(doctype, indexes), limit) or not _take_slot(
		doctype, indexes, limit
	):
		frappe.throw(
			_(
				"Batas pengajuan per pelapor tercapai: paling banyak {0} {1} sehari dengan NIK, nomor "
				"telepon atau email yang sama. Silakan kirim lagi besok, atau sampaikan langsung ke kantor "
				"KPU bila mendesak."
			).format(limit, _(kind)),
			frappe.RateLimitExceededError,
			title=_("Terlalu Banyak Pengajuan"),
		)


def _take_slot(doctype: str, indexes: dict[str, str], limit: int) -> bool:
	"""Take one of today's `limit` slots on each of the reporter's blind indexes (INCR is atomic, so
	simultaneous requests get different counts); False, taking nothing, if one has none left.
	The slots go back if this request's transaction is rolled back (refused later, or failed)."""
	day = clock.office_today().isoformat()
	taken = []

	def give_back():
		for key in taken:
			frappe.cache.decrby(key, 1)
		taken.clear()

	for index in indexes.values():
		key = frappe.cache.make_key(f"{REPORTER_COUNTER}:{doctype}:{day}:{index}")
		count = _count(key, expires_in=2 * 24 * 3600)
		taken.append(key)
		if core.over_daily_limit(count - 1, limit):
			give_back()
			return False
	frappe.db.after_rollback.add(give_back)
	return True


def _count(key: bytes, expires_in: int) -> int:
	"""Add one to a cache counter (atomic INCR) and return it; a new counter expires after
	`expires_in` seconds."""
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, expires_in)
	return count


def check_guest_cap() -> None:
	"""Count this guest submission in the current minute's counter and refuse (429) it above the cap.
	Logged-in website users are not counted (the per-client and per-reporter limits hold for them)."""
	if frappe.session.user != "Guest":
		return
	cap = guest_cap()
	if not cap:
		return
	count = _count(frappe.cache.make_key(f"{GUEST_COUNTER}:{rules.minute_bucket(time.time())}"), 120)
	if rules.over_guest_cap(count, cap):
		frappe.throw(
			_(
				"Portal sedang menerima terlalu banyak pengajuan dalam satu menit (batas {0} per menit). "
				"Data Anda belum tersimpan; silakan kirim ulang formulir ini satu atau dua menit lagi."
			).format(cap),
			frappe.RateLimitExceededError,
			title=_("Portal Sedang Sibuk"),
		)


def reset_guest_counter() -> None:
	"""Drop the current minute's guest counter (tests)."""
	frappe.cache.delete(frappe.cache.make_key(f"{GUEST_COUNTER}:{rules.minute_bucket(time.time())}"))


def reset_reporter_counters() -> None:
	"""Drop every reporter's counters (tests)."""
	frappe.cache.delete_keys(REPORTER_COUNTER)
