"""The shared shell of our registers: the record is the server's.

`KpuRecord` is the base of Pengaduan, Permohonan Informasi, Keberatan Informasi and Disposisi. It
- refuses any client write to a server-owned field (`kpu_dumas.core.record.SERVER_FIELDS`), to the
  stage history rows and to the portal's channel, whatever the role and whatever the door (form,
  REST, `frappe.client.set_value`, bulk edit, Data Import): a client's value differs from the stored
  one (or, on insert, from the default), so the save is refused with the field named;
- never hands out a registration number twice: not after a delete, not after a counter was set back;
- refuses to delete a case that was registered: it ends through its workflow (Batalkan).

The app's own writes (portal, workflow effects in `validate`, the importer, the correction door) mark
the document with `trusted(doc)`; Frappe never lets a client set `doc.flags`.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname, parse_naming_series

from kpu_dumas import clock, numbering
from kpu_dumas.core import date_order
from kpu_dumas.core import record as rules
from kpu_dumas.core.dates import format_date

TRUSTED = "kpu_server_write"


def trusted(doc):
	"""Mark `doc` as written by the app itself (its server-owned fields may be set)."""
	doc.flags[TRUSTED] = True
	return doc


class KpuRecord(Document):
	# Initial workflow state: a case still in it, with no number issued and not from the portal, is a
	# draft that may be deleted. Subclasses set it.
	draft_state: str | None = None

	def before_insert(self):
		guard(self)

	def before_validate(self):
		if not self.is_new():
			guard(self)
		check_date_order(self)

	def before_update_after_submit(self):
		guard(self)

	@property
	def imported(self) -> bool:
		"""Being created by the register import: a closed past case, not a transition."""
		return bool(self.flags.get("kpu_import"))

	def validate_workflow(self):
		if not self.imported:  # an imported case arrives in its end state; it took no transition
			super().validate_workflow()

	def autoname(self):
		# An imported past case keeps its original number (kpu_dumas.register_import).
		self.name = self.flags.get("kpu_import_name") or unused_name(self)

	def on_trash(self):
		refuse_registered_delete(self)
		self.flags.series_before_delete = _series_current(self)

	def after_delete(self):
		_keep_series_forward(self, self.flags.series_before_delete)


# --- the guard ------------------------------------------------------------------------------------------


def guard(doc):
	if doc.flags.get(TRUSTED):
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	meta = doc.meta
	if doc.is_new() and doc.name:
		_refuse(doc, _("Nomor Registrasi"), _("nomor registrasi diberikan oleh sistem saat pencatatan"))
	for fieldname in rules.fieldnames(doc.doctype):
		df = meta.get_field(fieldname)
		if not df:
			continue
		old = before.get(fieldname) if before else df.default
		if not rules.same(df.fieldtype, old, doc.get(fieldname)):
			_refuse(doc, _(df.label), _server_note(df.fieldtype, old))
	_guard_channel(doc, before)
	_guard_history(doc, before)


def _guard_channel(doc, before):
	if doc.doctype not in rules.PORTAL_CHANNEL:
		return
	fieldname, portal_value = rules.PORTAL_CHANNEL[doc.doctype]
	old, new = (before.get(fieldname) if before else None), doc.get(fieldname)
	if old != new and portal_value in (old, new):
		label = _(doc.meta.get_label(fieldname))
		_refuse(doc, label, _("kanal {0} hanya dicatat oleh portal").format(portal_value))


def _guard_history(doc, before):
	for table in rules.HISTORY_TABLES.get(doc.doctype, ()):
		child_meta = frappe.get_meta(doc.meta.get_field(table).options)
		fieldtypes = {
			df.fieldname: df.fieldtype for df in child_meta.fields if df.fieldname not in rules.ROW_META
		}
		old_rows = [row.as_dict() for row in (before.get(table) if before else [])]
		new_rows = [row.as_dict() for row in doc.get(table)]
		how = rules.history_violation(old_rows, new_rows, fieldtypes)
		if how:
			_refuse(
				doc,
				_(doc.meta.get_label(table)),
				_("baris {0} dicatat oleh sistem dan tidak dapat {1}").format(
					_(doc.meta.get_label(table)).lower(), _(how)
				),
			)


def _server_note(fieldtype, stored) -> str:
	if fieldtype == "Password" or (stored in (None, "", 0) and fieldtype not in ("Check", "Int")):
		return _("kolom ini diisi oleh sistem")
	if fieldtype == "Datetime":
		shown = clock.format_office(stored)
	elif fieldtype == "Date":
		shown = format_date(stored)
	elif fieldtype == "Check":
		shown = _("Ya") if stored else _("Tidak")
	else:
		shown = stored
	return _("kolom ini diisi oleh sistem (nilai tersimpan: {0})").format(shown)


def _refuse(doc, label, why):
	frappe.throw(
		_(
			"Kolom {0} pada {1} tidak dapat diubah: {2}. Nilai ini hanya diisi oleh sistem. Bila Anda tidak "
			"mengubahnya, muat ulang dokumen lalu simpan kembali. Nomor atau tanggal yang memang keliru "
			"dikoreksi lewat aksi Koreksi Data oleh pejabat yang berwenang, dengan alasan."
		).format(frappe.bold(label), _(doc.doctype), why),
		frappe.PermissionError,
		title=_("Kolom Milik Sistem"),
	)


def check_date_order(doc):
	errors = date_order.errors_for(doc.doctype, office_dates(doc), clock.office_today())
	if errors:
		frappe.throw("<br>".join(_(e) for e in errors), title=_("Urutan Tanggal Tidak Benar"))


def office_dates(doc) -> dict:
	"""The document's values with every Datetime (stored in the system's zone) as the office's date, so
	that it compares with the Date fields, which hold office days. Where the site's zone is not the
	office's, a moment near midnight falls on another day at the office (12 hours apart for a site on
	America/New_York and an office on WITA)."""
	values = doc.as_dict()
	calendar = None
	for field in doc.meta.get("fields", {"fieldtype": "Datetime"}):
		if value := values.get(field.fieldname):
			calendar = calendar or clock.get_calendar()
			values[field.fieldname] = clock.to_office(frappe.utils.get_datetime(value), calendar).date()
	return values


# --- numbers that are never reused ---------------------------------------------------------------------


def _name_in_use(doctype: str, name: str) -> bool:
	return bool(
		frappe.db.exists(doctype, name)
		or frappe.db.exists("Deleted Document", {"deleted_doctype": doctype, "deleted_name": name})
	)


def unused_name(doc) -> str:
	"""The next name of the document's series that no record, live or deleted, has ever held."""
	series = doc.get("naming_series") or doc.meta.get_field("naming_series").default
	while True:
		name = _next_name(series, doc)
		if not _name_in_use(doc.doctype, name):
			return name


