// Impor Register: download the template, attach the filled-in .xlsx, then import all rows or none.
frappe.ui.form.on("Impor Register", {
	refresh(frm) {
		frm.add_custom_button(__("Unduh Templat"), () => {
			window.open(
				"/api/method/kpu_dumas.kpu_dumas.doctype.impor_register.impor_register.unduh_templat?jenis_register=" +
					encodeURIComponent(frm.doc.jenis_register || "Pengaduan")
			);
		});
		if (!frm.is_new() && frm.doc.status !== "Berhasil" && frm.doc.berkas) {
			frm.add_custom_button(__("Impor"), () =>
				frm.call("impor").then((r) => {
					const m = r.message || {};
					frappe.show_alert({
						message:
							m.status === "Berhasil"
								? __("{0} perkara diimpor.", [m.dibuat])
								: __("Impor ditolak: {0} baris bermasalah, tidak ada yang disimpan.", [m.ditolak]),
						indicator: m.status === "Berhasil" ? "green" : "red",
					});
					frm.reload_doc();
				})
			).addClass("btn-primary");
		}
	},
});
