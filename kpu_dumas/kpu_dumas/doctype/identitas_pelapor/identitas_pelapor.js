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

function kpu_buka_identitas(frm, pengaduan) {
	const dialog = new frappe.ui.Dialog({
		title: __("Buka identitas pelapor"),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p class="text-muted">${__(
					"Identitas pelapor pengaduan {0} dirahasiakan. Alasan Anda, nama Anda dan waktunya dicatat dan dapat dibaca Pejabat Yang Berwenang.",
					[frappe.utils.escape_html(pengaduan)]
				)}</p>`,
			},
			{
				fieldname: "alasan",
				fieldtype: "Small Text",
				label: __("Alasan"),
				reqd: 1,
				description: __("Paling sedikit 10 karakter, misalnya keperluan pemeriksaan atau surat yang akan dikirim."),
			},
		],
		primary_action_label: __("Buka"),
		primary_action({ alasan }) {
			frappe
				.xcall("kpu_dumas.api.kerahasiaan.buka_identitas", { pengaduan, alasan, pintu: "form" })
				.then(() => {
					dialog.hide();
					frm.__kpu_asked = false;
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
