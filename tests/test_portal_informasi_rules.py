"""What the portal shows for information requests and objections (kpu_dumas/core/portal_informasi.py)."""

import json
from pathlib import Path

from kpu_dumas.core import portal_informasi as p

WORKFLOWS = Path(__file__).resolve().parent.parent / "kpu_dumas" / "kpu_dumas" / "workflow"


def workflow_states(file_name: str) -> set[str]:
	data = json.loads((WORKFLOWS / file_name).read_text(encoding="utf-8"))
	return {s["state"] for s in data["states"]}


def test_every_workflow_state_has_a_public_name_and_explanation():
	assert set(p.REQUEST_STATES) == workflow_states("alur_permohonan_informasi.json")
	assert set(p.OBJECTION_STATES) == workflow_states("alur_keberatan_informasi.json")
	for states in (p.REQUEST_STATES, p.OBJECTION_STATES):
		assert all(label and explanation for label, explanation in states.values())


def test_numbers_name_their_doctype_and_anything_else_names_none():
	assert p.doctype_for_number("PPID-2026-00012") == p.PERMOHONAN
	assert p.doctype_for_number(" keb-2026-00003 ") == p.KEBERATAN
	assert p.doctype_for_number("ppid - 2026 - 00012") == p.PERMOHONAN
	for other in ("DUMAS-2026-00012", "PPID-2026", "KEB-<script>", "", None, "PPID-2026-00012' OR 1=1"):
		assert p.doctype_for_number(other) is None


def test_timeline_uses_public_labels_and_merges_repeats():
	rows = [
		{"tahap": s, "masuk": i} for i, s in enumerate(["Diajukan", "Terdaftar", "Diproses", "Pemberitahuan"])
	]
	assert [t["label"] for t in p.public_timeline(p.PERMOHONAN, rows)] == [
		"Diajukan",
		"Terdaftar",
		"Diproses PPID",
		"Sudah Diputuskan",
	]
	rows = [{"tahap": "Diproses", "masuk": 1}, {"tahap": "Diproses", "masuk": 2}]
	assert p.public_timeline(p.KEBERATAN, rows) == [
		{"tahap": "Diproses", "label": "Diperiksa Atasan PPID", "masuk": 1}
	]


def test_a_copy_needs_a_way_to_receive_it_and_email_needs_an_address():
	assert p.request_form_errors({"cara_memperoleh": "Melihat/Membaca/Mendengarkan/Mencatat"}) == []
	assert (
		"cara mendapatkan salinan"
		in p.request_form_errors({"cara_memperoleh": "Mendapatkan Salinan (Hardcopy)"})[0]
	)
	errors = p.request_form_errors(
		{"cara_memperoleh": "Mendapatkan Salinan (Softcopy)", "cara_mendapatkan_salinan": "Email"}
	)
	assert errors == ["Isi alamat email Anda bila salinan informasi dikirim melalui email."]
	assert (
		p.request_form_errors(
			{
				"cara_memperoleh": "Mendapatkan Salinan (Softcopy)",
				"cara_mendapatkan_salinan": "Email",
				"email": "a@b.id",
			}
		)
		== []
	)
