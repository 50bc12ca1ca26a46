"""Opening a rahasia reporter's identity with a reason (kpu_dumas.pengungkapan)."""

from __future__ import annotations

import frappe
from frappe import _

from kpu_dumas import pengungkapan
from kpu_dumas.core import pengungkapan as rules
from kpu_dumas.permissions import can_read_identity


@frappe.whitelist(methods=["POST"])
def buka_identitas(pengaduan: str, alasan: str | None = None, pintu: str = "form") -> dict:
	"""Open the reporter's identity of complaint `pengaduan` through `pintu` (form, print or api).

	Only for identity readers who may read the complaint. A rahasia identity needs a reason: one log row
	is written and the door stays open for the reader for a few minutes; for "api" the values are
	returned. A non-rahasia identity opens without a reason and without a log row."""
	if pintu not in rules.ASKED_DOORS:
		frappe.throw(
			_("Pintu {0} tidak dibuka dari sini. Pilihan: {1}.").format(pintu, ", ".join(rules.ASKED_DOORS))
		)
	doc = frappe.get_doc("Pengaduan", pengaduan)
	doc.check_permission("read")
	if not can_read_identity():
		frappe.throw(
			_(
				"Identitas pelapor hanya dapat dibuka Petugas Penerima Aduan dan Pejabat Yang Berwenang; "
				"mintalah kepada mereka bila Anda memerlukannya."
			),
			frappe.PermissionError,
			title=_("Tidak Berwenang"),
		)
	if doc.anonim or not doc.identitas_pelapor:
		frappe.throw(_("Pengaduan {0} tidak memiliki identitas pelapor.").format(doc.name))
	result = {"identitas_pelapor": doc.identitas_pelapor, "rahasia": bool(doc.rahasia)}
	if doc.rahasia:
		result.update(pengungkapan.reveal(doc.name, doc.identitas_pelapor, alasan, pintu))
	if pintu == "api":
		result["nilai"] = _values(doc.identitas_pelapor)
	return result


def _values(identitas: str) -> dict:
	from kpu_dumas.kerahasiaan import ENCRYPTED

	identity = frappe.get_doc(pengungkapan.IDENTITAS, identitas)  # loaded documents hold the plaintext
	identity.check_permission("read")
	return {fieldname: identity.get(fieldname) for fieldname in ENCRYPTED[pengungkapan.IDENTITAS]}
