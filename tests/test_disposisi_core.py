from datetime import datetime

import pytest

from kpu_dumas.core import disposisi as d
from kpu_dumas.core.deadlines import time_spent

# -- chain path -----------------------------------------------------------------------------------------


def test_chain_path_of_a_root_and_its_descendants():
	root = d.chain_path("DISP-2025-00001")
	assert root == "/DISP-2025-00001/"
	child = d.chain_path("DISP-2025-00004", root)
	assert child == "/DISP-2025-00001/DISP-2025-00004/"
	grandchild = d.chain_path("DISP-2025-00009", child)
	assert d.path_names(grandchild) == ["DISP-2025-00001", "DISP-2025-00004", "DISP-2025-00009"]
	assert d.ancestors(grandchild) == ["DISP-2025-00001", "DISP-2025-00004"]
	assert d.ancestors(root) == []
	assert [d.depth(p) for p in (root, child, grandchild)] == [0, 1, 2]
	assert d.depth(None) == 0


def test_chain_path_refuses_what_would_break_it():
	with pytest.raises(ValueError, match="Nama disposisi tidak valid"):
		d.chain_path("DISP/1")
	with pytest.raises(ValueError, match="Nama disposisi tidak valid"):
		d.chain_path("")
	with pytest.raises(ValueError, match="Jalur induk tidak valid"):
		d.chain_path("DISP-2", "DISP-1")


def test_is_within_is_a_subtree_test_not_a_string_prefix():
	a = "/DISP-2025-00001/"
	assert d.is_within("/DISP-2025-00001/DISP-2025-00002/", a)
	assert d.is_within(a, a)
	# DISP-2025-00010 starts with the characters of DISP-2025-0001, but is not below it.
	assert not d.is_within("/DISP-2025-00010/", "/DISP-2025-0001/")
	assert not d.is_within(a, "")


def test_covering_prefixes_keep_only_the_topmost_of_each_subtree():
	paths = [
		"/A/B/C/",
		"/A/B/",
		"/D/",
		"/A/B/E/",
		None,
		"/D/F/",
		"/G/H/",
		"/A/B/",
	]
	assert d.covering_prefixes(paths) == ["/A/B/", "/D/", "/G/H/"]
	assert d.covering_prefixes([]) == []


# -- recipients -----------------------------------------------------------------------------------------


def test_all_done_needs_every_recipient_and_at_least_one():
	assert d.all_done(["Selesai", "Selesai"])
	assert not d.all_done(["Selesai", "Ditindaklanjuti"])
	assert not d.all_done([])


def test_opening_marks_only_an_unread_part_read():
	assert d.status_after_opening("Belum Dibaca") == "Dibaca"
	assert d.status_after_opening(None) == "Dibaca"
	for status in ("Dibaca", "Ditindaklanjuti", "Selesai"):
		assert d.status_after_opening(status) is None


def test_a_follow_up_moves_on_and_closing_is_final():
	assert d.status_after_follow_up("Dibaca", done=False) == "Ditindaklanjuti"
	assert d.status_after_follow_up("Belum Dibaca", done=True) == "Selesai"
	assert d.status_after_follow_up("Ditindaklanjuti", done=True) == "Selesai"
	with pytest.raises(ValueError, match="sudah selesai"):
		d.status_after_follow_up("Selesai", done=False)


def test_recipient_statuses_are_the_select_options_in_order():
	assert d.RECIPIENT_STATUSES == ("Belum Dibaca", "Dibaca", "Ditindaklanjuti", "Selesai")


# -- recap per recipient --------------------------------------------------------------------------------


def test_recap_counts_on_time_late_open_and_the_median_working_time(pohuwato):
	def spent(start, end):
		return time_spent(pohuwato, start, end)

	mon = datetime(2025, 11, 10, 8, 0)
	rows = [
		# on time, 120 working minutes
		{
			"penerima": "kasubag",
			"mulai": mon,
			"batas_waktu": datetime(2025, 11, 13, 16, 0),
			"status": "Selesai",
			"selesai_pada": datetime(2025, 11, 10, 10, 0),
		},
		# finished after the due time: late, 1980 working minutes (Mon-Thu 4 x 480, Fri 60)
		{
			"penerima": "tim",
			"mulai": mon,
			"batas_waktu": datetime(2025, 11, 13, 16, 0),
			"status": "Selesai",
			"selesai_pada": datetime(2025, 11, 14, 9, 0),
		},
		# open, due time passed: late and open
		{
			"penerima": "tim",
			"mulai": datetime(2025, 11, 17, 8, 0),
			"batas_waktu": datetime(2025, 11, 18, 16, 0),
			"status": "Dibaca",
			"selesai_pada": None,
		},
		# open, not yet due
		{
			"penerima": "ppid",
			"mulai": datetime(2025, 11, 17, 8, 0),
			"batas_waktu": datetime(2025, 11, 20, 16, 0),
			"status": "Belum Dibaca",
			"selesai_pada": None,
		},
		# no due time at all: finished counts as on time
		{
			"penerima": "kasubag",
			"mulai": datetime(2025, 11, 11, 8, 0),
			"batas_waktu": None,
			"status": "Selesai",
			"selesai_pada": datetime(2025, 11, 11, 11, 0),
		},
	]
	per, total = d.recap_per_recipient(rows, datetime(2025, 11, 19, 12, 0), spent)
	got = {r.penerima: r.as_dict() for r in per}
	assert [r.penerima for r in per] == ["kasubag", "ppid", "tim"]
	assert got["kasubag"] == {
		"penerima": "kasubag",
		"diterima": 2,
		"selesai": 2,
		"tepat_waktu": 2,
		"terlambat": 0,
		"belum_selesai": 0,
		"median_menit": 150,
	}
	assert got["tim"]["terlambat"] == 2
	assert got["tim"]["belum_selesai"] == 1
	assert got["tim"]["median_menit"] == 1980
	assert got["ppid"]["median_menit"] is None
	assert got["ppid"]["terlambat"] == 0
	counts = (total.diterima, total.selesai, total.tepat_waktu, total.terlambat, total.belum_selesai)
	assert counts == (5, 3, 2, 2, 2)
	assert total.median_menit == 180


def test_recap_of_nothing_is_empty():
	per, total = d.recap_per_recipient([], datetime(2025, 1, 1), lambda a, b: 0)
	assert per == []
	assert total.diterima == 0 and total.median_menit is None
