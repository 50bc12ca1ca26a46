"""Sites installed before these settings existed get the shipped defaults (empty values only)."""

import frappe

DEFAULTS = {
	"kode_klasifikasi_tanda_terima": "HM.02-SD",
	"kode_klasifikasi_kelengkapan": "HM.02-SD",
	"kode_klasifikasi_nota_dinas": "HK.03-ND",
	"ukuran_berkas_maks_mb": 5,
	"jumlah_berkas_maks": 5,
}


def execute():
	for field, value in DEFAULTS.items():
		if not frappe.db.get_single_value("Pengaturan Kantor", field):
			frappe.db.set_single_value("Pengaturan Kantor", field, value)
