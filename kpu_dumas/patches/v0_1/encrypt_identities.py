"""Identities recorded before the encryption at rest are encrypted with the site key, and their blind
indexes are computed (kpu_dumas.kerahasiaan.reencrypt_all: rows already encrypted are left as they are,
so the patch may run again without effect)."""

import frappe

from kpu_dumas import kerahasiaan


def execute():
	counts = kerahasiaan.reencrypt_all()
	frappe.db.commit()
	if any(counts.values()):
		print("kpu_dumas: identitas dienkripsi:", ", ".join(f"{dt} {n}" for dt, n in counts.items()))
