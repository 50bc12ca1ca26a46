// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Keberatan Informasi"] = {
	// Breadcrumb to this service's workspace, not the module's oldest one that Frappe would name.
	onload(listview) {
		frappe.breadcrumbs.add({ module: listview.meta.module, doctype: "Keberatan Informasi", workspace: "Layanan Informasi Publik" });
	},
};
