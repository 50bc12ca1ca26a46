"""The correction door: a server-owned number or date that was really wrong is corrected by the
Pejabat Yang Berwenang (complaints) or the PPID (information requests and objections), with a reason.

Every correction writes a Koreksi Data row (who, when, old, new, why) that nobody edits or deletes,
and a comment on the document's timeline. Letters and registers read the corrected field.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cstr, getdate, now_datetime

from kpu_dumas import clock, verification
from kpu_dumas.core import date_order
from kpu_dumas.core import record as rules
from kpu_dumas.numbering import number_in_use
from kpu_dumas.record import trusted

AUDIT = "Koreksi Data"
MIN_REASON = 10


@frappe.whitelist()
def kolom_koreksi(doctype: str) -> dict:
	"""The fields the session user may correct on `doctype` (empty when they may not correct)."""
	if not _may_correct(doctype):
		return {"boleh": False, "kolom": []}
	meta = frappe.get_meta(doctype)
	columns = [
		{"fieldname": f, "label": _(meta.get_label(f)), "fieldtype": meta.get_field(f).fieldtype}
		for f in rules.correctable(doctype)
	]
	return {"boleh": True, "kolom": columns}


@frappe.whitelist(methods=["POST"])
def koreksi(doctype: str, name: str, kolom: str, nilai_baru: str, alasan: str) -> dict:
	if not _may_correct(doctype):
		roles = ", ".join(rules.CORRECTORS.get(doctype, ())) or "-"
		frappe.throw(
			_("Koreksi data {0} hanya dapat dilakukan oleh: {1}.").format(_(doctype), roles),
			frappe.PermissionError,
			title=_("Tidak Berwenang"),
		)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	meta = doc.meta
	if kolom not in rules.correctable(doctype):
		allowed = ", ".join(_(meta.get_label(f)) for f in rules.correctable(doctype))
		frappe.throw(
			_("Kolom {0} tidak dapat dikoreksi. Yang dapat dikoreksi: {1}.").format(
				frappe.bold(kolom), allowed
			),
			title=_("Kolom Tidak Dapat Dikoreksi"),
		)
	label = _(meta.get_label(kolom))
	reason = cstr(alasan).strip()
	if len(reason) < MIN_REASON:
		frappe.throw(
			_(
				"Tuliskan alasan koreksi {0} (paling sedikit {1} karakter): apa yang keliru dan dari mana nilai yang benar."
			).format(label, MIN_REASON),
			title=_("Alasan Koreksi Wajib"),
		)
	fieldtype = meta.get_field(kolom).fieldtype
	new = _parse(fieldtype, nilai_baru, label)
	old = doc.get(kolom)
	if rules.same(fieldtype, old, new):
		frappe.throw(
			_("Nilai baru {0} sama dengan nilai yang tersimpan.").format(label),
			title=_("Tidak Ada Perubahan"),
		)
	if fieldtype == "Data" and number_in_use(new):
		frappe.throw(
			_("Nomor {0} sudah dipakai surat lain. Nomor tidak boleh dipakai dua kali.").format(
				frappe.bold(new)
			),
			title=_("Nomor Sudah Dipakai"),
		)
	errors = date_order.errors_for(doctype, {**doc.as_dict(), kolom: new}, clock.office_today())
	if errors:
		frappe.throw("<br>".join(_(e) for e in errors), title=_("Urutan Tanggal Tidak Benar"))

	doc.db_set(kolom, new)  # the one write past the guard: this door
	verification.sync(doc)  # a corrected letter gets a new record; the old one says Diganti
	audit = frappe.get_doc(
		{
			"doctype": AUDIT,
			"dokumen_type": doctype,
			"dokumen": name,
			"kolom": kolom,
			"label_kolom": label,
			"nilai_lama": cstr(old),
			"nilai_baru": cstr(new),
			"alasan": reason,
			"dikoreksi_oleh": frappe.session.user,
			"dikoreksi_pada": now_datetime(),
		}
	)
	trusted(audit).insert(ignore_permissions=True)
	doc.add_comment(
		"Info",
		_("Koreksi {0}: {1} menjadi {2}. Alasan: {3} ({4})").format(
			label, cstr(old) or "-", cstr(new), reason, audit.name
		),
	)
	return {"koreksi": audit.name, "nilai_baru": cstr(new)}


def _may_correct(doctype: str) -> bool:
	return bool(set(rules.CORRECTORS.get(doctype, ())) & set(frappe.get_roles()))


def _parse(fieldtype: str, value, label: str):
	text = cstr(value).strip()
	if not text:
		frappe.throw(_("Isi nilai baru {0}.").format(label), title=_("Nilai Baru Kosong"))
	if fieldtype == "Date":
		try:
			return getdate(text)
		except Exception:
			frappe.throw(
				_("Nilai baru {0} bukan tanggal. Tulis seperti 2026-01-31.").format(label),
				title=_("Tanggal Tidak Valid"),
			)
	return text
