// A rahasia complaint's reporter, for identity readers: open the identity or print a letter that carries
// it, each after a reason (kpu_dumas.api.kerahasiaan.buka_identitas; every reveal is logged).
// Loaded on Pengaduan (hooks.doctype_js), with the reason dialog of alasan_buka.js.

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
				kpu_ask_reason({
					pengaduan: frm.doc.name,
					title: __("Buka identitas pelapor"),
					pintu: "form",
					after() {
						frappe.model.remove_from_locals("Identitas Pelapor", frm.doc.identitas_pelapor);
						frappe.set_route("Form", "Identitas Pelapor", frm.doc.identitas_pelapor);
					},
				}),
			group
		);
		frm.add_custom_button(
			__("Cetak Surat dengan Identitas"),
			() =>
				kpu_ask_reason({
					pengaduan: frm.doc.name,
					title: __("Cetak surat dengan identitas pelapor"),
					pintu: "print",
					fields: [
						{
							fieldname: "surat",
							fieldtype: "Select",
							label: __("Surat"),
							options: KPU_LETTERS_WITH_IDENTITY,
							default: KPU_LETTERS_WITH_IDENTITY[0],
							reqd: 1,
						},
					],
					after(values) {
						const params = new URLSearchParams({
							doctype: frm.doctype,
							name: frm.doc.name,
							format: values.surat,
							no_letterhead: 0,
						});
						window.open(`/printview?${params}`, "_blank");
					},
				}),
			group
		);
	},
});
