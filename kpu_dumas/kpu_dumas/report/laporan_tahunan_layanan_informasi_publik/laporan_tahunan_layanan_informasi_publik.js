// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

{% include "kpu_dumas/kpu_dumas/report/laporan.js" %}

frappe.query_reports["Laporan Tahunan Layanan Informasi Publik"] = {
	filters: [
		{
			fieldname: "tahun",
			label: __("Tahun"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		// The annual period of kpu_dumas.reports.common (the Excel export reads it too).
		{ fieldname: "periode", label: __("Periode"), fieldtype: "Data", default: "Tahunan", hidden: 1 },
	],
	onload: kpu_laporan.onload,
	formatter: kpu_laporan.bold_totals,
};
