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

	// A monthly or annual report, or a date range (kpu_dumas.reports.common.period_bounds).
	periodic_filters() {
		const months = [
			"Januari",
			"Februari",
			"Maret",
			"April",
			"Mei",
			"Juni",
			"Juli",
			"Agustus",
			"September",
			"Oktober",
			"November",
			"Desember",
		];
		const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
		const range = "eval:doc.periode=='Rentang Tanggal'";
		return [
			{
				fieldname: "periode",
				label: __("Periode"),
				fieldtype: "Select",
				options: ["Bulanan", "Tahunan", "Rentang Tanggal"],
				default: "Bulanan",
				reqd: 1,
			},
			{
				fieldname: "tahun",
				label: __("Tahun"),
				fieldtype: "Int",
				default: today.getFullYear(),
				depends_on: "eval:doc.periode!='Rentang Tanggal'",
			},
			{
				fieldname: "bulan",
				label: __("Bulan"),
				fieldtype: "Select",
				options: months,
				default: months[today.getMonth()],
				depends_on: "eval:doc.periode=='Bulanan'",
			},
			...this.period_filters("year").map((f) => ({ ...f, reqd: 0, depends_on: range })),
		];
	},

	// Channel, decision and state of an information request (the options of Permohonan Informasi).
	permohonan_filters() {
		return [
			{
				fieldname: "kanal",
				label: __("Kanal"),
				fieldtype: "Select",
				options: [
					"",
					"Langsung (Meja Layanan)",
					"Surat",
					"Email",
					"Telepon",
					"WhatsApp/SMS",
					"Website",
					"Media Sosial",
				],
			},
			{
				fieldname: "jenis_informasi",
				label: __("Jenis Informasi"),
				fieldtype: "Link",
				options: "Jenis Informasi",
			},
			{
				fieldname: "keputusan",
				label: __("Keputusan"),
				fieldtype: "Select",
				options: [
					"",
					"Dikabulkan Seluruhnya",
					"Dikabulkan Sebagian",
					"Ditolak",
					"Informasi Tidak Dikuasai",
					"Informasi Belum Didokumentasikan",
				],
			},
			{
				fieldname: "status",
				label: __("Status"),
				fieldtype: "Select",
				options: [
					"",
					"Diajukan",
					"Terdaftar",
					"Diproses",
					"Diperpanjang",
					"Pemberitahuan",
					"Selesai",
				],
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

	// Every report's onload: the Excel button, and a breadcrumb to the report's own workspace (Frappe
	// would name the module's oldest workspace, which may belong to another service).
	WORKSPACES: {
		"Register Pengaduan": "Pengaduan Masyarakat",
		"Rekap Pengaduan": "Pengaduan Masyarakat",
		"Kepatuhan Mutu Baku": "Pengaduan Masyarakat",
		"Rekap Disposisi": "Kendali Disposisi",
		"Register Permohonan Informasi": "Layanan Informasi Publik",
		"Register Keberatan Informasi": "Layanan Informasi Publik",
		"Laporan Layanan Informasi Publik": "Layanan Informasi Publik",
		"Laporan Tahunan Layanan Informasi Publik": "Layanan Informasi Publik",
	},
	onload(report) {
		kpu_laporan.add_excel_button(report);
		const workspace = kpu_laporan.WORKSPACES[report.report_name];
		if (workspace) frappe.breadcrumbs.add({ module: "KPU Dumas", workspace });
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
