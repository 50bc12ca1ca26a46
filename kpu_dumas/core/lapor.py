"""The SP4N-LAPOR! clocks of a complaint that came through LAPOR!, all in working days (hari kerja).

| clock                                                              | default | source              |
|--------------------------------------------------------------------|---------|---------------------|
| the report is verified and forwarded, from when it came            | 3       | ketentuan SP4N-LAPOR! |
| the agency coordinates and posts its follow-up (tindak lanjut)      | 5       | ketentuan SP4N-LAPOR! |
| the report closes after the follow-up without a reply              | 10      | ketentuan SP4N-LAPOR! |

The figures are those of the LAPOR! workflow (lapor.go.id, "Tentang LAPOR!" and the app's own
description); SP4N itself rests on Permenpan RB No. 62 Tahun 2018. Every number is editable in
Pengaturan Kantor. A reply from the reporter or the LAPOR! admin after the follow-up suspends the
closing clock until the office posts a new follow-up, from which the 10 days run again.

A LAPOR! tracking ID is one report: two live complaints never hold the same ticket (`ticket_key`
compares them). A cancelled complaint gives its ticket up; a complaint merged into another keeps it,
and the main case it was merged into may take it over.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from kpu_dumas.core.calendar import WorkingCalendar
from kpu_dumas.core.dates import format_datetime

CHANNEL = "SP4N-LAPOR!"
# Who may reply on LAPOR! to the office's follow-up.
REPLY_FROM = ("Pelapor", "Admin SP4N-LAPOR!")
# States in which a complaint no longer holds its ticket: recorded in error.
RELEASED_STATES = frozenset({"Dibatalkan"})

Formatter = Callable[[datetime.datetime], str]


@dataclass(frozen=True)
class LaporClocks:
	forward_days: int = 3
	follow_up_days: int = 5
	closing_days: int = 10


def ticket_key(ticket) -> str:
	"""An SP4N-LAPOR! ticket number as compared: upper case, without spaces or '#'."""
	return re.sub(r"[\s#]+", "", str(ticket or "")).upper()


def forward_due(calendar: WorkingCalendar, came: datetime.datetime, clocks: LaporClocks):
	"""Close of the last working day by which the report is verified and forwarded."""
	return calendar.add_working_days(came, clocks.forward_days)


def follow_up_due(calendar: WorkingCalendar, came: datetime.datetime, clocks: LaporClocks):
	"""Close of the last working day by which the follow-up must be posted on LAPOR!."""
	return calendar.add_working_days(came, clocks.follow_up_days)


def closing_due(calendar: WorkingCalendar, follow_up_at: datetime.datetime, clocks: LaporClocks):
	"""From when a report whose follow-up got no reply counts as finished on LAPOR!."""
	return calendar.add_working_days(follow_up_at, clocks.closing_days)


def follow_up_late(
	due: datetime.datetime | None, posted: datetime.datetime | None, now: datetime.datetime
) -> bool:
	"""The follow-up missed its deadline: posted after it, or not posted and the deadline has passed."""
	if due is None:
		return False
	return (posted or now) > due


def reply_pending(last_follow_up: datetime.datetime | None, reply: datetime.datetime | None) -> bool:
	"""A reply came after the latest follow-up: the office must answer it before the report can close."""
	return bool(reply and (last_follow_up is None or reply >= last_follow_up))


def came_errors(
	came: datetime.datetime | None,
	received: datetime.datetime | None,
	now: datetime.datetime,
	fmt: Formatter = format_datetime,
) -> list[str]:
	"""Why the moment the case came from LAPOR! cannot be right."""
	if not came:
		return []
	if came > now:
		return [
			f"Tanggal dari SP4N-LAPOR! ({fmt(came)}) berada di masa depan. Isi saat laporan diteruskan "
			"kepada kantor ini melalui SP4N-LAPOR!."
		]
	if received and came > received:
		return [
			f"Tanggal dari SP4N-LAPOR! ({fmt(came)}) tidak boleh setelah waktu pengaduan diterima "
			f"({fmt(received)}): laporan sampai dari SP4N-LAPOR! sebelum atau saat dicatat di sini."
		]
	return []


def closing_errors(
	*,
	channel: str | None,
	follow_up_at: datetime.datetime | None,
	last_follow_up: datetime.datetime | None,
	reply_at: datetime.datetime | None,
	closing_at: datetime.datetime | None,
	now: datetime.datetime,
	closing_days: int,
	fmt: Formatter = format_datetime,
) -> list[str]:
	"""Why the complaint may not be closed as finished on SP4N-LAPOR! now; empty when it may."""
	if channel != CHANNEL:
		return ["Selesai di SP4N-LAPOR! hanya untuk pengaduan dari kanal SP4N-LAPOR!."]
	if not follow_up_at:
		return [
			"Belum ada tindak lanjut yang dicatat diunggah ke SP4N-LAPOR!. Catat dahulu tindak lanjutnya "
			f"(SP4N-LAPOR! › Catat Tindak Lanjut); laporan selesai {closing_days} hari kerja sesudahnya "
			"bila tidak ada balasan."
		]
	if reply_pending(last_follow_up or follow_up_at, reply_at):
		return [
			f"Ada balasan atas tindak lanjut pada {fmt(reply_at)}. Jawab balasan itu dengan tindak lanjut "
			f"baru; {closing_days} hari kerja dihitung lagi sejak tindak lanjut itu."
		]
	if closing_at and now < closing_at:
		return [
			f"Laporan SP4N-LAPOR! baru dapat dinyatakan selesai mulai {fmt(closing_at)}, {closing_days} "
			f"hari kerja setelah tindak lanjut {fmt(last_follow_up or follow_up_at)} tanpa balasan dari "
			"pelapor atau admin SP4N-LAPOR!. Bila ada balasan sebelum itu, catat balasannya."
		]
	return []


def ticket_conflict(holder_state: str | None, holder_merged_into: str | None, this_name: str | None) -> bool:
	"""Whether a complaint holding the same ticket stops this one from holding it.

	Not when the holder was cancelled (recorded in error) or was merged into this very complaint, which
	then answers that report."""
	if holder_state in RELEASED_STATES:
		return False
	return not (this_name and holder_merged_into == this_name)
