# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

"""Past register books come in through this one door (kpu_dumas.core.register_import checks the rows).

An Impor Register record holds the uploaded .xlsx. Its Impor action checks every row first: if any row
is refused, nothing is saved and every refused row is listed with its reason; otherwise all rows become
closed cases with their original numbers, marked as imported, by whom and from which import.
"""

from io import BytesIO

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from kpu_dumas import clock
from kpu_dumas.core import record as record_rules
from kpu_dumas.core import register_import as ri
from kpu_dumas.record import TRUSTED, trusted

SUCCESS, REFUSED, DRAFT = "Berhasil", "Ditolak", "Draft"
IMPORT_FLAG = "kpu_import"


class ImporRegister(Document):
	def validate(self):
		before = None if self.is_new() else self.get_doc_before_save()
		if before and before.status == SUCCESS and not self.flags.get(TRUSTED):
			frappe.throw(
				_(
					"Impor {0} sudah berhasil dan menjadi catatan asal perkara yang diimpor; tidak dapat diubah."
				).format(self.name),
				title=_("Impor Sudah Berhasil"),
			)
		if not self.flags.get(TRUSTED):
			self.status = before.status if before else DRAFT
		if self.tahun and not 1990 <= self.tahun <= clock.office_today().year:
			frappe.throw(
				_(
					"Tahun register {0} tidak masuk akal: isi tahun buku register, paling lambat tahun ini."
				).format(self.tahun),
				title=_("Tahun Tidak Valid"),
			)

	def on_trash(self):
		if self.status == SUCCESS:
			frappe.throw(
				_(
					"Impor {0} sudah berhasil dan tidak dapat dihapus: perkara yang diimpor merujuk kepadanya."
				).format(self.name),
				title=_("Tidak Dapat Dihapus"),
			)

	@frappe.whitelist()
	def impor(self):
		"""Check every row, then create all the cases or none."""
		self.check_permission("write")
		allowed = {"System Manager", *record_rules.CORRECTORS[self.jenis_register]}
		if not allowed & set(frappe.get_roles()):
			frappe.throw(
				_("Register {0} hanya dapat diimpor oleh: {1}.").format(
					_(self.jenis_register), ", ".join(sorted(allowed))
				),
				frappe.PermissionError,
				title=_("Tidak Berwenang"),
			)
		if self.status == SUCCESS:
			frappe.throw(_("Impor {0} sudah berhasil.").format(self.name), title=_("Sudah Diimpor"))
		header, rows = self.sheet()
		result = ri.read_rows(
			self.jenis_register,
			header,
			rows,
			year=self.tahun,
			options=choice_options(self.jenis_register),
			numbers_in_use=numbers_in_use(self.jenis_register),
			today=clock.office_today(),
		)
		self.jumlah_baris = len(result.cases) + len(result.refused)
		if result.ok:
			created = []
			frappe.db.savepoint("impor_register")
			try:
				for case in result.cases:
					created.append(create_case(self, case))
			except frappe.ValidationError as e:
				frappe.db.rollback(save_point="impor_register")
				frappe.clear_messages()
				result.refused.append(
					(0, _("perkara {0} tidak dapat disimpan: {1}").format(case.get("name"), e))
				)
				created = []
			self.jumlah_dibuat = len(created)
		if result.refused:
			self.status = REFUSED
			self.jumlah_dibuat = 0
			self.hasil = "\n".join(
				(_("Baris {0}: {1}").format(n, reason) if n else reason) for n, reason in result.refused
			)
		else:
			self.status = SUCCESS
			self.hasil = ""
			self.diimpor_oleh = frappe.session.user
			self.diimpor_pada = now_datetime()
		trusted(self).save()
		return {"status": self.status, "dibuat": self.jumlah_dibuat, "ditolak": len(result.refused)}

	def sheet(self) -> tuple[list, list]:
		from openpyxl import load_workbook

		if not self.berkas or not self.berkas.lower().endswith(".xlsx"):
			frappe.throw(
				_("Lampirkan berkas Excel .xlsx dari templat Impor Register."), title=_("Berkas Belum Ada")
			)
		content = frappe.get_doc("File", {"file_url": self.berkas}).get_content()
		try:
			book = load_workbook(BytesIO(content), read_only=True, data_only=True)
		except Exception:
			frappe.throw(
				_(
					"Berkas {0} tidak dapat dibaca sebagai Excel .xlsx. Simpan ulang dari Excel lalu unggah lagi."
				).format(self.berkas),
				title=_("Berkas Tidak Terbaca"),
			)
		values = [list(row) for row in book.active.iter_rows(values_only=True)]
		if not values:
			return [], []
		return values[0], values[1:]


def choice_options(doctype: str) -> dict[str, list[str]]:
	meta = frappe.get_meta(doctype)
	fields = [
		c.fieldname for c in ri.COLUMNS[doctype] if c.kind == "choice" and c.fieldname != "workflow_state"
	]
	options = {f: (meta.get_options(f) or "").split("\n") for f in fields}
	options["workflow_state"] = list(ri.CLOSED_STATES[doctype])
	return options


def numbers_in_use(doctype: str) -> set[str]:
	used = set(frappe.get_all(doctype, pluck="name"))
	used |= set(
		frappe.get_all("Deleted Document", filters={"deleted_doctype": doctype}, pluck="deleted_name")
	)
	for dt, field in record_rules.number_fields():
		used |= set(frappe.get_all(dt, filters={field: ("is", "set")}, pluck=field))
	return used


# What the DocType requires and an old register book never held.
FILLERS = {
	"Pengaduan": lambda case: {"uraian": case.get("uraian") or case.get("perihal")},
	"Permohonan Informasi": lambda case: {
		"jenis_identitas": "Kartu Identitas Lainnya",
		"nomor_identitas": ri.PLACEHOLDER,
		"alamat": case.get("alamat") or ri.PLACEHOLDER,
		"tujuan_penggunaan": case.get("tujuan_penggunaan") or ri.PLACEHOLDER,
	},
}


def create_case(importer, case: dict) -> str:
	values = {k: v for k, v in case.items() if k != "name"}
	doc = frappe.get_doc(
		{
			"doctype": importer.jenis_register,
			**values,
			**FILLERS[importer.jenis_register](case),
			"diimpor": 1,
			"diimpor_oleh": frappe.session.user,
			"impor_register": importer.name,
			"docstatus": 1,
		}
	)
	doc.flags.kpu_import_name = case["name"]
	doc.flags[IMPORT_FLAG] = True
	trusted(doc).insert(ignore_permissions=True)
	return doc.name


@frappe.whitelist()
def unduh_templat(jenis_register: str):
	"""The .xlsx template of a register: its header row and one example row."""
	from openpyxl import Workbook

	if jenis_register not in ri.COLUMNS:
		frappe.throw(_("Jenis register tidak dikenal: {0}.").format(jenis_register))
	book = Workbook()
	sheet = book.active
	sheet.title = "Register"
	sheet.append(ri.template_header(jenis_register))
	out = BytesIO()
	book.save(out)
	frappe.response["filename"] = f"templat-impor-{frappe.scrub(jenis_register)}.xlsx"
	frappe.response["filecontent"] = out.getvalue()
	frappe.response["type"] = "binary"
