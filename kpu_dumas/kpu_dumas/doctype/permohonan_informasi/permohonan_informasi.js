// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Permohonan Informasi", {
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
		show_dispositions(frm);
	},
});

// The PPID coordinates with the units holding the information by disposition (SOP PPID; Kupang step 3).
function show_dispositions(frm) {
	if (frm.is_new()) return;
	if (frappe.model.can_create("Disposisi")) {
		frm.add_custom_button(__("Buat Disposisi"), () =>
			frappe.model.open_mapped_doc({ method: "kpu_dumas.api.disposisi.buat_dari_permohonan", frm })
		);
	}
	frappe
		.xcall("kpu_dumas.api.disposisi.untuk_dokumen", { doctype: frm.doctype, name: frm.doc.name })
		.then((html) => html && frm.dashboard.add_section(html, __("Disposisi")));
}
