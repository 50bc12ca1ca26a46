// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Pengaduan", {
	refresh(frm) {
		show_current_stage(frm);
		render_reporter_contact(frm);
	},
	anonim(frm) {
		if (frm.doc.anonim) {
			frm.set_value("identitas_pelapor", null);
			frm.set_value("rahasia", 0);
		}
	},
});

function show_current_stage(frm) {
	if (frm.is_new()) return;
	const open = (frm.doc.riwayat_tahap || []).filter((r) => !r.keluar).pop();
	if (!open) return;
	const due = open.batas_waktu
		? __("batas waktu {0}", [frappe.datetime.str_to_user(open.batas_waktu)])
		: __("tanpa batas waktu (menyesuaikan)");
	const color = open.status === "Terlambat" ? "red" : "blue";
	frm.set_intro(
		__("Tahap {0} ({1}): {2}. Mutu baku: {3}.", [
			open.tahap,
			open.peran || "",
			due,
			open.mutu_baku || "-",
		]),
		color
	);
}

function render_reporter_contact(frm) {
	const wrapper = frm.get_field("kontak_pelapor_html").$wrapper;
	wrapper.empty();
	if (frm.is_new()) return;
	if (frm.doc.rahasia) {
		wrapper.html(
			`<div class="alert alert-warning">${__(
				"Identitas pelapor dirahasiakan: hanya Petugas Penerima Aduan dan Pejabat Yang Berwenang yang dapat membukanya."
			)}</div>`
		);
		return;
	}
	if (frm.doc.anonim) {
		wrapper.html(`<div class="text-muted">${__("Pengaduan anonim: tidak ada identitas pelapor.")}</div>`);
		return;
	}
	frappe
		.xcall("kpu_dumas.permissions.get_kontak_pelapor", { pengaduan: frm.doc.name })
		.then((r) => {
			if (r.status !== "terbuka") return;
			const rows = [
				[__("Nama"), r.nama_lengkap],
				[__("Telepon"), r.telepon],
				[__("Email"), r.email],
				[__("Alamat"), r.alamat],
			]
				.filter(([, v]) => v)
				.map(([k, v]) => `<tr><th>${k}</th><td>${frappe.utils.escape_html(v)}</td></tr>`)
				.join("");
			wrapper.html(`<table class="table table-sm table-bordered">${rows}</table>`);
		});
}
