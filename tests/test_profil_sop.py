"""Profil SOP: the seed table in docs/sop-langkah.md against the shipped presets, Mutu Baku sets and
workflows (a number, unit, state or role that drifts in one place fails here); the Kupang minutes on the
working-time calendar; the preview and the refusal rules of core/profil_sop.py."""

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from kpu_dumas.core import profil_sop as core
from kpu_dumas.core.calendar import POHUWATO_HOURS, WorkingCalendar
from kpu_dumas.core.deadlines import Duration, Unit, due_time

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "sop-langkah.md"
MODULE = ROOT / "kpu_dumas" / "kpu_dumas"
SHIPPED = {
	"Pengaduan": "Alur Pengaduan",
	"Permohonan Informasi": "Alur Permohonan Informasi",
	"Keberatan Informasi": "Alur Keberatan Informasi",
}
SET_FIELDS = {
	"Pengaduan": ("mutu_baku_pengaduan", "workflow_pengaduan"),
	"Permohonan Informasi": ("mutu_baku_permohonan", "workflow_permohonan"),
	"Keberatan Informasi": ("mutu_baku_keberatan", "workflow_keberatan"),
}
COLUMNS = ("langkah", "kegiatan", "pelaksana", "status", "standar", "kata", "output", "catatan")
_META = re.compile(
	r"\*\*Profil SOP:\*\* `([^`]+)` · \*\*Mutu Baku:\*\* `([^`]+)` · \*\*Workflow:\*\* `([^`]+)`"
)


def parse_tables(text: str) -> list[dict]:
	"""Each seed table: its heading, preset, Mutu Baku set, workflow and rows (dicts by COLUMNS)."""
	tables: list[dict] = []
	current = None
	for line in text.splitlines():
		if line.startswith("## "):
			current = {"judul": line[3:].strip(), "rows": []}
			tables.append(current)
			continue
		meta = _META.search(line)
		if meta and current is not None:
			current["profil"], current["mutu_baku"], current["workflow"] = meta.groups()
			continue
		if current is None or not line.startswith("| ") or line.startswith("| Langkah") or "---" in line:
			continue
		cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
		assert len(cells) == len(COLUMNS), f"{current['judul']}: baris dengan {len(cells)} kolom: {line}"
		current["rows"].append(dict(zip(COLUMNS, cells, strict=True)))
	return [t for t in tables if "mutu_baku" in t]


def _load(path: Path):
	return json.loads(path.read_text(encoding="utf-8"))


TABLES = parse_tables(DOC.read_text(encoding="utf-8"))
SETS = {s["nama"]: s for s in _load(MODULE / "fixtures" / "mutu_baku.json")}
PRESETS = {p["nama_profil"]: p for p in _load(MODULE / "fixtures" / "profil_sop.json")}
WORKFLOWS = {w["name"]: w for w in (_load(p) for p in (MODULE / "workflow").glob("alur_*.json"))}


def standard_of(text: str) -> tuple[int, str]:
	"""'30 Menit' -> (30, 'Menit'); 'Menyesuaikan' -> (0, 'Menyesuaikan')."""
	if text == "Menyesuaikan":
		return (0, "Menyesuaikan")
	amount, unit = text.split(" ", 1)
	return (int(amount), unit)


def has_state(row) -> bool:
	return not row["status"].startswith("—")


def final_states(workflow: dict) -> set[str]:
	return {s["state"] for s in workflow["states"] if s["doc_status"] == "1"}


