// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

{% include "kpu_dumas/kpu_dumas/report/laporan.js" %}

frappe.query_reports["Rekap Disposisi"] = {
	filters: [
		...kpu_laporan.period_filters("month"),
		{ fieldname: "penerima", label: __("Penerima"), fieldtype: "Link", options: "User" },
	],
	onload: kpu_laporan.onload,
	formatter: kpu_laporan.bold_totals,
};
