import pytest

from kpu_dumas.core import information_rules as rules
from kpu_dumas.core.information_letters import (
	DECISIONS,
	EXEMPTIONS,
	count_in_words,
	exemption,
	number_in_words,
	rupiah,
	working_days,
)


def test_number_in_words():
	expected = {0: "nol", 7: "tujuh", 10: "sepuluh", 11: "sebelas", 14: "empat belas", 30: "tiga puluh"}
	for n, words in expected.items():
		assert number_in_words(n) == words
	assert number_in_words(21) == "dua puluh satu"
	assert number_in_words(100) == "seratus"
	assert number_in_words(245) == "dua ratus empat puluh lima"
	with pytest.raises(ValueError):
		number_in_words(1000)


def test_legal_periods_as_letters_write_them():
	assert working_days(10) == "10 (sepuluh) hari kerja"
	assert working_days(14) == "14 (empat belas) hari kerja"
	assert count_in_words(1, "berkas") == "1 (satu) berkas"


def test_every_letter_of_pasal_17_is_worded():
	assert sorted(EXEMPTIONS) == list("abcdefghij")
	assert exemption("Pasal 17 huruf h").endswith("mengungkap rahasia pribadi")
	assert exemption("Pasal 17 huruf i").startswith("berupa memorandum")
	assert exemption("Pasal 18") == exemption(None) == ""


def test_every_decision_has_its_statement():
	decisions = {
		rules.GRANTED_IN_FULL,
		rules.GRANTED_IN_PART,
		rules.REFUSED,
		rules.NOT_HELD,
		rules.NOT_YET_DOCUMENTED,
	}
	assert set(DECISIONS) == decisions
	assert "dikabulkan seluruhnya" in DECISIONS[rules.GRANTED_IN_FULL]


def test_rupiah():
	assert rupiah(15000) == "Rp15.000"
	assert rupiah(1250000) == "Rp1.250.000"
	assert rupiah(2500.5) == "Rp2.500,50"
	assert rupiah(None) == "Rp0"
