// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Pengaduan", {
	// The stage intro comes with the form load (onload): load again after a workflow action.
	after_workflow_action(frm) {
		frm.reload_doc();
	},
	refresh(frm) {
		// Breadcrumb to this service's workspace, set after Frappe's own (which names the module's oldest).
		setTimeout(() =>
			frappe.breadcrumbs.add({
				module: frm.meta.module,
				doctype: frm.doctype,
				workspace: "Pengaduan Masyarakat",
			})
		);
		show_current_stage(frm);
		render_reporter_contact(frm);
		show_dispositions(frm);
	},
	anonim(frm) {
		if (frm.doc.anonim) {
			frm.set_value("identitas_pelapor", null);
			frm.set_value("rahasia", 0);
		}
	},
});

function show_current_stage(frm) {
	const stage = frm.doc.__onload && frm.doc.__onload.tahap;
	if (stage) frm.set_intro(stage.text, stage.color);
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

// Disposisi: route this complaint to staff, and list its dispositions with their state.
function show_dispositions(frm) {
	if (frm.is_new()) return;
	if (frappe.model.can_create("Disposisi")) {
		frm.add_custom_button(__("Buat Disposisi"), () =>
			frappe.model.open_mapped_doc({ method: "kpu_dumas.api.disposisi.buat_dari_pengaduan", frm })
		);
	}
	frappe
		.xcall("kpu_dumas.api.disposisi.untuk_dokumen", { doctype: frm.doctype, name: frm.doc.name })
		.then((html) => html && frm.dashboard.add_section(html, __("Disposisi")));
}
