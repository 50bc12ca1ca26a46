// Profil SOP › Terapkan: show the preview (what changes, each Mutu Baku set before and after, the open
// cases that block it) in a dialog, and apply only after the admin confirms.
frappe.provide("kpu_dumas.profil_sop");

kpu_dumas.profil_sop.terapkan = function (profil, after_apply) {
	frappe.call({
		method: "kpu_dumas.api.profil_sop.pratinjau",
		args: { profil },
		freeze: true,
	}).then((r) => {
		const p = r.message;
		const esc = frappe.utils.escape_html;
		let html = "";
		if (p.kasus_tertahan.length) {
			html += `<div class="alert alert-danger">${esc(p.pesan)}</div>`;
		}
		if (!p.perubahan.length) {
			html += `<p>${__("Tidak ada yang berubah: profil ini sudah diterapkan.")}</p>`;
		} else {
			html += `<table class="table table-bordered table-sm"><thead><tr><th>${__("Bagian")}</th><th>${__("Sebelum")}</th><th>${__("Sesudah")}</th></tr></thead><tbody>`;
			for (const c of p.perubahan) {
				html += `<tr><td>${esc(c.bagian)}</td><td>${esc(c.sebelum)}</td><td>${esc(c.sesudah)}</td></tr>`;
			}
			html += "</tbody></table>";
		}
		for (const s of p.mutu_baku) {
			html += `<h5>${__("Mutu Baku {0}", [esc(s.dokumen)])}</h5><div class="row">`;
			for (const [label, rows] of [[s.sebelum, s.tahap_sebelum], [s.sesudah, s.tahap_sesudah]]) {
				html += `<div class="col-sm-6"><b>${esc(label || __("(kosong)"))}</b><ul>`;
				for (const t of rows) html += `<li>${esc(t.tahap)}: ${esc(t.standar)}</li>`;
				html += "</ul></div>";
			}
			html += "</div>";
		}
		html += `<p class="text-muted">${__("Tahap yang sudah berjalan tetap memakai batas waktunya; perubahan berlaku untuk tahap yang dimulai sesudahnya.")}</p>`;
		const d = new frappe.ui.Dialog({
			title: __("Pratinjau Profil SOP {0}", [esc(p.profil)]),
			size: "large",
			fields: [{ fieldtype: "HTML", fieldname: "pratinjau", options: html }],
			primary_action_label: __("Terapkan"),
			primary_action() {
				frappe.call({
					method: "kpu_dumas.api.profil_sop.terapkan",
					args: { profil },
					freeze: true,
				}).then((res) => {
					d.hide();
					frappe.show_alert({ message: res.message.pesan, indicator: "green" });
					if (after_apply) after_apply(res.message);
				});
			},
		});
		if (!p.dapat_diterapkan || !p.perubahan.length) d.get_primary_btn().prop("disabled", true);
		d.show();
	});
};

// Pengaturan Kantor › Profil SOP › Terapkan: choose the preset, then the same preview and apply.
frappe.ui.form.on("Pengaturan Kantor", {
	refresh(frm) {
		if (!frappe.user.has_role("System Manager")) return;
		frm.add_custom_button(
			__("Terapkan"),
			() => {
				frappe.prompt(
					[
						{
							fieldname: "profil",
							fieldtype: "Link",
							options: "Profil SOP",
							label: __("Profil SOP"),
							reqd: 1,
							default: frm.doc.profil_sop,
						},
					],
					(values) => kpu_dumas.profil_sop.terapkan(values.profil, () => frm.reload_doc()),
					__("Pilih Profil SOP"),
					__("Pratinjau")
				);
			},
			__("Profil SOP")
		);
	},
});
