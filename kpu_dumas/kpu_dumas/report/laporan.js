// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

// Shared by this module's report scripts: each starts with Frappe's include directive for this file,
// which Frappe inlines when it serves the report script (frappe.model.utils.render_include).
var kpu_laporan = {
	// The reporting period: from the start of the month or year until today.
	period_filters(start = "month") {
		return [
			{
				fieldname: "from_date",
				label: __("Dari Tanggal"),
				fieldtype: "Date",
				reqd: 1,
				default: start === "year" ? frappe.datetime.year_start() : frappe.datetime.month_start(),
			},
			{
				fieldname: "to_date",
				label: __("Sampai Tanggal"),
				fieldtype: "Date",
				reqd: 1,
				default: frappe.datetime.get_today(),
			},
		];
	},

	// Channel, category and status of a complaint (the options of the Pengaduan DocType).
	pengaduan_filters() {
		return [
			{
				fieldname: "kanal",
				label: __("Kanal"),
				fieldtype: "Select",
				options: [
					"",
					"Langsung (Meja Layanan)",
					"Kotak Pengaduan",
					"Surat",
					"Email",
					"Website",
					"Telepon/WhatsApp",
					"SP4N-LAPOR!",
					"Media Sosial",
				],
			},
			{ fieldname: "kategori", label: __("Kategori"), fieldtype: "Link", options: "Kategori Pengaduan" },
			{
				fieldname: "status",
				label: __("Status"),
				fieldtype: "Select",
				options: [
					"",
					"Diterima",
					"Perlu Dilengkapi",
					"Terdaftar",
					"Ditelaah",
					"Rekomendasi",
					"Ditanggapi",
					"Selesai",
					"Tidak Ditindaklanjuti",
					"Dicabut",
				],
			},
		];
	},

	// "Unduh Excel": the .xlsx with title, totals and signature block, built on the server
	// (kpu_dumas.reports.export).
	add_excel_button(report) {
		report.page.add_inner_button(__("Unduh Excel"), () => {
			const filters = report.get_filter_values(true);
			if (!filters) return;
			open_url_post("/api/method/kpu_dumas.reports.export.export_xlsx", {
				report_name: report.report_name,
				filters: JSON.stringify(filters),
			});
		});
	},

	// Totals rows in bold.
	bold_totals(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.is_total_row ? `<b>${value}</b>` : value;
	},
};
