// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

{% include "kpu_dumas/kpu_dumas/report/laporan.js" %}

frappe.query_reports["Register Permohonan Informasi"] = {
	filters: [...kpu_laporan.period_filters("month"), ...kpu_laporan.permohonan_filters()],
	onload: kpu_laporan.onload,
};
