from datetime import date, datetime

import pytest

from kpu_dumas.core.dates import MONTHS, WEEKDAYS, format_date, format_datetime, zone_abbreviation


def test_name_tables():
	assert (
		len(MONTHS) == 12 and MONTHS[0] == "Januari" and MONTHS[8] == "September" and MONTHS[11] == "Desember"
	)
	assert WEEKDAYS == ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def test_format_date():
	assert format_date(date(2025, 9, 8)) == "8 September 2025"
	assert format_date(date(2025, 9, 8), with_weekday=True) == "Senin, 8 September 2025"
	assert format_date(datetime(2025, 9, 12, 10, 45), with_weekday=True) == "Jumat, 12 September 2025"
	assert format_date(date(2026, 2, 1)) == "1 Februari 2026"


def test_format_date_strings_and_empty():
	assert format_date("2025-09-08") == "8 September 2025"
	assert format_date("2025-08-17 10:00:00") == "17 Agustus 2025"
	assert format_date("2025-12-25 07:30:15.123456", with_weekday=True) == "Kamis, 25 Desember 2025"
	assert format_date(None) == ""
	assert format_date("") == ""
	with pytest.raises(ValueError, match="Tanggal tidak valid: '2025-02-30'"):
		format_date("2025-02-30")


def test_format_datetime():
	dt = datetime(2025, 9, 8, 10, 45)
	assert format_datetime(dt) == "8 September 2025 pukul 10.45"
	assert format_datetime(dt, "Asia/Makassar") == "8 September 2025 pukul 10.45 WITA"
	assert format_datetime("2025-09-08 08:05:00", "Asia/Jakarta") == "8 September 2025 pukul 08.05 WIB"
	assert (
		format_datetime(datetime(2025, 9, 8, 16, 30), "Asia/Jayapura") == "8 September 2025 pukul 16.30 WIT"
	)
	assert format_datetime(None, "Asia/Jakarta") == ""
	assert format_datetime(date(2025, 9, 8)) == "8 September 2025"


def test_zone_abbreviation():
	assert zone_abbreviation("Asia/Jakarta") == "WIB"
	assert zone_abbreviation("Asia/Pontianak") == "WIB"
	assert zone_abbreviation("Asia/Makassar") == "WITA"
	assert zone_abbreviation("Asia/Jayapura") == "WIT"
	assert zone_abbreviation("Europe/Amsterdam") == "Europe/Amsterdam"
