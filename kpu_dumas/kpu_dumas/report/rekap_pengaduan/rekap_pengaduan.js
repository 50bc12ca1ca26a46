// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

{% include "kpu_dumas/kpu_dumas/report/laporan.js" %}

frappe.query_reports["Rekap Pengaduan"] = {
	filters: [
		...kpu_laporan.period_filters("year"),
		...kpu_laporan.pengaduan_filters(),
		{
			fieldname: "rincian",
			label: __("Rincian menurut"),
			fieldtype: "Select",
			options: ["Kanal", "Kategori", "Status", "Instansi Tujuan"],
			default: "Kanal",
			reqd: 1,
		},
	],
	onload: kpu_laporan.onload,
	formatter: kpu_laporan.bold_totals,
};
