// SP4N-LAPOR! steps on a complaint that came through LAPOR! (kpu_dumas.api.lapor): record the follow-up
// posted on LAPOR!, record a reply from the reporter or the LAPOR! admin, and close it as finished on
// LAPOR! once its follow-up stood 10 working days unanswered. Loaded on Pengaduan (hooks.doctype_js).

frappe.ui.form.on("Pengaduan", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.kanal !== "SP4N-LAPOR!" || frm.doc.docstatus !== 0) return;
		frappe.xcall("kpu_dumas.api.lapor.aksi", { name: frm.doc.name }).then((may) => {
			const group = __("SP4N-LAPOR!");
			const run = (method, args) =>
				frappe.xcall(`kpu_dumas.api.lapor.${method}`, { name: frm.doc.name, ...args }).then(() => frm.reload_doc());
			if (may.tindak_lanjut) {
				frm.add_custom_button(
					__("Catat Tindak Lanjut"),
					() =>
						frappe.prompt(
							[
								{
									fieldname: "teks",
									fieldtype: "Small Text",
									label: __("Teks yang diunggah ke SP4N-LAPOR!"),
									reqd: 1,
								},
							],
							(v) => run("catat_tindak_lanjut", { teks: v.teks }),
							__("Tindak Lanjut di SP4N-LAPOR!"),
							__("Catat")
						),
					group
				);
			}
			if (may.balasan) {
				frm.add_custom_button(
					__("Catat Balasan"),
					() =>
						frappe.prompt(
							[
								{ fieldname: "dari", fieldtype: "Select", label: __("Dari"), options: may.dari, reqd: 1 },
								{ fieldname: "pada", fieldtype: "Datetime", label: __("Dibalas pada"), default: "now" },
								{ fieldname: "teks", fieldtype: "Small Text", label: __("Isi Balasan"), reqd: 1 },
							],
							(v) => run("catat_balasan", v),
							__("Balasan di SP4N-LAPOR!"),
							__("Catat")
						),
					group
				);
			}
			if (may.selesai) {
				frm.add_custom_button(
					__("Selesai di SP4N-LAPOR!"),
					() =>
						frappe.confirm(
							__("Nyatakan pengaduan ini selesai karena laporannya selesai di SP4N-LAPOR!?"),
							() => run("selesaikan", {})
						),
					group
				);
			}
		});
	},
});
