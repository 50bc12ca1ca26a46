// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

{% include "kpu_dumas/kpu_dumas/report/laporan.js" %}

frappe.query_reports["Log Buka Identitas Pelapor"] = {
	filters: [
		...kpu_laporan.period_filters("month"),
		{ fieldname: "pengguna", label: __("Pengguna"), fieldtype: "Link", options: "User" },
		{
			fieldname: "pintu",
			label: __("Pintu"),
			fieldtype: "Select",
			options: ["", "form", "print", "report", "export", "api"],
		},
		{ fieldname: "pengaduan", label: __("Pengaduan"), fieldtype: "Link", options: "Pengaduan" },
	],
	onload() {
		frappe.breadcrumbs.add({ module: "KPU Dumas", workspace: "Pengaduan Masyarakat" });
	},
};
