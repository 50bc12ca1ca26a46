"""Who may see a reporter's identity.

Identity lives in its own DocType, Identitas Pelapor, readable by Petugas Penerima Aduan and Pejabat
Yang Berwenang only (DocPerm). Other staff have no permission on it at all, so no list, filter, search,
report, export or REST call can reach it. The only door for them is `get_kontak_pelapor`, which opens
the contact details of a complaint that is neither rahasia nor anonim, to staff who can read it.
"""

from __future__ import annotations

import frappe

from kpu_dumas.roles import IDENTITY_READERS


def can_read_identity(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(IDENTITY_READERS.intersection(frappe.get_roles(user)))


def identitas_query_conditions(user: str | None = None) -> str | None:
	"""List filter for Identitas Pelapor: nothing for anyone outside the identity readers."""
	return None if can_read_identity(user) else "1=0"


def identitas_has_permission(doc, ptype=None, user=None) -> bool:
	return can_read_identity(user)


@frappe.whitelist()
def get_kontak_pelapor(pengaduan: str) -> dict:
	"""Reporter contact for staff working a non-confidential complaint."""
	doc = frappe.get_doc("Pengaduan", pengaduan)
	doc.check_permission("read")
	if doc.anonim:
		return {"status": "anonim"}
	if doc.rahasia and not can_read_identity():
		return {"status": "rahasia"}
	if doc.rahasia and doc.identitas_pelapor:
		# Identity readers too open a rahasia identity only with a reason (api.kerahasiaan.buka_identitas).
		from kpu_dumas import pengungkapan

		if not pengungkapan.live_grant(doc.identitas_pelapor, ("form", "api")):
			return {"status": "rahasia", "perlu_alasan": True}
	if not doc.identitas_pelapor:
		return {"status": "kosong"}
	fields = ["nama_lengkap", "alamat", "telepon", "email", "pekerjaan"]
	values = frappe.db.get_value("Identitas Pelapor", doc.identitas_pelapor, fields, as_dict=True) or {}
	from kpu_dumas.kerahasiaan import decrypt_row

	return {"status": "terbuka", **decrypt_row(values, "Identitas Pelapor")}


def readable_through(table: str, type_column: str, name_column: str, sources, user: str) -> str:
	"""SQL condition on `table`'s rows that point (`type_column`, `name_column`) at a document the user
	may read: of a DocType in `sources` the user reads, narrowed by that DocType's own row condition
	(permission_query_conditions), so a Disposisi outside the user's chains stays out. '1=0' if none."""
	allowed = []
	for source in sorted(sources):
		if not frappe.has_permission(source, "read", user=user):
			continue
		condition = f"{table}.`{type_column}` = {frappe.db.escape(source)}"
		for method in frappe.get_hooks("permission_query_conditions").get(source, []):
			row_condition = frappe.call(frappe.get_attr(method), user, doctype=source)
			if row_condition:
				condition += (
					f" and {table}.`{name_column}` in (select `tab{source}`.`name` from `tab{source}`"
					f" where {row_condition})"
				)
		allowed.append(f"({condition})")
	return "({})".format(" or ".join(allowed)) if allowed else "1=0"


class RowOfReadableParent:
	"""Mixin for our child-table controllers: a row is read only by those who may read its parent row.

	Frappe checks a child row loaded on its own (frappe.client.get, REST /api/resource/<child>/<name>)
	against the parent DocType only, not the parent document, so a row condition on the parent (the
	Tim's need to know, the Disposisi chains) would not hold for its rows without this."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if self.flags.ignore_permissions:
			return True
		if self.parenttype and self.parent and self.parent_doc is None:
			ptype = permtype if permtype in ("read", "write", "submit", "cancel", "delete") else "read"
			if not frappe.has_permission(self.parenttype, ptype, doc=self.parent, user=user, debug=debug):
				return False
		return super().has_permission(permtype, debug=debug, user=user)
