"""What the public portal shows: state names, timeline, plain text (kpu_dumas/core/portal.py)."""

import json
from pathlib import Path

from kpu_dumas.core.complaint_rules import PAUSE_STATES
from kpu_dumas.core.portal import PUBLIC_STATES, one_line, plain_text, public_state, public_timeline

# Every state of the shipped workflow, read from its definition.
_WORKFLOW = Path(__file__).parents[1] / "kpu_dumas" / "kpu_dumas" / "workflow" / "alur_pengaduan.json"
ALL_STATES = list(dict.fromkeys(row["state"] for row in json.loads(_WORKFLOW.read_text())["states"]))


def test_every_workflow_state_has_a_public_name_and_explanation():
	assert set(PUBLIC_STATES) == set(ALL_STATES)
	assert PAUSE_STATES <= set(PUBLIC_STATES)
	for state in ALL_STATES:
		label, explanation = public_state(state)
		assert label and explanation.endswith(".")


def test_examination_and_its_decision_are_one_public_step():
	rows = [
		{"tahap": "Diterima", "masuk": "2026-01-05 09:00:00"},
		{"tahap": "Perlu Dilengkapi", "masuk": "2026-01-05 10:00:00"},
		{"tahap": "Diterima", "masuk": "2026-01-07 08:00:00"},
		{"tahap": "Terdaftar", "masuk": "2026-01-07 09:00:00"},
		{"tahap": "Ditelaah", "masuk": "2026-01-07 10:00:00"},
		{"tahap": "Rekomendasi", "masuk": "2026-01-09 10:00:00"},
		{"tahap": "Ditelaah", "masuk": "2026-01-10 10:00:00"},
		{"tahap": "Rekomendasi", "masuk": "2026-01-12 10:00:00"},
		{"tahap": "Ditanggapi", "masuk": "2026-01-13 10:00:00"},
	]
	timeline = public_timeline(rows)
	assert [t["label"] for t in timeline] == [
		"Diterima",
		"Perlu Dilengkapi",
		"Diterima",
		"Terdaftar",
		"Dalam Pemeriksaan",
		"Ditanggapi",
	]
	assert timeline[4]["masuk"] == "2026-01-07 10:00:00"


def test_plain_text_removes_markup_but_keeps_the_citizens_words():
	assert plain_text("<b>Petugas</b> meminta <i>uang</i>") == "Petugas meminta uang"
	assert plain_text("<script>alert(1)</script>Isi") == "alert(1)Isi"
	assert plain_text("<scr<b>ipt>alert(1)</script>") == "alert(1)"
	assert plain_text('<img src=x onerror="alert(1)">') == ""
	assert plain_text("Biaya naik <5% & waktu > 3 jam") == "Biaya naik <5% & waktu > 3 jam"
	assert plain_text("baris 1\r\nbaris 2\r\n\r\n\r\n\r\nbaris 3  \n") == "baris 1\nbaris 2\n\nbaris 3"
	assert plain_text("a\x00b\x1bc") == "abc"
	assert plain_text(None) == ""
	assert plain_text("x" * 50, max_length=10) == "x" * 10
	assert one_line("  Antrean\n terlalu   <b>lama</b> ", 140) == "Antrean terlalu lama"
