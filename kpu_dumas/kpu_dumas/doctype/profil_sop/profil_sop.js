// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Profil SOP", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role("System Manager")) return;
		frm.add_custom_button(__("Terapkan"), () => kpu_dumas.profil_sop.terapkan(frm.doc.name));
		if (frm.doc.bawaan) {
			frm.set_intro(
				__("Profil bawaan aplikasi: isinya mengikuti SOP sumbernya. Untuk mengubahnya, salin (menu ... › Duplikat) lalu ubah salinannya."),
				"blue"
			);
			frm.disable_form();
		}
	},
});
