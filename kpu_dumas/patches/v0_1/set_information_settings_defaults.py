"""Sites installed before the information-service settings existed get the shipped defaults."""

import frappe

DEFAULTS = {
	"mutu_baku_permohonan": "Permohonan Informasi - PPID",
	"mutu_baku_keberatan": "Keberatan Informasi - PPID",
	"kode_klasifikasi_ppid": "PY.02-SD",
	"kip_pemberitahuan_hari": 10,
	"kip_perpanjangan_hari": 7,
	"kip_pengajuan_keberatan_hari": 30,
	"kip_tanggapan_keberatan_hari": 30,
	"kip_komisi_informasi_hari": 14,
	"pemilu_pemberitahuan_hari": 3,
	"pemilu_perpanjangan_hari": 2,
	"pemilu_tanggapan_keberatan_hari": 3,
}


def execute():
	for field, value in DEFAULTS.items():
		if not frappe.db.get_single_value("Pengaturan Kantor", field):
			frappe.db.set_single_value("Pengaturan Kantor", field, value)
