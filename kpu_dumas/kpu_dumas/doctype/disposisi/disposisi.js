// Copyright (c) 2026, kpu_dumas developers and contributors
// For license information, please see license.txt

const RECIPIENT_COLORS = { "Belum Dibaca": "red", Dibaca: "blue", Ditindaklanjuti: "orange", Selesai: "green" };
const STATE_COLORS = { Draft: "gray", Dikirim: "blue", Selesai: "green", Dibatalkan: "darkgrey" };

frappe.ui.form.on("Disposisi", {
	// The stage intro comes with the form load (onload): load again after a workflow action.
	after_workflow_action(frm) {
		frm.reload_doc();
	},
	setup(frm) {
		frm.set_query("penerima", "penerima", () => ({ filters: { enabled: 1, user_type: "System User" } }));
		frm.set_query("disposisi_induk", () => ({ filters: { workflow_state: "Dikirim" } }));
	},
	refresh(frm) {
		// Breadcrumb to this service's workspace, set after Frappe's own (which names the module's oldest).
		setTimeout(() =>
			frappe.breadcrumbs.add({
				module: frm.meta.module,
				doctype: frm.doctype,
				workspace: "Kendali Disposisi",
			})
		);
		if (frm.is_new() && !frm.doc.batas_waktu) preview_due(frm);
		render_chain(frm);
		const row = own_row(frm);
		show_own_part(frm, row);
		if (!frm.is_new() && !is_issuer(frm)) frm.disable_form();
		if (row && frm.doc.workflow_state === "Dikirim" && row.status !== "Selesai") {
			frm.add_custom_button(__("Catat Tindak Lanjut"), () => follow_up_dialog(frm, row)).addClass(
				"btn-primary"
			);
			if (frappe.model.can_create("Disposisi")) {
				frm.add_custom_button(__("Teruskan (Disposisi Lanjutan)"), () =>
					frappe.model.open_mapped_doc({ method: "kpu_dumas.api.disposisi.buat_lanjutan", frm })
				);
			}
		}
	},
	sifat: preview_due,
	lisan: preview_due,
	waktu_lisan: preview_due,
	batas_waktu_manual: preview_due,
});

function own_row(frm) {
	return (frm.doc.penerima || []).find((r) => r.penerima === frappe.session.user);
}

function is_issuer(frm) {
	return [frm.doc.dari, frm.doc.owner].includes(frappe.session.user) || frappe.user.has_role("System Manager");
}

function show_own_part(frm, row) {
	if (!row || frm.is_new()) return;
	const due = frm.doc.batas_waktu
		? __("Batas waktu {0}.", [frappe.datetime.str_to_user(frm.doc.batas_waktu)])
		: "";
	frm.set_intro(
		__("Anda penerima disposisi ini. Status bagian Anda: {0}. {1}", [__(row.status), due]),
		RECIPIENT_COLORS[row.status] || "blue"
	);
}

function follow_up_dialog(frm, row) {
	const dialog = new frappe.ui.Dialog({
		title: __("Tindak Lanjut Disposisi {0}", [frm.doc.name]),
		fields: [
			{
				fieldname: "catatan",
				fieldtype: "Small Text",
				label: __("Catatan Tindak Lanjut"),
				reqd: 1,
				default: row.catatan_tindak_lanjut || "",
			},
			{
				fieldname: "selesai",
				fieldtype: "Check",
				label: __("Bagian saya selesai"),
				description: __("Menutup bagian Anda dan tugas (ToDo) Anda; catatan tidak dapat diubah lagi."),
			},
		],
		primary_action_label: __("Simpan"),
		primary_action(values) {
			frappe
				.xcall("kpu_dumas.api.disposisi.tindak_lanjut", {
					disposisi: frm.doc.name,
					catatan: values.catatan,
					selesai: values.selesai ? 1 : 0,
				})
				.then((r) => {
					dialog.hide();
					frappe.show_alert({
						message:
							r.workflow_state === "Selesai"
								? __("Semua penerima selesai: disposisi ditutup.")
								: __("Tindak lanjut dicatat: {0}.", [__(r.status)]),
						indicator: "green",
					});
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}

function preview_due(frm) {
	if (frm.doc.batas_waktu_manual || !frm.doc.sifat || frm.doc.docstatus) return;
	const start = frm.doc.lisan ? frm.doc.waktu_lisan : frm.doc.dikirim_pada;
	if (frm.doc.lisan && !start) return;
	frappe
		.xcall("kpu_dumas.api.disposisi.hitung_batas_waktu", { sifat: frm.doc.sifat, mulai: start || null })
		.then((due) => frm.set_value("batas_waktu", due));
}

function render_chain(frm) {
	const wrapper = frm.get_field("rantai_html").$wrapper;
	const nodes = (frm.doc.__onload && frm.doc.__onload.rantai) || [];
	wrapper.empty();
	if (nodes.length < 2) {
		wrapper.html(`<div class="text-muted small">${__("Disposisi ini belum diteruskan lebih lanjut.")}</div>`);
		return;
	}
	const esc = frappe.utils.escape_html;
	const pill = (text, color) => `<span class="indicator-pill ${color || "gray"}">${esc(__(text || ""))}</span>`;
	const rows = nodes
		.map((n) => {
			const name = n.dapat_dibuka ? `<a href="/app/disposisi/${encodeURIComponent(n.name)}">${esc(n.name)}</a>` : esc(n.name);
			const recipients = n.penerima
				.map((p) => `<div>${esc(p.nama)} ${pill(p.status, RECIPIENT_COLORS[p.status])}</div>`)
				.join("");
			const subject = n.perihal ? `<div class="text-muted small">${esc(n.perihal)}</div>` : "";
			return `<tr class="${n.ini ? "bg-light" : ""}">
				<td style="padding-left: ${8 + n.depth * 22}px">${n.depth ? "&#8627; " : ""}<b>${name}</b>${subject}</td>
				<td>${esc(n.pemberi || "")}<div class="text-muted small">${esc(n.tanggal || "")}</div></td>
				<td>${pill(n.status, STATE_COLORS[n.status])}</td>
				<td>${recipients}</td>
			</tr>`;
		})
		.join("");
	wrapper.html(`<table class="table table-sm table-bordered kpu-rantai-disposisi">
		<thead><tr><th>${__("Disposisi")}</th><th>${__("Dari")}</th><th>${__("Status")}</th><th>${__("Penerima")}</th></tr></thead>
		<tbody>${rows}</tbody></table>`);
}
