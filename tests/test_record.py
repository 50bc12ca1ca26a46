"""Server-owned fields, date order and the register import's row checks (frappe-free cores)."""

import datetime
import json
from pathlib import Path

from kpu_dumas.core import date_order
from kpu_dumas.core import record as rules
from kpu_dumas.core import register_import as ri

DOCTYPES = Path(__file__).parents[1] / "kpu_dumas" / "kpu_dumas" / "doctype"
TODAY = datetime.date(2026, 12, 1)


def _fields(doctype: str) -> dict:
	folder = doctype.lower().replace(" ", "_")
	meta = json.loads((DOCTYPES / folder / f"{folder}.json").read_text())
	return {f["fieldname"]: f for f in meta["fields"]}


def test_every_listed_field_exists_and_is_read_only_in_the_form():
	for doctype in rules.SERVER_FIELDS:
		fields = _fields(doctype)
		for owned in rules.owned(doctype):
			assert owned.fieldname in fields, (doctype, owned.fieldname)
			assert fields[owned.fieldname].get("read_only"), (doctype, owned.fieldname)
		for table in rules.HISTORY_TABLES[doctype]:
			assert fields[table]["fieldtype"] == "Table", (doctype, table)
			assert fields[table].get("read_only"), (doctype, table)


def test_every_read_only_number_and_deadline_is_listed():
	"""A new read-only nomor_/batas_ field cannot be forgotten in the list."""
	for doctype in rules.SERVER_FIELDS:
		listed = set(rules.fieldnames(doctype))
		for name, field in _fields(doctype).items():
			if field.get("read_only") and name.startswith(("nomor_", "batas_")):
				assert name in listed, (doctype, name)


def test_values_compare_as_the_database_keeps_them():
	assert rules.same("Datetime", datetime.datetime(2026, 1, 2, 9, 0, 0, 123), "2026-01-02 09:00:00")
	assert rules.same("Date", datetime.date(2026, 1, 2), "2026-01-02")
	assert rules.same("Check", 0, None) and rules.same("Int", "3", 3)
	assert rules.same("Data", None, "")
	assert not rules.same("Datetime", "2026-01-02 09:00:00", "2099-01-01 00:00:00")
	assert not rules.same("Data", "12/KPU/2026", "PALSU/9")


def test_history_rows_edited_added_removed_or_reordered():
	types = {"tahap": "Data", "batas_waktu": "Datetime", "status": "Select"}
	old = [{"name": "a", "tahap": "Diterima", "status": "Tepat Waktu"}, {"name": "b", "tahap": "Terdaftar"}]
	assert rules.history_violation(old, [dict(r) for r in old], types) is None
	assert rules.history_violation(old, [old[0], {**old[1], "status": "Tepat Waktu"}], types) == "diubah"
	assert rules.history_violation(old, [*old, {"name": "c", "tahap": "Selesai"}], types) == "ditambah"
	assert rules.history_violation(old, old[:1], types) == "dihapus"
	assert rules.history_violation(old, old[::-1], types) == "diubah urutannya"


def test_correctable_fields_are_numbers_and_dates_only():
	for doctype in rules.CORRECTORS:
		for owned in rules.owned(doctype):
			if owned.correctable:
				assert owned.kind in (rules.NUMBER, rules.TRANSITION), (doctype, owned.fieldname)
				assert owned.fieldname.startswith(("nomor_", "tanggal_"))