def test_the_doc_has_a_table_for_every_seed():
	titles = " ".join(t["judul"] for t in TABLES)
	for seed in (
		"Pohuwato 2025",
		"Agam 2023",
		"Kupang 2020",
		"jalur langsung",
		"jalur surat",
		"Kapuas Hulu 2023",
	):
		assert seed in titles
	assert {t["profil"] for t in TABLES} == set(PRESETS)
	assert sum(len(t["rows"]) for t in TABLES) >= 50


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t["judul"])
def test_each_step_has_the_state_role_and_standard_the_preset_ships(table):
	workflow = WORKFLOWS[table["workflow"]]
	owners: dict[str, set[str]] = {}
	for s in workflow["states"]:
		owners.setdefault(s["state"], set()).add(s["allow_edit"])
	stages = {r["tahap"]: r for r in SETS[table["mutu_baku"]]["tahap"]}
	assert SETS[table["mutu_baku"]]["dokumen"] == workflow["document_type"]
	for row in table["rows"]:
		if not has_state(row):
			assert row["status"].startswith("—, "), row  # an action inside a state says where it is recorded
			continue
		state = row["status"]
		assert state in owners, (
			f"{table['judul']} langkah {row['langkah']}: {state} tidak ada di {workflow['name']}"
		)
		role = row["pelaksana"].split("→")[-1].strip()
		assert role in owners[state], (
			f"langkah {row['langkah']}: {state} dimiliki {owners[state]}, bukan {role}"
		)
		if state in final_states(workflow):
			assert row["standar"] == "—"
			continue
		stage = stages[state]
		assert standard_of(row["standar"]) == (stage["jumlah"], stage["satuan"]), (
			table["judul"],
			row["langkah"],
		)
		if row["kata"] != "—" and row["langkah"] != "UU":
			# Beside every number, its source: the step and the seed's own words.
			assert row["kata"].lower() in stage["sumber"].lower(), (state, row["kata"], stage["sumber"])
			for number in re.findall(r"\d+", row["langkah"]):
				assert re.search(rf"\b{number}\b", stage["sumber"]), (state, row["langkah"], stage["sumber"])


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t["judul"])
def test_every_stage_of_the_set_and_every_open_state_has_a_step(table):
	documented = {r["status"] for t in TABLES if t["mutu_baku"] == table["mutu_baku"] for r in t["rows"]}
	stages = {r["tahap"] for r in SETS[table["mutu_baku"]]["tahap"]}
	workflow = WORKFLOWS[table["workflow"]]
	open_states = {s["state"] for s in workflow["states"]} - final_states(workflow)
	assert stages <= documented, stages - documented
	assert open_states <= stages, f"{workflow['name']}: status tanpa mutu baku {open_states - stages}"


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_each_preset_names_the_sets_and_workflows_of_its_tables(name):
	preset = PRESETS[name]
	covered = 0
	for doctype, (set_field, workflow_field) in SET_FIELDS.items():
		set_name = preset.get(set_field)
		if not set_name:
			assert not preset.get(workflow_field), f"{name}: workflow {doctype} tanpa Mutu Baku"
			continue
		covered += 1
		assert SETS[set_name]["dokumen"] == doctype
		workflow = preset.get(workflow_field) or SHIPPED[doctype]
		assert WORKFLOWS[workflow]["document_type"] == doctype
		tables = [t for t in TABLES if t["mutu_baku"] == set_name]
		assert tables, f"{name}: Mutu Baku {set_name} tidak punya tabel di docs/sop-langkah.md"
		assert {t["workflow"] for t in tables} == {workflow}
	assert covered
	for row in preset["penandatangan"]:
		assert row["jabatan"] and row["sumber"]
	for row in preset["sifat_disposisi"]:
		Duration.parse(row["jumlah"], row["satuan"])
		assert row["sumber"]


def test_the_presets_state_the_seeds_hours_and_zones():
	pohuwato = PRESETS["Pohuwato 2025"]
	assert pohuwato["zona_waktu"] == "Asia/Makassar"
	rows = core.normalize_hours(
		(r["hari"], r["jam_mulai"], r["jam_selesai"]) for r in pohuwato["jam_layanan"]
	)
	assert rows == core.normalize_hours(POHUWATO_HOURS)  # WITA with the split Friday
	assert "16.30 Wita" in pohuwato["sumber_waktu"]
	assert PRESETS["Kupang 2020"]["zona_waktu"] == "Asia/Makassar"  # Kota Kupang: WITA
	assert PRESETS["Agam 2023"]["zona_waktu"] == "Asia/Jakarta"  # Sumatera Barat: WIB
	assert PRESETS["Kapuas Hulu 2023"]["zona_waktu"] == "Asia/Jakarta"  # Kalimantan Barat: WIB
	for name in ("Agam 2023", "Kupang 2020", "Kapuas Hulu 2023", "PPID"):
		assert not PRESETS[name]["jam_layanan"], f"{name}: the seed names no hours; they stay the office's"
	signers = {r["peran"]: r["jabatan"] for r in PRESETS["Kapuas Hulu 2023"]["penandatangan"]}
	assert signers["Pejabat Yang Berwenang"].startswith("Kepala Dinas")


