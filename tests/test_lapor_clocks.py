"""The SP4N-LAPOR! clocks and rules (kpu_dumas.core.lapor) on the Pohuwato calendar with national holidays."""

from datetime import datetime

import pytest

from kpu_dumas.core import lapor

CLOCKS = lapor.LaporClocks()
# Tuesday 12 May 2026; Thu 14 May is Kenaikan Yesus Kristus and Fri 15 May its cuti bersama.
CAME = datetime(2026, 5, 12, 10, 0)


def test_defaults_are_the_lapor_figures():
	assert (CLOCKS.forward_days, CLOCKS.follow_up_days, CLOCKS.closing_days) == (3, 5, 10)


def test_forward_and_follow_up_skip_weekend_and_holidays(pohuwato):
	# Wed 13 (1), Thu 14 and Fri 15 holidays, weekend, Mon 18 (2), Tue 19 (3)
	assert lapor.forward_due(pohuwato, CAME, CLOCKS) == datetime(2026, 5, 19, 16, 0)
	# ... Wed 20 (4), Thu 21 (5)
	assert lapor.follow_up_due(pohuwato, CAME, CLOCKS) == datetime(2026, 5, 21, 16, 0)


def test_closing_counts_ten_working_days_after_the_follow_up(pohuwato):
	# Fri 22, Mon 25, Tue 26, (Idul Adha 27, cuti 28), Fri 29, (Pancasila Mon 1 Jun), 2, 3, 4, 5, 8, 9 Jun
	posted = datetime(2026, 5, 21, 10, 0)
	assert lapor.closing_due(pohuwato, posted, CLOCKS) == datetime(2026, 6, 9, 16, 0)


def test_edited_numbers_are_used(pohuwato):
	clocks = lapor.LaporClocks(forward_days=1, follow_up_days=2, closing_days=1)
	assert lapor.forward_due(pohuwato, CAME, clocks) == datetime(2026, 5, 13, 16, 0)
	assert lapor.follow_up_due(pohuwato, CAME, clocks) == datetime(2026, 5, 18, 16, 0)


def test_follow_up_late_only_after_its_deadline():
	due = datetime(2026, 5, 21, 16, 0)
	assert not lapor.follow_up_late(due, None, datetime(2026, 5, 21, 15, 59))
	assert lapor.follow_up_late(due, None, datetime(2026, 5, 21, 16, 1))
	assert not lapor.follow_up_late(due, datetime(2026, 5, 21, 9, 0), datetime(2026, 6, 30))
	assert lapor.follow_up_late(due, datetime(2026, 5, 22, 9, 0), datetime(2026, 5, 22, 9, 0))
	assert not lapor.follow_up_late(None, None, datetime(2030, 1, 1))


@pytest.mark.parametrize(
	"ticket, key",
	[
		("LAPOR-2026-77", "LAPOR-2026-77"),
		(" lapor - 2026 - 77 ", "LAPOR-2026-77"),
		("#2026 lapor 118", "2026LAPOR118"),
	],
)
def test_ticket_key_ignores_case_spaces_and_hash(ticket, key):
	assert lapor.ticket_key(ticket) == key


def test_ticket_conflict_except_cancelled_or_merged_into_this_one():
	assert lapor.ticket_conflict("Diterima", None, None)
	assert lapor.ticket_conflict("Selesai", None, "DUMAS-2026-00002")
	assert lapor.ticket_conflict("Digabungkan", "DUMAS-2026-00009", "DUMAS-2026-00002")
	assert not lapor.ticket_conflict("Digabungkan", "DUMAS-2026-00002", "DUMAS-2026-00002")
	assert not lapor.ticket_conflict("Dibatalkan", None, None)


def _closing(**values):
	base = {
		"channel": lapor.CHANNEL,
		"follow_up_at": datetime(2026, 5, 21, 10, 0),
		"last_follow_up": datetime(2026, 5, 21, 10, 0),
		"reply_at": None,
		"closing_at": datetime(2026, 6, 9, 16, 0),
		"now": datetime(2026, 6, 9, 16, 1),
		"closing_days": 10,
	}
	return lapor.closing_errors(**{**base, **values})


def test_closing_allowed_after_the_tenth_working_day_without_reply():
	assert _closing() == []


def test_closing_refused_before_with_the_date_in_the_message():
	(error,) = _closing(now=datetime(2026, 6, 9, 15, 0))
	assert "9 Juni 2026 pukul 16.00" in error and "10 hari kerja" in error


def test_closing_refused_without_follow_up_or_on_another_channel():
	(error,) = _closing(follow_up_at=None, last_follow_up=None, closing_at=None)
	assert "Catat dahulu tindak lanjut" in error
	(error,) = _closing(channel="Surat")
	assert "hanya untuk pengaduan dari kanal SP4N-LAPOR!" in error


def test_a_reply_suspends_closing_until_a_new_follow_up():
	reply = datetime(2026, 5, 25, 9, 0)
	(error,) = _closing(reply_at=reply, closing_at=None)
	assert "Ada balasan" in error and "25 Mei 2026" in error
	# a new follow-up after the reply: the clock runs again from it
	later = datetime(2026, 5, 26, 9, 0)
	assert _closing(reply_at=reply, last_follow_up=later, closing_at=datetime(2026, 6, 11, 16, 0)) != []
	assert (
		_closing(
			reply_at=reply,
			last_follow_up=later,
			closing_at=datetime(2026, 6, 11, 16, 0),
			now=datetime(2026, 6, 11, 16, 1),
		)
		== []
	)


def test_came_from_lapor_not_in_the_future_nor_after_receipt():
	now = datetime(2026, 5, 12, 12, 0)
	assert lapor.came_errors(CAME, datetime(2026, 5, 12, 11, 0), now) == []
	assert lapor.came_errors(None, None, now) == []
	(future,) = lapor.came_errors(datetime(2026, 5, 13, 9, 0), None, now)
	assert "masa depan" in future
	(after,) = lapor.came_errors(CAME, datetime(2026, 5, 12, 9, 0), now)
	assert "tidak boleh setelah waktu pengaduan diterima" in after
