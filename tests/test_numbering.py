import re
from datetime import date

import pytest

from kpu_dumas.core.numbering import (
	PLACEHOLDERS,
	format_letter_number,
	roman_month,
	to_roman,
	validate_pattern,
)

KPU_PATTERN = "{nomor}/HK.03.1-Kpt/{kode_satker}/KPU-Kot/{bulan_romawi}/{tahun}"


def test_to_roman():
	assert to_roman(1) == "I"
	assert to_roman(4) == "IV"
	assert to_roman(14) == "XIV"
	assert to_roman(1994) == "MCMXCIV"
	assert to_roman(2025) == "MMXXV"
	assert to_roman(3999) == "MMMCMXCIX"
	for bad in (0, -1, 4000):
		with pytest.raises(ValueError, match="1 sampai 3999"):
			to_roman(bad)


def test_roman_months():
	expected = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
	assert [roman_month(m) for m in range(1, 13)] == expected
	for bad in (0, 13):
		with pytest.raises(ValueError, match="Bulan harus 1 sampai 12"):
			roman_month(bad)


def test_kpu_example():
	number = format_letter_number(KPU_PATTERN, 60, date(2020, 7, 1), kode_satker="5371")
	assert number == "60/HK.03.1-Kpt/5371/KPU-Kot/VII/2020"


def test_all_placeholders_and_missing_fields():
	pattern = "{nomor}|{kode_klasifikasi}|{kode_satker}|{kode_kantor}|{bulan_romawi}|{bulan}|{tahun}"
	assert set(PLACEHOLDERS) == {
		"nomor",
		"kode_klasifikasi",
		"kode_satker",
		"kode_kantor",
		"bulan_romawi",
		"bulan",
		"tahun",
	}
	assert (
		format_letter_number(pattern, 7, date(2025, 9, 8), kode_klasifikasi="PY.02.1", kode_kantor="KPU-Kab")
		== "7|PY.02.1||KPU-Kab|IX|09|2025"
	)
	assert format_letter_number(pattern, 7, date(2025, 12, 1), kode_satker=None) == "7||||XII|12|2025"


def test_zero_padding_and_literal_braces():
	assert format_letter_number("{nomor:03d}/{{X}}/{tahun}", 5, date(2025, 1, 2)) == "005/{X}/2025"


def test_unknown_placeholder_message():
	with pytest.raises(ValueError) as exc:
		validate_pattern("{nomor}/{kode_desa}/{tahun}")
	assert str(exc.value).startswith("Placeholder {kode_desa} tidak dikenal dalam pola nomor surat.")
	assert "{kode_satker}" in str(exc.value)
	with pytest.raises(ValueError, match=re.escape("Placeholder {kode_desa} tidak dikenal")):
		format_letter_number("{nomor}/{kode_desa}", 1, date(2025, 1, 1))


def test_pattern_errors():
	with pytest.raises(ValueError, match=re.escape("harus memuat placeholder {nomor}")):
		validate_pattern("HK.03.1/{tahun}")
	with pytest.raises(ValueError, match="tidak seimbang"):
		validate_pattern("{nomor/{tahun}")
	with pytest.raises(ValueError, match="tidak seimbang"):
		validate_pattern("{nomor}/tahun}")
	with pytest.raises(ValueError, match=re.escape("Placeholder {} tidak dikenal")):
		validate_pattern("{nomor}/{}")
	with pytest.raises(ValueError, match="tidak valid"):
		validate_pattern("{nomor:xyz}")
	assert validate_pattern(KPU_PATTERN) is None


def test_unknown_keyword_is_a_programming_error():
	with pytest.raises(TypeError):
		format_letter_number(KPU_PATTERN, 1, date(2025, 1, 1), kode_desa="x")