def test_kapuas_hulu_has_a_state_for_each_step_the_shipped_flow_lacks():
	shipped = {s["state"] for s in WORKFLOWS["Alur Pengaduan"]["states"]}
	own = {s["state"] for s in WORKFLOWS["Alur Pengaduan - Kapuas Hulu 2023"]["states"]}
	assert own - shipped == {"Laporan ke Kepala Dinas", "Informasi ke Admin Lapor"}
	assert shipped <= own  # every state an open case may be in survives the switch
	stages = {r["tahap"]: (r["jumlah"], r["satuan"]) for r in SETS["Pengaduan - Kapuas Hulu 2023"]["tahap"]}
	assert stages["Ditelaah"] == stages["Rekomendasi"] == (5, "Hari Kerja")  # "1 Minggu"
	assert stages["Laporan ke Kepala Dinas"] == (1, "Jam")
	assert stages["Informasi ke Admin Lapor"] == stages["Ditanggapi"] == (10, "Menit")


# --- the Kupang minutes on the working-time calendar ---------------------------------------------------

KUPANG = {
	r["tahap"]: Duration.parse(r["jumlah"], r["satuan"])
	for r in SETS["Permohonan Informasi - Kupang 2020"]["tahap"]
}
# Kupang's seed names no hours: the office's (here the shipped Mon-Thu 08-16, Fri 08-11 and 14-16.30).
CALENDAR = WorkingCalendar.from_rows(POHUWATO_HOURS, ["2026-12-07"], "Asia/Makassar")


def test_kupang_walk_in_minutes_run_over_the_end_of_the_day():
	# Diproses, 30 menit, entered Thursday 15:45: 15 minutes that day, 15 the next morning.
	assert KUPANG["Diproses"] == Duration(30, Unit.MINUTES)
	assert due_time(CALENDAR, datetime(2026, 12, 3, 15, 45), KUPANG["Diproses"]) == datetime(
		2026, 12, 4, 8, 15
	)


def test_kupang_minutes_skip_the_friday_break():
	# Identifikasi Surat, 10 + 10 menit, entered Friday 10:50: 10 minutes before 11:00, 10 after 14:00.
	assert due_time(CALENDAR, datetime(2026, 12, 4, 10, 50), KUPANG["Identifikasi Surat"]) == datetime(
		2026, 12, 4, 14, 10
	)


def test_kupang_minutes_cross_a_weekend_and_a_holiday():
	# Pemberitahuan, 10 menit, entered Friday 16:25: 5 minutes that day; Saturday, Sunday and the Monday
	# holiday (2026-12-07 here) are skipped: due Tuesday 08:05.
	assert due_time(CALENDAR, datetime(2026, 12, 4, 16, 25), KUPANG["Pemberitahuan"]) == datetime(
		2026, 12, 8, 8, 5
	)
	# Penyiapan Data, 1 jam + 60 menit, entered Friday 15:30: 60 minutes that day, 60 on Tuesday.
	assert due_time(CALENDAR, datetime(2026, 12, 4, 15, 30), KUPANG["Penyiapan Data"]) == datetime(
		2026, 12, 8, 9, 0
	)
	# Penyusunan Surat Balasan, 1 hari kerja, entered Friday: the next working day's closing.
	assert due_time(CALENDAR, datetime(2026, 12, 4, 9, 0), KUPANG["Penyusunan Surat Balasan"]) == datetime(
		2026, 12, 8, 16, 0
	)


# --- preview and refusal -----------------------------------------------------------------------------

