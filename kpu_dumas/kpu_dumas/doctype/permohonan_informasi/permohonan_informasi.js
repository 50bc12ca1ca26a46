// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Permohonan Informasi", {
	refresh(frm) {
		// The open stage and its due time, worded by the server (kpu_dumas.stages.stage_intro).
		const stage = frm.doc.__onload && frm.doc.__onload.tahap;
		if (stage) frm.set_intro(stage.text, stage.color);
	},
});
