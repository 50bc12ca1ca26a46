// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

// A rahasia reporter's identity comes masked (kpu_dumas.pengungkapan.seal): the reader gives a reason
// first ("Buka identitas pelapor"); the reveal is logged and the form loads again with the values.
frappe.ui.form.on("Identitas Pelapor", {
	refresh(frm) {
		const state = frm.doc.__onload && frm.doc.__onload.pengungkapan;
		if (!state) return;
		if (!state.tersegel) {
			frm.set_intro(
				__("Identitas pelapor rahasia dibuka untuk Anda; setiap pembukaan tercatat di Log Buka Identitas."),
				"orange"
			);
			return;
		}
		frm.set_intro(
			__(
				"Identitas pelapor pengaduan {0} dirahasiakan. Tuliskan alasan untuk membukanya; pembukaan tercatat.",
				[state.pengaduan]
			),
			"red"
		);
		frm.add_custom_button(__("Buka Identitas Pelapor"), () => kpu_buka_identitas(frm, state.pengaduan));
		// Opening the form is the request to see the identity: ask at once, once per load.
		if (!frm.__kpu_asked) {
			frm.__kpu_asked = true;
			kpu_buka_identitas(frm, state.pengaduan);
		}
	},
});

// kpu_ask_reason: public/js/alasan_buka.js (hooks.doctype_js).
function kpu_buka_identitas(frm, pengaduan) {
	kpu_ask_reason({
		pengaduan,
		title: __("Buka identitas pelapor"),
		pintu: "form",
		intro: __(
			"Identitas pelapor pengaduan {0} dirahasiakan. Pejabat Yang Berwenang dapat membaca setiap pembukaan.",
			[frappe.utils.escape_html(pengaduan)]
		),
		after() {
			frm.__kpu_asked = false;
			frm.reload_doc();
		},
	});
}
