// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

{% include "kpu_dumas/kpu_dumas/report/laporan.js" %}

frappe.query_reports["Laporan Layanan Informasi Publik"] = {
	filters: kpu_laporan.periodic_filters(),
	onload: kpu_laporan.onload,
	formatter: kpu_laporan.bold_totals,
};
