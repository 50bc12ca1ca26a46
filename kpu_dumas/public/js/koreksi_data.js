// "Koreksi Data": the one door for correcting a server-owned number or date, with a reason.
// Loaded on Pengaduan, Permohonan Informasi and Keberatan Informasi (hooks.doctype_js).

window.kpu_dumas_koreksi = {
	setup(frm) {
		if (frm.is_new()) return;
		frappe
			.xcall("kpu_dumas.api.koreksi.kolom_koreksi", { doctype: frm.doctype })
			.then((info) => {
				if (!info.boleh || !info.kolom.length) return;
				frm.add_custom_button(__("Koreksi Data"), () => kpu_dumas_koreksi.dialog(frm, info.kolom), __("Aksi Lain"));
			});
	},
	dialog(frm, columns) {
		const d = new frappe.ui.Dialog({
			title: __("Koreksi Nomor atau Tanggal"),
			fields: [
				{
					fieldname: "kolom",
					fieldtype: "Select",
					label: __("Kolom"),
					reqd: 1,
					options: columns.map((c) => ({ value: c.fieldname, label: c.label })),
					change() {
						const c = columns.find((x) => x.fieldname === d.get_value("kolom"));
						d.set_df_property("nilai_baru", "description", __("Nilai tersimpan: {0}", [frm.doc[c.fieldname] || "-"]));
					},
				},
				{ fieldname: "nilai_baru", fieldtype: "Data", label: __("Nilai Baru"), reqd: 1,
				  description: __("Tanggal ditulis seperti 2026-01-31.") },
				{ fieldname: "alasan", fieldtype: "Small Text", label: __("Alasan Koreksi"), reqd: 1 },
			],
			primary_action_label: __("Simpan Koreksi"),
			primary_action(values) {
				frappe
					.xcall("kpu_dumas.api.koreksi.koreksi", { doctype: frm.doctype, name: frm.doc.name, ...values })
					.then((r) => {
						d.hide();
						frappe.show_alert({ message: __("Koreksi dicatat ({0}).", [r.koreksi]), indicator: "green" });
						frm.reload_doc();
					});
			},
		});
		d.show();
	},
};

// The file is appended to each of the three form scripts: register the handlers once.
if (!window.kpu_dumas_koreksi_on) {
	window.kpu_dumas_koreksi_on = true;
	["Pengaduan", "Permohonan Informasi", "Keberatan Informasi"].forEach((doctype) => {
		frappe.ui.form.on(doctype, { refresh: (frm) => kpu_dumas_koreksi.setup(frm) });
	});
}
