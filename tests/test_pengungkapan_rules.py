"""The reason a reader gives before a rahasia identity opens (kpu_dumas.core.pengungkapan)."""

from kpu_dumas.core import kerahasiaan
from kpu_dumas.core import pengungkapan as rules


def test_a_reason_is_required():
	for empty in (None, "", "   ", "\n\t"):
		assert "wajib diisi" in rules.reason_error(empty)


def test_a_short_reason_says_how_long_it_must_be():
	error = rules.reason_error("perlu")
	assert "terlalu singkat (5 karakter)" in error
	assert f"paling sedikit {rules.MIN_REASON_LENGTH} karakter" in error


def test_the_length_counts_the_normalised_reason():
	assert rules.reason_error("a    b    c") is not None  # 5 characters once whitespace is collapsed
	assert rules.reason_error("  Pemeriksaan lanjutan  ") is None
	assert rules.normalize_reason("  Pemeriksaan \n lanjutan ") == "Pemeriksaan lanjutan"


def test_doors():
	assert set(rules.DOCUMENT_DOORS) <= set(kerahasiaan.DOORS)
	assert set(rules.ASKED_DOORS) <= set(kerahasiaan.DOORS)
	assert "report" not in rules.ASKED_DOORS and "export" not in rules.ASKED_DOORS  # through the report
	assert rules.GRANT_SECONDS == 600
