// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.query_reports["Rekap Disposisi"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("Dari Tanggal"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.month_start(),
		},
		{
			fieldname: "to_date",
			label: __("Sampai Tanggal"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "penerima",
			label: __("Penerima"),
			fieldtype: "Link",
			options: "User",
		},
	],
	onload(report) {
		// The .xlsx with title, totals and signature block, built on the server (kpu_dumas.reports.export).
		report.page.add_inner_button(__("Unduh Excel"), () => {
			const filters = report.get_filter_values(true);
			if (!filters) return;
			open_url_post("/api/method/kpu_dumas.reports.export.export_xlsx", {
				report_name: report.report_name,
				filters: JSON.stringify(filters),
			});
		});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.is_total_row ? `<b>${value}</b>` : value;
	},
};