CURRENT = {
	"profil": "Pohuwato 2025",
	"zona_waktu": "Asia/Makassar",
	"jam_layanan": [(d, f"{s}:00", f"{e}:00") for d, s, e in POHUWATO_HOURS],
	"mutu_baku": {
		"Pengaduan": "Pengaduan - Pohuwato 2025",
		"Permohonan Informasi": "Permohonan Informasi - PPID",
		"Keberatan Informasi": "Keberatan Informasi - PPID",
	},
	"workflow": dict(SHIPPED),
	"sifat_disposisi": {"Sangat Segera": (4, "Jam"), "Segera": (1, "Hari Kerja")},
	"penandatangan": {"Pejabat Yang Berwenang": "Ketua KPU Kabupaten Pohuwato"},
}


def preset(name: str) -> dict:
	p = PRESETS[name]
	return {
		"profil": name,
		"zona_waktu": p["zona_waktu"],
		"jam_layanan": [(r["hari"], r["jam_mulai"], r["jam_selesai"]) for r in p["jam_layanan"]],
		"mutu_baku": {dt: p.get(f) for dt, (f, _w) in SET_FIELDS.items()},
		"workflow": {dt: p.get(w) for dt, (_f, w) in SET_FIELDS.items()},
		"sifat_disposisi": {r["sifat"]: (r["jumlah"], r["satuan"]) for r in p["sifat_disposisi"]},
		"penandatangan": {r["peran"]: r["jabatan"] for r in p["penandatangan"]},
	}


def test_kapuas_hulu_preview_lists_what_changes_and_keeps_the_office_hours():
	after = core.target(CURRENT, preset("Kapuas Hulu 2023"), SHIPPED)
	rows = {r["bagian"]: (r["sebelum"], r["sesudah"]) for r in core.changes(CURRENT, after)}
	assert rows["Zona waktu"] == ("Asia/Makassar", "Asia/Jakarta")
	assert rows["Mutu Baku Pengaduan"] == ("Pengaduan - Pohuwato 2025", "Pengaduan - Kapuas Hulu 2023")
	assert rows["Workflow Pengaduan"] == ("Alur Pengaduan", "Alur Pengaduan - Kapuas Hulu 2023")
	assert rows["Jabatan penandatangan Pejabat Yang Berwenang"][1].startswith("Kepala Dinas")
	assert "Jam layanan" not in rows  # the seed names none: the office's hours stay
	assert "Mutu Baku Permohonan Informasi" not in rows  # not covered by the seed
	assert not [
		k for k in rows if k.startswith("Jabatan penandatangan Kasubag")
	]  # the office has no such row
	assert core.workflows_switched(CURRENT, after) == {"Pengaduan": "Alur Pengaduan - Kapuas Hulu 2023"}


def test_applying_twice_changes_nothing_the_second_time():
	after = core.target(CURRENT, preset("Kupang 2020"), SHIPPED)
	assert core.changes(CURRENT, after)
	again = core.target(after, preset("Kupang 2020"), SHIPPED)
	assert again == after
	assert core.changes(after, again) == []


def test_a_preset_covering_a_doctype_without_its_own_workflow_brings_back_the_shipped_one():
	kupang = core.target(CURRENT, preset("Kupang 2020"), SHIPPED)
	assert kupang["workflow"]["Permohonan Informasi"] == "Alur Permohonan Informasi - Kupang 2020"
	back = core.target(kupang, preset("PPID"), SHIPPED)
	assert back["workflow"]["Permohonan Informasi"] == "Alur Permohonan Informasi"
	assert back["zona_waktu"] == kupang["zona_waktu"]  # PPID names no zone
	agam = core.target(kupang, preset("Agam 2023"), SHIPPED)
	assert agam["workflow"]["Permohonan Informasi"] == "Alur Permohonan Informasi - Kupang 2020"  # not Agam's


def test_the_shipped_default_is_pohuwato_with_ppid():
	after = core.target(CURRENT, preset("Pohuwato 2025"), SHIPPED)
	after["sifat_disposisi"] = CURRENT["sifat_disposisi"]
	assert core.changes(CURRENT, after) == []


