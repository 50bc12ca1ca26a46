// A rahasia complaint's reporter, for identity readers: open the identity or print a letter that carries
// it, each after a reason (kpu_dumas.api.kerahasiaan.buka_identitas; every reveal is logged).
// Loaded on Pengaduan (hooks.doctype_js).

const KPU_IDENTITY_READERS = ["Petugas Penerima Aduan", "Pejabat Yang Berwenang", "System Manager"];
// The letters that carry the reporter's identity (the Nota Dinas and Surat Penerusan never do).
const KPU_LETTERS_WITH_IDENTITY = [
	"Tanda Terima Pengaduan",
	"Formulir Pengaduan",
	"Surat Permintaan Kelengkapan",
	"Surat Tanggapan Pengaduan",
];

frappe.ui.form.on("Pengaduan", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.rahasia || frm.doc.anonim || !frm.doc.identitas_pelapor) return;
		const reader = frappe.session.user === "Administrator" || KPU_IDENTITY_READERS.some((r) => frappe.user.has_role(r));
		if (!reader) return;
		const group = __("Identitas Rahasia");
		frm.add_custom_button(
			__("Buka Identitas Pelapor"),
			() =>
				kpu_ask_reason(frm, __("Buka identitas pelapor"), [], "form", () => {
					frappe.model.remove_from_locals("Identitas Pelapor", frm.doc.identitas_pelapor);
					frappe.set_route("Form", "Identitas Pelapor", frm.doc.identitas_pelapor);
				}),
			group
		);
		frm.add_custom_button(
			__("Cetak Surat dengan Identitas"),
			() =>
				kpu_ask_reason(
					frm,
					__("Cetak surat dengan identitas pelapor"),
					[
						{
							fieldname: "surat",
							fieldtype: "Select",
							label: __("Surat"),
							options: KPU_LETTERS_WITH_IDENTITY,
							default: KPU_LETTERS_WITH_IDENTITY[0],
							reqd: 1,
						},
					],
					"print",
					(values) => {
						const params = new URLSearchParams({
							doctype: frm.doctype,
							name: frm.doc.name,
							format: values.surat,
							no_letterhead: 0,
						});
						window.open(`/printview?${params}`, "_blank");
					}
				),
			group
		);
	},
});

function kpu_ask_reason(frm, title, extra_fields, pintu, after) {
	const dialog = new frappe.ui.Dialog({
		title,
		fields: [
			...extra_fields,
			{
				fieldname: "alasan",
				fieldtype: "Small Text",
				label: __("Alasan"),
				reqd: 1,
				description: __(
					"Identitas pelapor dirahasiakan. Alasan Anda, nama Anda dan waktunya dicatat di Log Buka Identitas (paling sedikit 10 karakter)."
				),
			},
		],
		primary_action_label: pintu === "print" ? __("Buka dan Cetak") : __("Buka"),
		primary_action(values) {
			frappe
				.xcall("kpu_dumas.api.kerahasiaan.buka_identitas", {
					pengaduan: frm.doc.name,
					alasan: values.alasan,
					pintu,
				})
				.then(() => {
					dialog.hide();
					after(values);
				});
		},
	});
	dialog.show();
}
