"""Recaps of public information service (UU 14/2008, Perki 1/2021), over plain rows (no Frappe).

The PPID reports (Register Permohonan Informasi, Laporan Layanan Informasi Publik) fetch one row per
request and per objection; the counting, the working days to the written notice and the lateness live
here, so the tier-1 tests cover what the Desk and the Excel export show.

Working days are counted the way UU 14/2008 Pasal 22 counts them: the day of receipt is day 0, and a
notice given n working days later took n days (calendar.add_working_days(receipt, n) falls on that day).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kpu_dumas.core import information_rules as rules
from kpu_dumas.core.recap import EMPTY_VALUE, month_key

DECISIONS = (
	rules.GRANTED_IN_FULL,
	rules.GRANTED_IN_PART,
	rules.REFUSED,
	rules.NOT_HELD,
	rules.NOT_YET_DOCUMENTED,
)
EXEMPTIONS = tuple(f"Pasal 17 huruf {letter}" for letter in "abcdefghij")

# Status of the information (Perki 1/2021 register): held, not held, not yet documented.
HELD = "Dikuasai"
NOT_HELD = "Tidak Dikuasai"
NOT_YET_DOCUMENTED = "Belum Didokumentasikan"

# The Atasan PPID's decision on an objection, and the requester's answer to it.
OBJECTION_ACCEPTED = "Keberatan Diterima"
OBJECTION_REFUSED = "Keberatan Ditolak"
OBJECTION_PENDING = "Belum Ditanggapi"
OBJECTION_OUTCOMES = (OBJECTION_ACCEPTED, OBJECTION_REFUSED, OBJECTION_PENDING)
TO_KOMISI_INFORMASI = "Tidak Menerima (ke Komisi Informasi)"

YES = "Ya"
NO = "Tidak"


def information_status(keputusan: str | None) -> str:
	"""Whether the office holds the information, from the decision; '' while undecided."""
	if not keputusan:
		return ""
	if keputusan == rules.NOT_HELD:
		return NOT_HELD
	if keputusan == rules.NOT_YET_DOCUMENTED:
		return NOT_YET_DOCUMENTED
	return HELD


def working_days_between(calendar, start: datetime.date | None, end: datetime.date | None) -> int | None:
	"""Working days after `start` up to and including `end` on `calendar` (anything with
	is_working_day(date)); None when either date is missing, 0 on the same day or before."""
	if start is None or end is None:
		return None
	if isinstance(start, datetime.datetime):
		start = start.date()
	if isinstance(end, datetime.datetime):
		end = end.date()
	days = 0
	day = start + datetime.timedelta(days=1)
	while day <= end:
		if calendar.is_working_day(day):
			days += 1
		day += datetime.timedelta(days=1)
	return days


def notice_late(
	deadline_day: datetime.date | None, notice_day: datetime.date | None, today: datetime.date
) -> bool:
	"""The written notice came (or is still to come) after the last day allowed for it.

	`deadline_day` is the office date of the deadline in force (after an extension, the extended one).
	A request still without a notice is late once the office's day is past that date.
	"""
	if deadline_day is None:
		return False
	return (notice_day or today) > deadline_day


def average(total: float, count: int) -> float | None:
	return round(total / count, 1) if count else None


@dataclass
class InformationMonth:
	bulan: str  # 'YYYY-MM'; '' for the total row
	permohonan: int = 0
	keputusan: Counter = field(default_factory=Counter)
	pengecualian: Counter = field(default_factory=Counter)  # refusals per Pasal 17 letter
	kanal: Counter = field(default_factory=Counter)  # requests per channel (WhatsApp/SMS apart)
	jenis: Counter = field(default_factory=Counter)  # requests per kind of information (Jenis Informasi)
	dalam_proses: int = 0
	perpanjangan: int = 0
	terlambat: int = 0
	hari_kerja_total: int = 0
	hari_kerja_jumlah: int = 0  # requests with a written notice (the average's divisor)
	keberatan: int = 0
	hasil_keberatan: Counter = field(default_factory=Counter)
	ke_komisi_informasi: int = 0

	@property
	def rata_hari_kerja(self) -> float | None:
		return average(self.hari_kerja_total, self.hari_kerja_jumlah)

	def add_request(self, row: Mapping):
		self.permohonan += 1
		self.kanal[row.get("kanal") or EMPTY_VALUE] += 1
		self.jenis[row.get("jenis_informasi") or EMPTY_VALUE] += 1
		decision = row.get("keputusan")
		if decision:
			self.keputusan[decision] += 1
			if decision == rules.REFUSED:
				self.pengecualian[row.get("pasal_pengecualian") or EMPTY_VALUE] += 1
		else:
			self.dalam_proses += 1
		if row.get("diperpanjang"):
			self.perpanjangan += 1
		if row.get("terlambat"):
			self.terlambat += 1
		days = row.get("hari_kerja")
		if days is not None:
			self.hari_kerja_total += int(days)
			self.hari_kerja_jumlah += 1

	def add_objection(self, row: Mapping):
		self.keberatan += 1
		self.hasil_keberatan[row.get("keputusan_atasan") or OBJECTION_PENDING] += 1
		if row.get("tanggapan_pemohon") == TO_KOMISI_INFORMASI:
			self.ke_komisi_informasi += 1


@dataclass
class InformationRecap:
	months: list[InformationMonth]
	total: InformationMonth
	exemptions: list[str]  # the Pasal 17 letters refusals cited, in the order of the law
	channels: list[str] = field(default_factory=list)  # the channels to count, in the register's order
	kinds: list[str] = field(default_factory=list)  # the kinds of information to count, in the list's order

	def summary(self) -> dict:
		t = self.total
		return {
			"permohonan": t.permohonan,
			"dikabulkan": t.keputusan[rules.GRANTED_IN_FULL] + t.keputusan[rules.GRANTED_IN_PART],
			"ditolak": t.keputusan[rules.REFUSED],
			"dalam_proses": t.dalam_proses,
			"rata_hari_kerja": t.rata_hari_kerja,
			"terlambat": t.terlambat,
			"keberatan": t.keberatan,
		}


def _month_of(row: Mapping) -> str:
	return month_key(row["bulan"] if row.get("bulan") else row["tanggal"])


def _with_seen(shown: Iterable[str], seen: Counter) -> list[str]:
	"""`shown` in its order, then any other value the rows carried ('(tidak diisi)' last)."""
	ordered = list(dict.fromkeys(shown))
	extra = sorted((v for v in seen if v not in ordered and v != EMPTY_VALUE), key=str.lower)
	return ordered + extra + ([EMPTY_VALUE] if seen.get(EMPTY_VALUE) else [])


def information_recap(
	requests: Iterable[Mapping],
	objections: Iterable[Mapping] = (),
	months: Iterable[str] = (),
	channels: Iterable[str] = (),
	kinds: Iterable[str] = (),
) -> InformationRecap:
	"""Requests and objections per month, with the period's total.

	A request row has `bulan` (or `tanggal`), `keputusan` (blank while in process), `pasal_pengecualian`,
	`hari_kerja` (working days to the written notice, None without one), `diperpanjang` and `terlambat`.
	An objection row has `bulan` (or `tanggal`), `keputusan_atasan` and `tanggapan_pemohon`.
	`months` lists months to show even when empty; `channels` and `kinds` the channels and kinds of
	information to count even when none came (a request row's `kanal` and `jenis_informasi`). A value not
	listed that a row carries is counted too, after them.
	"""
	by_month: dict[str, InformationMonth] = {key: InformationMonth(key) for key in months}
	total = InformationMonth("")
	for row in requests:
		key = _month_of(row)
		by_month.setdefault(key, InformationMonth(key)).add_request(row)
		total.add_request(row)
	for row in objections:
		key = _month_of(row)
		by_month.setdefault(key, InformationMonth(key)).add_objection(row)
		total.add_objection(row)
	rank = {name: i for i, name in enumerate(EXEMPTIONS)}
	exemptions = sorted(total.pengecualian, key=lambda e: (rank.get(e, len(rank)), e))
	return InformationRecap(
		months=[by_month[k] for k in sorted(by_month)],
		total=total,
		exemptions=exemptions,
		channels=_with_seen(channels, total.kanal),
		kinds=_with_seen(kinds, total.jenis),
	)
