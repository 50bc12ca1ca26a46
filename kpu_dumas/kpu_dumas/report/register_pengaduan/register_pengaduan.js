// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

{% include "kpu_dumas/kpu_dumas/report/laporan.js" %}

frappe.query_reports["Register Pengaduan"] = {
	filters: [
		...kpu_laporan.period_filters("month"),
		...kpu_laporan.pengaduan_filters(),
		// Identity readers only: filled, the rahasia reporters are named and each reveal is logged.
		{
			fieldname: "alasan_identitas",
			label: __("Alasan membuka identitas rahasia"),
			fieldtype: "Data",
			hidden: !["Petugas Penerima Aduan", "Pejabat Yang Berwenang", "System Manager"].some((r) =>
				frappe.user.has_role(r)
			),
			// Refresh only once the reason is long enough (every refresh with a new reason is logged).
			on_change(report) {
				const value = (report.get_filter_value("alasan_identitas") || "").trim();
				if (!value || value.length >= 10) report.refresh();
			},
		},
	],
	onload: kpu_laporan.onload,
};
