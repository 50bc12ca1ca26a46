// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Pengaduan"] = {
	add_fields: ["tindak_lanjut_lapor_pada", "tindak_lanjut_lapor_terlambat"],
	// Breadcrumb to this service's workspace, not the module's oldest one that Frappe would name.
	onload(listview) {
		frappe.breadcrumbs.add({ module: listview.meta.module, doctype: "Pengaduan", workspace: "Pengaduan Masyarakat" });
	},
	formatters: {
		// The SP4N-LAPOR! follow-up deadline: red once it passed with nothing posted, marked done once posted.
		batas_tindak_lanjut_lapor(value, df, doc) {
			if (!value) return "";
			const shown = frappe.datetime.str_to_user(value);
			if (doc.tindak_lanjut_lapor_pada) return `${shown} ✓`;
			// both in the system's time, as stored
			const late = doc.tindak_lanjut_lapor_terlambat || value < frappe.datetime.system_datetime();
			return late ? `<span class="text-danger" title="${__("Tindak lanjut SP4N-LAPOR! terlambat")}">${shown}</span>` : shown;
		},
	},
};