def _next_name(series: str, doc) -> str:
	"""As Frappe's make_autoname for a series ending in its counter ("DUMAS-.YYYY.-.#####"), with the
	counter taken apart from this transaction (numbering.next_in_series)."""
	head, hashes, tail = series.partition(".#")
	if not hashes or tail.strip("#"):
		return make_autoname(series, doc.doctype, doc)
	key = _series_key(series, doc)
	return f"{key}{numbering.next_in_series(key):0{1 + len(tail)}d}"


def _series_key(series: str, doc) -> str:
	"""The Series counter's name for a naming series: "DUMAS-.YYYY.-.#####" gives "DUMAS-2026-"."""
	return parse_naming_series(series.split(".#", 1)[0].split("."), doc=doc)


def _series_prefix(doc) -> str | None:
	"""The Series key Frappe sets back when this document is deleted (as `revert_series_if_last`)."""
	series = doc.get("naming_series")
	if not series or ".#" not in series:
		return None
	prefix = _series_key(series, doc)
	return prefix if doc.name.startswith(prefix) else None


def _series_current(doc) -> tuple[str, int] | None:
	prefix = _series_prefix(doc)
	if not prefix:
		return None
	series = frappe.qb.DocType("Series")
	rows = frappe.qb.from_(series).select(series.current).where(series.name == prefix).run()
	return (prefix, int(rows[0][0] or 0)) if rows else None


def _keep_series_forward(doc, before):
	"""Frappe sets a series back when its last document is deleted; ours only move forward."""
	if not before:
		return
	prefix, current = before
	series = frappe.qb.DocType("Series")
	frappe.qb.update(series).set(series.current, current).where(
		(series.name == prefix) & (series.current < current)
	).run()


def refuse_registered_delete(doc):
	"""A case that holds a number, left its first state, came from the portal or was imported stays."""
	if not registered(doc):
		return
	frappe.throw(
		_(
			"{0} {1} sudah tercatat dalam register dan tidak dapat dihapus oleh siapa pun, agar nomornya "
			"tidak hilang atau dipakai ulang. Akhiri lewat alur kerjanya: aksi Batalkan dengan alasan."
		).format(_(doc.doctype), frappe.bold(doc.name)),
		frappe.PermissionError,
		title=_("Tidak Dapat Dihapus"),
	)


def registered(doc) -> bool:
	if doc.docstatus != 0 or doc.get("diimpor"):
		return True
	if doc.draft_state and doc.get("workflow_state") not in (None, "", doc.draft_state):
		return True
	if doc.doctype in rules.PORTAL_CHANNEL:
		fieldname, portal_value = rules.PORTAL_CHANNEL[doc.doctype]
		if doc.get(fieldname) == portal_value:
			return True
	return any(doc.get(f) for f in rules.numbers(doc.doctype))


# --- track changes without identities ------------------------------------------------------------------

# Fields whose values never enter a Version diff: the timeline says they changed, not what they hold.
IDENTITY_FIELDS = {
	"Identitas Pelapor": (
		"nama_lengkap",
		"jenis_identitas",
		"nomor_identitas",
		"alamat",
		"pekerjaan",
		"telepon",
		"email",
		"nama_kuasa",
		"nomor_identitas_kuasa",
		"surat_kuasa",
	),
	"Permohonan Informasi": ("nomor_identitas", "alamat", "telepon", "email"),
	"Keberatan Informasi": ("alamat", "telepon", "email"),
	"Pengaduan": ("pengguna_portal",),
}
HIDDEN = "(disembunyikan)"


def mask_identity_in_version(version, method=None):
	fields = IDENTITY_FIELDS.get(version.ref_doctype)
	if not fields or not version.data:
		return
	data = frappe.parse_json(version.data)
	for change in data.get("changed") or []:
		if change and change[0] in fields:
			change[1:] = [HIDDEN if v not in (None, "") else v for v in change[1:]]
	version.data = frappe.as_json(data)
