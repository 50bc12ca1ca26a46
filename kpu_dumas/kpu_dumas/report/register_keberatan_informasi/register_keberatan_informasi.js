// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

{% include "kpu_dumas/kpu_dumas/report/laporan.js" %}

frappe.query_reports["Register Keberatan Informasi"] = {
	filters: [
		...kpu_laporan.period_filters("year"),
		{
			fieldname: "keputusan_atasan",
			label: __("Keputusan Atasan PPID"),
			fieldtype: "Select",
			options: ["", "Keberatan Diterima", "Keberatan Ditolak"],
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Diajukan", "Terdaftar", "Diproses", "Ditanggapi", "Selesai"],
		},
	],
	onload: kpu_laporan.onload,
};
