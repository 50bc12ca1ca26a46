// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Keberatan Informasi", {
	// The stage intro comes with the form load (onload): load again after a workflow action.
	after_workflow_action(frm) {
		frm.reload_doc();
	},
	refresh(frm) {
		// Breadcrumb to this service's workspace, set after Frappe's own (which names the module's oldest).
		setTimeout(() =>
			frappe.breadcrumbs.add({
				module: frm.meta.module,
				doctype: frm.doctype,
				workspace: "Layanan Informasi Publik",
			})
		);
		// The open stage and its due time, worded by the server (kpu_dumas.stages.stage_intro).
		const stage = frm.doc.__onload && frm.doc.__onload.tahap;
		if (stage) frm.set_intro(stage.text, stage.color);
	},
});
