# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

"""Surat Terbit: the record of one numbered outgoing letter, which /verifikasi-surat reads.

Written only by the app (kpu_dumas.verification): created when a number is issued, re-issued or
corrected, and marked Diganti (with the replacing record and number) when a newer one takes its place.
Nobody creates, edits or deletes one through the Desk, REST or `frappe.client`, whatever the role.

Staff read a record only when they may read its source document; the letters print its code and QR
code (`printed_code`).
"""

from __future__ import annotations

import base64
import io

import frappe
import pyqrcode
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_url

from kpu_dumas.core import verification as rules
from kpu_dumas.permissions import readable_through
from kpu_dumas.record import TRUSTED

DOCTYPE = "Surat Terbit"
ROUTE = "/verifikasi-surat"
# What the app may change on a record in force: that it was replaced, by what and when.
REPLACEMENT_FIELDS = ("status", "diganti_oleh", "nomor_pengganti", "diganti_pada")


class SuratTerbit(Document):
	def before_insert(self):
		if not self.flags.get(TRUSTED):
			frappe.throw(
				_(
					"Surat Terbit dicatat otomatis saat nomor surat diterbitkan, diterbitkan ulang atau "
					"dikoreksi; catatan ini tidak dibuat sendiri."
				),
				frappe.PermissionError,
				title=_("Tidak Dapat Dibuat"),
			)

	def validate(self):
		if self.is_new():
			return
		before = self.get_doc_before_save()
		changed = [
			df.fieldname
			for df in self.meta.fields
			if df.fieldname not in REPLACEMENT_FIELDS
			and before
			and before.get(df.fieldname) != self.get(df.fieldname)
		]
		replacing = before and before.status == rules.BERLAKU and self.status == rules.DIGANTI
		if not self.flags.get(TRUSTED) or changed or not replacing:
			frappe.throw(
				_(
					"Surat Terbit {0} adalah catatan surat yang sudah diterbitkan dan tidak dapat diubah. "
					"Nomor atau tanggal surat yang keliru dikoreksi lewat aksi Koreksi Data pada dokumennya."
				).format(self.name),
				frappe.PermissionError,
				title=_("Catatan Surat Terbit"),
			)

	def on_trash(self):
		frappe.throw(
			_("Surat Terbit {0} adalah catatan surat yang sudah diterbitkan dan tidak dapat dihapus.").format(
				self.name
			),
			frappe.PermissionError,
			title=_("Catatan Surat Terbit"),
		)


# --- on the letter ---------------------------------------------------------------------------------------


def printed_code(doc, surat: str, nomor: str | None) -> frappe._dict | None:
	"""What a numbered letter prints under its signature: the code, the page's address and the QR code
	of the full link; None for a letter without a number or (on a site not yet migrated) a record."""
	if not nomor or doc.is_new() or not rules.kind_of(doc.doctype, surat):
		return None
	kode = frappe.db.get_value(
		DOCTYPE,
		{
			"dokumen_type": doc.doctype,
			"dokumen": doc.name,
			"surat": surat,
			"nomor_surat": nomor,
			"status": rules.BERLAKU,
		},
		"kode",
	)
	if not kode:
		return None
	url = verification_url(kode)
	# The page's address, printed as site + route so that it breaks after the site, not inside the route.
	return frappe._dict(kode=kode, url=url, situs=get_url(), rute=ROUTE, qr=qr_data_uri(url))


def verification_url(kode: str) -> str:
	return get_url(f"{ROUTE}?kode={kode}")


def qr_data_uri(text: str) -> str:
	"""The QR code of `text` as an SVG data URI (PyQRCode, a dependency of Frappe itself; SVG needs no
	image library and stays sharp in wkhtmltopdf at any scale). Error correction M: a fold or a stamp
	over part of it still reads."""
	code = pyqrcode.create(text, error="M", mode="binary")
	buffer = io.BytesIO()
	code.svg(buffer, scale=1, quiet_zone=4, xmldecl=False, omithw=True, svgclass=None, lineclass=None)
	return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# --- who reads a record ----------------------------------------------------------------------------------


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""A record is read by those who may read its source document (the Disposisi chain included)."""
	if ptype not in (None, "read", "select", "print", "export", "report"):
		return False
	source, name = doc.get("dokumen_type"), doc.get("dokumen")
	if not source or not name or not frappe.db.exists(source, name):
		return False
	return bool(frappe.has_permission(source, "read", doc=name, user=user))


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The list of records: those whose source DocType the user reads, narrowed by that DocType's own
	row condition (a Disposisi outside the user's chains stays out)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	sources = {dt for dt, _surat in rules.KINDS}
	return readable_through("`tabSurat Terbit`", "dokumen_type", "dokumen", sources, user)
