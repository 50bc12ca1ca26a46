"""Workflows created before a complaint could be merged, redirected or forwarded get those end states
(Digabungkan, Dialihkan, Diteruskan ke Instansi) with their transitions; legacy free-text "diteruskan
ke" values become Instansi Berwenang records, so the field can be a link.

Only what is missing is added; states and transitions an admin changed stay as they are.
"""

import frappe

from kpu_dumas.setup.install import add_missing_states


def execute():
	add_missing_states({"Digabungkan", "Dialihkan", "Diteruskan ke Instansi"})
	for name in frappe.get_all(
		"Pengaduan", filters={"diteruskan_ke": ("is", "set")}, pluck="diteruskan_ke", distinct=True
	):
		if not frappe.db.exists("Instansi Berwenang", name):
			frappe.get_doc(
				{"doctype": "Instansi Berwenang", "nama_instansi": name, "nama_lengkap": name}
			).insert(ignore_permissions=True)
