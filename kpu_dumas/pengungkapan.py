"""Revealing a rahasia identity: a reason first, one append-only log row per reveal.

An identity reader (permissions.can_read_identity) who may read a rahasia complaint still sees its
reporter's identity masked (core.kerahasiaan.MASK) until they give a reason. The reason opens one door
for a short while (core.pengungkapan.GRANT_SECONDS): a grant in the cache keyed by user, identity and
door. Each reveal writes one row of Log Buka Identitas (who, when, which case, why, which door).

Doors:
- form / api: the Identitas Pelapor document (getdoc, REST GET, frappe.client.get), masked by `seal`,
  called from EncryptedFields.apply_fieldlevel_read_permissions; `buka_identitas` (api/kerahasiaan.py)
  opens it, and for "api" returns the values;
- print: the letters that carry the identity (letters.reporter calls `require_print`) and the print
  view of Identitas Pelapor itself (`seal_for_print`, doc_events before_print);
- report / export: Register Pengaduan's filter "Alasan membuka identitas rahasia" (`reveal_in_register`),
  "export" when the call is an export (Frappe's export_query or the app's xlsx endpoint).

Non-rahasia identities open as before: no reason, no log row.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from kpu_dumas.core import kerahasiaan as core
from kpu_dumas.core import pengungkapan as rules
from kpu_dumas.permissions import can_read_identity

LOG = "Log Buka Identitas"
IDENTITAS = "Identitas Pelapor"
ONLOAD_KEY = "pengungkapan"
EXPORT_METHODS = ("frappe.desk.query_report.export_query", "kpu_dumas.reports.export.export_xlsx")
_CACHE_PREFIX = "kpu_dumas:buka_identitas"


# --- reasons, grants and the log -------------------------------------------------------------------------


def check_reason(alasan) -> str:
	"""The normalised reason, or a clear Indonesian error."""
	if error := rules.reason_error(alasan):
		frappe.throw(_(error), title=_("Alasan Diperlukan"))
	return rules.normalize_reason(alasan)


def _key(user: str, identitas: str, door: str) -> str:
	return f"{_CACHE_PREFIX}:{user}:{identitas}:{door}"


def grant(identitas: str, door: str, alasan: str, user: str | None = None) -> None:
	"""Open `door` on `identitas` for `user` for GRANT_SECONDS."""
	frappe.cache.set_value(
		_key(user or frappe.session.user, identitas, door), alasan, expires_in_sec=rules.GRANT_SECONDS
	)


def live_grant(identitas: str, doors, user: str | None = None) -> str | None:
	"""The reason of a live grant on `identitas` through one of `doors` (a door or a tuple), or None."""
	user = user or frappe.session.user
	for door in (doors,) if isinstance(doors, str) else doors:
		if reason := frappe.cache.get_value(_key(user, identitas, door), expires=True):
			return reason
	return None


def clear_grants(user: str | None = None) -> None:
	"""Close every live reveal (of `user`, or of everyone)."""
	frappe.cache.delete_keys(f"{_CACHE_PREFIX}:{user}:" if user else f"{_CACHE_PREFIX}:")


def log_reveal(pengaduan: str, identitas: str, alasan: str, pintu: str, user: str | None = None) -> str:
	"""Write one row of the reveal log; returns its name."""
	if pintu not in core.DOORS:
		frappe.throw(_("Pintu tidak dikenal: {0}. Pilihan: {1}.").format(pintu, ", ".join(core.DOORS)))
	row = frappe.get_doc(
		{
			"doctype": LOG,
			"pengguna": user or frappe.session.user,
			"waktu": now_datetime(),
			"pengaduan": pengaduan,
			"identitas_pelapor": identitas,
			"alasan": alasan,
			"pintu": pintu,
		}
	)
	row.flags.from_reveal = True
	row.insert(ignore_permissions=True)
	frappe.local.flags.commit = True  # a reveal over GET (a report) is logged all the same
	return row.name


def reveal(pengaduan: str, identitas: str, alasan: str, pintu: str) -> dict:
	"""Log the reveal and open the door; returns when the grant ends."""
	alasan = check_reason(alasan)
	log_reveal(pengaduan, identitas, alasan, pintu)
	grant(identitas, pintu, alasan)
	return {"berlaku_sampai": str(add_to_date(now_datetime(), seconds=rules.GRANT_SECONDS))}


# --- which identities are sealed -----------------------------------------------------------------------


def rahasia_case(identitas: str) -> str | None:
	"""The rahasia complaint `identitas` belongs to, or None (its identity opens as any other)."""
	if not identitas:
		return None
	return frappe.db.get_value(
		"Pengaduan", {"identitas_pelapor": identitas, "rahasia": 1, "anonim": 0}, "name", order_by="creation"
	)


def rahasia_identities(names) -> set[str]:
	"""Of the Identitas Pelapor `names`, those that belong to a rahasia complaint (rahasia_case, for many
	at once: one query)."""
	if not names:
		return set()
	return set(
		frappe.get_all(
			"Pengaduan",
			filters={"identitas_pelapor": ("in", list(names)), "rahasia": 1, "anonim": 0},
			pluck="identitas_pelapor",
		)
	)


def _mask(doc) -> None:
	from kpu_dumas.kerahasiaan import ENCRYPTED

	for fieldname in ENCRYPTED.get(doc.doctype, ()):
		if doc.get(fieldname) not in (None, "", core.ERASED):
			doc.set(fieldname, core.MASK)


def seal(doc) -> None:
	"""Mask the identity fields of `doc` (an ENCRYPTED doctype's document about to go to a client) when
	it belongs to a rahasia complaint and the current user has no live reveal for it (form or api).
	The client learns it through doc.__onload.pengungkapan: {tersegel, pengaduan}."""
	if doc.doctype != IDENTITAS or doc.is_new():
		return
	pengaduan = rahasia_case(doc.name)
	if not pengaduan:
		return
	sealed = not live_grant(doc.name, rules.DOCUMENT_DOORS)
	if sealed:
		_mask(doc)
	doc.set_onload(ONLOAD_KEY, {"tersegel": sealed, "pengaduan": pengaduan})


def seal_values(doctype: str, name: str, values: dict) -> dict:
	"""`values` (fields of one record, decrypted for a client, e.g. frappe.client.validate_link) with a
	rahasia identity's fields masked unless the current user has a live form/api reveal."""
	if doctype == IDENTITAS and values and rahasia_case(name) and not live_grant(name, rules.DOCUMENT_DOORS):
		from kpu_dumas.kerahasiaan import ENCRYPTED

		for fieldname in ENCRYPTED[IDENTITAS]:
			if values.get(fieldname) not in (None, "", core.ERASED):
				values[fieldname] = core.MASK
	return values


def seal_for_print(doc, method=None, *args, **kwargs) -> None:
	"""doc_events before_print of Identitas Pelapor: its print view needs a live print reveal."""
	if doc.is_new() or not rahasia_case(doc.name):
		return
	if not live_grant(doc.name, "print"):
		_mask(doc)


def keep_masked(doc, method=None) -> None:
	"""doc_events before_validate of Identitas Pelapor: a field saved as the mask (a sealed form saved
	without a reveal) is validated as the stored value, which the write keeps (EncryptedFields)."""
	from kpu_dumas.kerahasiaan import ENCRYPTED, decrypt

	fieldnames = [f for f in ENCRYPTED.get(doc.doctype, ()) if doc.get(f) == core.MASK]
	if not fieldnames or doc.is_new():
		return
	stored = frappe.db.get_value(doc.doctype, doc.name, fieldnames, as_dict=True) or {}
	for fieldname in fieldnames:
		doc.set(fieldname, decrypt(stored.get(fieldname)))


# --- print door ------------------------------------------------------------------------------------------


def require_print(pengaduan) -> None:
	"""A letter that carries the identity of rahasia complaint `pengaduan` (a document) needs a live
	print reveal by the current user; without one the print refuses and says how to open it."""
	if live_grant(pengaduan.identitas_pelapor, "print"):
		return
	minutes = rules.GRANT_SECONDS // 60
	frappe.throw(
		_(
			"Surat ini memuat identitas pelapor yang dirahasiakan. Buka formulir Pengaduan {0}, pilih "
			"Identitas Rahasia > Cetak Surat dengan Identitas dan tuliskan alasannya; surat dapat dicetak "
			"selama {1} menit setelah itu."
		).format(pengaduan.name, minutes),
		frappe.PermissionError,
		title=_("Identitas Pelapor Dirahasiakan"),
	)


# --- report and export doors -----------------------------------------------------------------------------


def export_call() -> bool:
	"""Whether this request exports a report (Frappe's export_query or the app's xlsx download)."""
	cmd = (frappe.local.form_dict or {}).get("cmd") or ""
	path = frappe.request.path if getattr(frappe.local, "request", None) else ""
	return any(cmd == m or path.endswith(m) for m in EXPORT_METHODS)


def reveal_in_register(rows: list[dict], filters) -> int:
	"""Register Pengaduan with "Alasan membuka identitas rahasia" filled by an identity reader: the
	rahasia reporters of `rows` (complaints the reader may read) are named, one log row per case, door
	"report" (or "export"). A report run again within the grant with the same reason logs nothing new.
	Returns how many were revealed."""
	from kpu_dumas.kerahasiaan import decrypt

	alasan = (filters or {}).get("alasan_identitas")
	if not alasan:
		return 0
	if not can_read_identity():
		frappe.throw(
			_(
				"Hanya Petugas Penerima Aduan dan Pejabat Yang Berwenang yang dapat membuka identitas rahasia."
			),
			frappe.PermissionError,
		)
	alasan = check_reason(alasan)
	if getattr(frappe.local, "job", None):
		# A prepared (background) report keeps its result in a file: no identity goes there.
		frappe.throw(
			_(
				"Identitas rahasia tidak dibuka dalam laporan yang disiapkan di latar belakang. Kosongkan "
				"Alasan membuka identitas rahasia, atau minta System Manager mematikan Prepared Report "
				"untuk laporan ini."
			),
			title=_("Identitas Pelapor Dirahasiakan"),
		)
	if not rows:
		return 0
	door = "export" if export_call() else "report"
	cases = frappe.get_all(
		"Pengaduan",
		filters={
			"name": ("in", [r["name"] for r in rows]),
			"rahasia": 1,
			"anonim": 0,
			"identitas_pelapor": ("is", "set"),
		},
		fields=["name", "identitas_pelapor"],
	)
	cases = [c for c in cases if frappe.has_permission("Pengaduan", "read", c.name)]
	if not cases:
		return 0
	names = {
		row.name: decrypt(row.nama_lengkap)
		for row in frappe.get_all(
			IDENTITAS,
			filters={"name": ("in", [c.identitas_pelapor for c in cases])},
			fields=["name", "nama_lengkap"],
		)
	}
	by_case = {c.name: c.identitas_pelapor for c in cases}
	for row in rows:
		identitas = by_case.get(row["name"])
		if not identitas or names.get(identitas) == core.ERASED:
			continue  # nothing to reveal of an identity erased at the end of its retention
		if door == "export" or live_grant(identitas, door) != alasan:
			log_reveal(row["name"], identitas, alasan, door)
			grant(identitas, door, alasan)
		row["pelapor"] = (names.get(identitas) or "").strip() or "-"
	return len(by_case)
