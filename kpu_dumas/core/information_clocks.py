"""The clocks of public information service (UU 14/2008 KIP), all in working days (hari kerja).

| clock                                    | default | source                 |
|------------------------------------------|---------|------------------------|
| written notice on a request              | 10      | UU 14/2008 Ps 22(7)    |
| extension, with written reasons          | +7      | UU 14/2008 Ps 22(8)    |
| file an objection after its cause        | 30      | UU 14/2008 Ps 35-36(1) |
| Atasan PPID answers an objection         | 30      | UU 14/2008 Ps 36(2)    |
| go to the Komisi Informasi after answer  | 14      | UU 14/2008 Ps 37(2)    |

During a dated "masa tahapan pemilu", requests for election information run on the shorter clocks of
Perki 1/2019 (3 days, +2 extension, objection answered in 3 days). Every number is editable; the
defaults come from the law.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from kpu_dumas.core.calendar import WorkingCalendar


@dataclass(frozen=True)
class InformationClocks:
	notice_days: int = 10
	extension_days: int = 7
	objection_filing_days: int = 30
	objection_answer_days: int = 30
	komisi_informasi_days: int = 14


@dataclass(frozen=True)
class ElectionRegime:
	"""The election-stage regime: switchable, dated, with its own (editable) numbers."""

	active: bool
	start: datetime.date | None
	end: datetime.date | None
	notice_days: int = 3
	extension_days: int = 2
	objection_answer_days: int = 3

	def applies_on(self, day: datetime.date) -> bool:
		if not self.active or not self.start or not self.end:
			return False
		return self.start <= day <= self.end


def clocks_for(
	received: datetime.date,
	is_election_information: bool,
	regime: ElectionRegime | None,
	base: InformationClocks = InformationClocks(),
) -> InformationClocks:
	"""The clocks that govern a request received on `received`."""
	if is_election_information and regime and regime.applies_on(received):
		return replace(
			base,
			notice_days=regime.notice_days,
			extension_days=regime.extension_days,
			objection_answer_days=regime.objection_answer_days,
		)
	return base


def notice_due(calendar: WorkingCalendar, registered: datetime.datetime, clocks: InformationClocks):
	"""Close of the last working day on which the written notice may be given."""
	return calendar.add_working_days(registered, clocks.notice_days)


def extended_due(calendar: WorkingCalendar, original_due: datetime.datetime, clocks: InformationClocks):
	"""An extension adds working days after the original deadline."""
	return calendar.add_working_days(original_due, clocks.extension_days)


def objection_deadline(calendar: WorkingCalendar, cause: datetime.datetime, clocks: InformationClocks):
	"""Last moment to file an objection against what happened at `cause`."""
	return calendar.add_working_days(cause, clocks.objection_filing_days)


def objection_in_time(
	calendar: WorkingCalendar, cause: datetime.datetime, filed: datetime.datetime, clocks: InformationClocks
) -> bool:
	return filed <= objection_deadline(calendar, cause, clocks)


def objection_answer_due(calendar: WorkingCalendar, filed: datetime.datetime, clocks: InformationClocks):
	return calendar.add_working_days(filed, clocks.objection_answer_days)


def komisi_informasi_deadline(
	calendar: WorkingCalendar, answered: datetime.datetime, clocks: InformationClocks
):
	"""Last day to take the dispute to the Komisi Informasi after the Atasan PPID's answer."""
	return calendar.add_working_days(answered, clocks.komisi_informasi_days)
