// The reason dialog of every reveal of a rahasia identity (Pengaduan and Identitas Pelapor forms,
// hooks.doctype_js). A reason that is too short is named under the field, in the dialog, before any
// request; the server checks it again (kpu_dumas.core.pengungkapan, MIN_REASON_LENGTH).
const KPU_MIN_REASON_LENGTH = 10;

function kpu_ask_reason({ pengaduan, title, pintu, after, fields = [], intro = "" }) {
	const dialog = new frappe.ui.Dialog({
		title,
		fields: [
			...(intro ? [{ fieldtype: "HTML", options: `<p class="text-muted">${intro}</p>` }] : []),
			...fields,
			{
				fieldname: "alasan",
				fieldtype: "Small Text",
				label: __("Alasan"),
				reqd: 1,
				description: __(
					"Alasan Anda, nama Anda dan waktunya dicatat di Log Buka Identitas (paling sedikit {0} karakter), misalnya keperluan pemeriksaan atau surat yang akan dikirim.",
					[KPU_MIN_REASON_LENGTH]
				),
			},
		],
		primary_action_label: pintu === "print" ? __("Buka dan Cetak") : __("Buka"),
		primary_action(values) {
			const field = dialog.fields_dict.alasan;
			const length = values.alasan.split(/\s+/).filter(Boolean).join(" ").length;
			const too_short = length < KPU_MIN_REASON_LENGTH;
			field.$wrapper.toggleClass("has-error", too_short);
			field.$wrapper.find(".kpu-alasan-error").remove();
			if (too_short) {
				$('<p class="help-box small text-danger kpu-alasan-error"></p>')
					.text(
						__("Alasan terlalu singkat ({0} karakter): tuliskan paling sedikit {1} karakter.", [
							length,
							KPU_MIN_REASON_LENGTH,
						])
					)
					.insertAfter(field.$wrapper.find(".control-input-wrapper"));
				return;
			}
			frappe.xcall("kpu_dumas.api.kerahasiaan.buka_identitas", { pengaduan, alasan: values.alasan, pintu }).then(() => {
				dialog.hide();
				after(values);
			});
		},
	});
	dialog.show();
	return dialog;
}
