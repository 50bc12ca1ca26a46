"""Information-service clocks on the office calendar, with the numbers from Pengaturan Kantor.

Thin wrapper over kpu_dumas.core.information_clocks: reads the legal day counts and the election-stage
regime from the settings, converts system-zone datetimes to the office zone and back.
"""

from __future__ import annotations

from datetime import date, datetime

import frappe
from frappe.utils import get_datetime, getdate

from kpu_dumas import clock
from kpu_dumas.core import information_clocks as ic

SETTINGS = "Pengaturan Kantor"


def regime() -> ic.ElectionRegime:
	s = frappe.get_cached_doc(SETTINGS)
	return ic.ElectionRegime(
		active=bool(s.pemilu_aktif),
		start=getdate(s.pemilu_mulai) if s.pemilu_mulai else None,
		end=getdate(s.pemilu_selesai) if s.pemilu_selesai else None,
		notice_days=s.pemilu_pemberitahuan_hari or 3,
		extension_days=s.pemilu_perpanjangan_hari or 2,
		objection_answer_days=s.pemilu_tanggapan_keberatan_hari or 3,
	)


def base_clocks() -> ic.InformationClocks:
	s = frappe.get_cached_doc(SETTINGS)
	default = ic.InformationClocks()
	return ic.InformationClocks(
		notice_days=s.kip_pemberitahuan_hari or default.notice_days,
		extension_days=s.kip_perpanjangan_hari or default.extension_days,
		objection_filing_days=s.kip_pengajuan_keberatan_hari or default.objection_filing_days,
		objection_answer_days=s.kip_tanggapan_keberatan_hari or default.objection_answer_days,
		komisi_informasi_days=s.kip_komisi_informasi_hari or default.komisi_informasi_days,
	)


def clocks_for(received: date, is_election_information: bool) -> tuple[ic.InformationClocks, bool]:
	"""The clocks for a request received on `received`, and whether the election regime applies."""
	current = regime()
	applies = bool(is_election_information) and current.applies_on(received)
	return ic.clocks_for(received, bool(is_election_information), current, base_clocks()), applies


def on_office_calendar(fn, at, clocks: ic.InformationClocks) -> datetime:
	"""Run a core clock function on the office calendar; `at` and the result are in system time."""
	cal = clock.get_calendar()
	return clock.to_system(fn(cal, clock.to_office(get_datetime(at), cal), clocks), cal)


def objection_in_time(cause_day: date, filed_at, clocks: ic.InformationClocks) -> tuple[bool, datetime]:
	"""Whether an objection filed at `filed_at` is within the window opened on `cause_day`, and the deadline."""
	cal = clock.get_calendar()
	# The cause day is a day at the office: count from it in the office zone, not via system time.
	office_deadline = ic.objection_deadline(
		cal, datetime.combine(getdate(cause_day), datetime.min.time()), clocks
	)
	deadline = clock.to_system(office_deadline, cal)
	return get_datetime(filed_at) <= deadline, deadline
