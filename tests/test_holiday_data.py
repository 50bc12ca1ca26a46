from collections import Counter
from datetime import date

from kpu_dumas.core.calendar import WorkingCalendar

JENIS = {"Libur Nasional", "Cuti Bersama"}


def test_structure(holiday_rows):
	assert isinstance(holiday_rows, list) and holiday_rows
	for row in holiday_rows:
		assert set(row) == {"tanggal", "keterangan", "jenis"}
		assert row["jenis"] in JENIS
		assert row["keterangan"].strip() == row["keterangan"] and row["keterangan"]


def test_dates_valid_sorted_unique(holiday_rows):
	dates = [date.fromisoformat(r["tanggal"]) for r in holiday_rows]
	assert [d.isoformat() for d in dates] == [r["tanggal"] for r in holiday_rows]  # zero-padded ISO
	assert dates == sorted(dates)
	assert len(set(dates)) == len(dates)


def test_years_and_counts(holiday_rows):
	counts = Counter((r["tanggal"][:4], r["jenis"]) for r in holiday_rows)
	assert counts == {
		("2025", "Libur Nasional"): 17,
		("2025", "Cuti Bersama"): 11,
		("2026", "Libur Nasional"): 17,
		("2026", "Cuti Bersama"): 8,
		("2027", "Libur Nasional"): 17,
	}


def test_known_entries(holiday_rows):
	by_date = {r["tanggal"]: r for r in holiday_rows}
	assert by_date["2025-08-17"]["jenis"] == "Libur Nasional"
	assert by_date["2025-08-18"]["jenis"] == "Cuti Bersama"
	assert by_date["2026-03-19"]["keterangan"] == "Hari Suci Nyepi Tahun Baru Saka 1948"
	assert by_date["2026-03-24"]["jenis"] == "Cuti Bersama"
	assert [d for d in by_date if by_date[d]["keterangan"].startswith("Hari Raya Idul Fitri 1446")] == [
		"2025-03-31",
		"2025-04-01",
	]


def test_2027_marked_provisional(holiday_rows):
	rows_2027 = [r for r in holiday_rows if r["tanggal"].startswith("2027")]
	assert rows_2027 and all(
		r["keterangan"].endswith(" (perkiraan, periksa SKB 3 Menteri)") for r in rows_2027
	)
	assert all(not r["keterangan"].endswith("(perkiraan, periksa SKB 3 Menteri)") for r in holiday_rows[:-17])


def test_loads_into_calendar(holiday_rows):
	cal = WorkingCalendar.from_rows(
		[("Senin", "08:00", "16:00")], holidays=[r["tanggal"] for r in holiday_rows]
	)
	assert len(cal.holidays) == len(holiday_rows) == 70
	assert date(2027, 12, 25) in cal.holidays
