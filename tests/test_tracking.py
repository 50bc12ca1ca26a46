import re

from kpu_dumas.core.tracking import ALPHABET, new_tracking_code, tracking_code_matches


def test_codes_are_grouped_unambiguous_and_different():
	codes = {new_tracking_code() for _ in range(500)}
	assert len(codes) == 500
	for code in codes:
		assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
		assert not set(code.replace("-", "")) - set(ALPHABET)
		assert not set("01IOL") & set(code)


def test_matching_ignores_case_spaces_and_dashes_but_nothing_else():
	assert tracking_code_matches("k7qx m2pa-9vtd", "K7QX-M2PA-9VTD")
	assert not tracking_code_matches("K7QX-M2PA-9VTE", "K7QX-M2PA-9VTD")
	assert not tracking_code_matches("", "K7QX-M2PA-9VTD")
	assert not tracking_code_matches("K7QX-M2PA-9VTD", None)
