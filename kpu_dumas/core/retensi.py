"""When a complaint was closed, for the retention of its reporter's identity (UU 27/2022 Pasal 43).

A complaint is closed when it rests in one of complaint_rules.FINAL_STATES; its closing day is the
office day it entered that state (the open row of its stage history). A complaint taken in from a
register book has no stage history: its closing day is the latest day the register recorded (the
response delivered, the response letter, the forward, at the least the day it was received).

A merged complaint (Digabungkan) is handled in its main case, and its reporter follows that case on
/lacak: it counts as closed only when the main case is, on the later of the two days.

Past retention (core.kerahasiaan.past_retention): closed on or before today minus the setting's years.
"""

from __future__ import annotations

from datetime import date

from kpu_dumas.core import complaint_rules as rules


def closed_on(state: str | None, entered_final: date | None, recorded: tuple = ()) -> date | None:
	"""The office day a complaint in `state` was closed, None if it is not closed.

	`entered_final`: the day it entered its current state (stage history); `recorded`: the register's
	days, used when there is no stage history (an imported case)."""
	if state not in rules.FINAL_STATES:
		return None
	if entered_final is not None:
		return entered_final
	days = [d for d in recorded if d is not None]
	return max(days) if days else None


def merged_closed_on(own: date | None, main: date | None) -> date | None:
	"""A merged complaint is closed when its main case is closed, on the later of the two days."""
	if own is None or main is None:
		return None
	return max(own, main)