def test_cases_in_a_state_the_new_workflow_lacks_block_the_switch():
	kapuas = {s["state"] for s in WORKFLOWS["Alur Pengaduan - Kapuas Hulu 2023"]["states"]}
	shipped = {s["state"] for s in WORKFLOWS["Alur Pengaduan"]["states"]}
	cases = [
		{"doctype": "Pengaduan", "name": "DUMAS-1", "state": "Ditelaah"},
		{"doctype": "Pengaduan", "name": "DUMAS-2", "state": "Laporan ke Kepala Dinas"},
		{"doctype": "Permohonan Informasi", "name": "PPID-1", "state": "Disposisi Pimpinan"},
	]
	assert core.cases_in_missing_states(cases, {"Pengaduan": kapuas}) == []
	blocking = core.cases_in_missing_states(cases, {"Pengaduan": shipped})
	assert blocking == [{"doctype": "Pengaduan", "name": "DUMAS-2", "state": "Laporan ke Kepala Dinas"}]
	message = core.refusal_message("Pohuwato 2025", blocking)
	assert "DUMAS-2 (Laporan ke Kepala Dinas)" in message and "Selesaikan" in message
	many = [{"doctype": "Pengaduan", "name": f"DUMAS-{i}", "state": "X"} for i in range(25)]
	assert "dan 5 lainnya" in core.refusal_message("P", many)


def test_hours_are_compared_whatever_their_spelling():
	assert core.normalize_hours([("Jumat", "8:00:00", "11:00:00")]) == (("Jumat", "08:00", "11:00"),)
	assert core.hours_label(POHUWATO_HOURS).startswith("Senin 08.00\u201316.00; Selasa")
	assert "Jumat 08.00\u201311.00, 14.00\u201316.30" in core.hours_label(POHUWATO_HOURS)


# --- a preset's own states in the recaps -------------------------------------------------------------


def test_a_preset_state_counts_as_in_process_and_follows_the_known_stages():
	from kpu_dumas.core import recap

	summary = recap.status_summary({"Ditelaah": 1, "Laporan ke Kepala Dinas": 2, "Selesai": 3})
	assert (summary["jumlah"], summary["dalam_proses"], summary["selesai"]) == (6, 3, 3)
	rows = [
		{
			"tahap": "Laporan ke Kepala Dinas",
			"status": "Tepat Waktu",
			"selesai": 1,
			"waktu_kerja_menit": 40,
			"mutu_baku": "1 jam",
		},
		{
			"tahap": "Ditelaah",
			"status": "Terlambat",
			"selesai": 1,
			"waktu_kerja_menit": 3000,
			"mutu_baku": "5 hari kerja",
		},
		{"tahap": "Selesai", "status": "Tanpa Batas", "selesai": 0},
	]
	stages = recap.stage_compliance(rows)
	assert [s.tahap for s in stages] == ["Ditelaah", "Laporan ke Kepala Dinas"]
	assert (stages[1].tepat_waktu, stages[1].mutu_baku, stages[1].median_menit) == (1, "1 jam", 40)


def test_a_preset_state_reads_as_in_process_for_the_public_and_still_awaits_the_notice():
	from kpu_dumas.core import information_rules, portal, portal_informasi

	assert portal.public_state("Laporan ke Kepala Dinas") == portal.public_state("Ditelaah")
	assert portal.public_state("Informasi ke Admin Lapor")[0] == "Dalam Pemeriksaan"
	timeline = portal.public_timeline(
		[
			{"tahap": s, "masuk": i}
			for i, s in enumerate(["Ditelaah", "Laporan ke Kepala Dinas", "Rekomendasi"])
		]
	)
	assert [t["label"] for t in timeline] == ["Dalam Pemeriksaan"]  # no internal step names, shown once
	request = portal_informasi.public_state("Permohonan Informasi", "Disposisi Pimpinan")
	assert request == portal_informasi.public_state("Permohonan Informasi", "Diproses")
	for state in ("Diajukan", "Diproses", "Diperpanjang", "Disposisi Pimpinan", "Penyusunan Surat Balasan"):
		assert information_rules.awaits_notice(state), state
	for state in ("Pemberitahuan", "Selesai", "Dibatalkan", "Dialihkan", None):
		assert not information_rules.awaits_notice(state), state