def test_date_order_rules_each_with_its_own_message():
	assert date_order.complaint_errors({"tanggal_diterima": "2026-12-01 10:00:00"}, TODAY) == []
	(future,) = date_order.complaint_errors({"tanggal_diterima": "2027-01-14 09:00:00"}, TODAY)
	assert "14 Januari 2027" in future and "masa depan" in future
	(service,) = date_order.complaint_errors(
		{"tanggal_layanan": "2026-11-20", "tanggal_diterima": "2026-11-10 09:00:00"}, TODAY
	)
	assert "pelayanan" in service
	(delivered,) = date_order.complaint_errors(
		{
			"tanggal_diterima": "2026-11-01",
			"tanggal_tanggapan": "2026-11-20",
			"tanggal_disampaikan": "2026-11-19",
		},
		TODAY,
	)
	assert "sebelum disetujui" in delivered
	(notice,) = date_order.request_errors(
		{"tanggal_diterima": "2026-11-10", "tanggal_pemberitahuan": "2018-01-01"}, TODAY
	)
	assert "diregistrasi" in notice
	(handover,) = date_order.request_errors(
		{
			"tanggal_diterima": "2026-11-10",
			"tanggal_pemberitahuan": "2026-11-20",
			"tanggal_diserahkan": "2026-11-19",
		},
		TODAY,
	)
	assert "sebelum pemberitahuan tertulis" in handover
	assert (
		len(
			date_order.objection_errors(
				{"tanggal_penyebab": "2026-11-25", "tanggal_diajukan": "2026-11-20"}, TODAY
			)
		)
		== 1
	)


def _row(kind, **values):
	return [values.get(c.header) for c in ri.COLUMNS[kind]]


OPTIONS = {
	"kanal": ["Surat", "Website"],
	"workflow_state": list(ri.CLOSED_STATES["Pengaduan"]),
	"alasan_tidak_ditindaklanjuti": ["", "Bukan kewenangan KPU"],
	"kesimpulan": [""],
	"media_tanggapan": ["", "Surat"],
}


def _read(rows, used=frozenset()):
	return ri.read_rows(
		"Pengaduan",
		ri.template_header("Pengaduan"),
		rows,
		year=2019,
		options=OPTIONS,
		numbers_in_use=set(used),
		today=TODAY,
	)


def test_import_reads_good_rows_into_closed_cases():
	result = _read(
		[
			_row(
				"Pengaduan",
				**{
					"Nomor Registrasi": "001/2019",
					"Tanggal Diterima": "05/02/2019",
					"Kanal": "surat",
					"Perihal": "A",
					"Status Akhir": "Selesai",
				},
			),
			_row(
				"Pengaduan",
				**{
					"Nomor Registrasi": "002/2019",
					"Tanggal Diterima": datetime.datetime(2019, 3, 1),
					"Kanal": "Surat",
					"Perihal": "B",
					"Status Akhir": "Dicabut",
				},
			),
		]
	)
	assert result.ok and not result.refused
	first, second = result.cases
	assert first["name"] == "001/2019" and first["tanggal_diterima"] == datetime.datetime(2019, 2, 5)
	assert first["kanal"] == "Surat" and first["workflow_state"] == "Selesai"
	assert second["workflow_state"] == "Dicabut"


def test_import_refuses_collisions_wrong_year_bad_choices_and_names_each_row():
	good = {"Tanggal Diterima": "2019-01-10", "Kanal": "Surat", "Perihal": "A", "Status Akhir": "Selesai"}
	result = _read(
		[
			_row("Pengaduan", **{**good, "Nomor Registrasi": "001"}),
			_row("Pengaduan", **{**good, "Nomor Registrasi": "001"}),
			_row("Pengaduan", **{**good, "Nomor Registrasi": "002", "Tanggal Diterima": "2020-01-10"}),
			_row("Pengaduan", **{**good, "Nomor Registrasi": "003", "Kanal": "Merpati"}),
			_row("Pengaduan", **{**good, "Nomor Registrasi": "DIPAKAI"}),
			_row("Pengaduan", **{**good, "Nomor Registrasi": "004", "Status Akhir": "Ditelaah"}),
		],
		used={"DIPAKAI"},
	)
	assert not result.ok
	reasons = dict(result.refused)
	assert "sudah dipakai pada baris 2" in reasons[3]
	assert "bukan tahun register 2019" in reasons[4]
	assert "'Merpati' bukan pilihan" in reasons[5]
	assert "sudah dipakai di situs ini" in reasons[6]
	assert "Status Akhir: 'Ditelaah' bukan pilihan" in reasons[7]


def test_import_without_required_header_or_rows_says_so():
	result = ri.read_rows(
		"Pengaduan", ["Perihal"], [], year=2019, options=OPTIONS, numbers_in_use=set(), today=TODAY
	)
	assert "Nomor Registrasi*" in result.refused[0][1]
	assert "tidak memuat satu baris" in _read([]).refused[0][1]
