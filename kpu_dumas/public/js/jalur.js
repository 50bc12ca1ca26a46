// The paths that take a case elsewhere (kpu_dumas.api.jalur): possible duplicates and Gabungkan,
// Bukan Duplikat, and Alihkan to the other register. Forwarding to the competent body is the workflow
// action "Teruskan ke Instansi". Loaded on Pengaduan and Permohonan Informasi (hooks.doctype_js).

window.kpu_dumas_jalur = {
	candidates: [],

	// The candidates in the Keterkaitan tab, and a headline while the complaint is flagged.
	duplicates(frm) {
		const wrapper = frm.get_field("duplikat_html").$wrapper;
		frappe.xcall("kpu_dumas.api.jalur.kandidat_duplikat", { pengaduan: frm.doc.name }).then((r) => {
			this.candidates = r.kandidat;
			const esc = frappe.utils.escape_html;
			const rows = r.kandidat
				.map(
					(c) => `<tr>
						<td><a href="/app/pengaduan/${encodeURIComponent(c.name)}">${esc(c.name)}</a></td>
						<td>${esc(c.perihal || "")}</td><td>${esc(__(c.workflow_state))}</td>
						<td>${esc(c.kanal || "")}</td><td>${esc(c.diterima)}</td>
						<td>${esc(c.dasar.map((b) => (b === "Perihal mirip" ? `${b} (${c.kemiripan}%)` : b)).join(", "))}</td>
					</tr>`
				)
				.join("");
			const hidden = r.disembunyikan
				? `<p class="text-muted">${__(
						"{0} kemungkinan duplikat lain cocok menurut identitas pelapor yang dirahasiakan; hanya Petugas Penerima Aduan dan Pejabat Yang Berwenang yang dapat melihatnya.",
						[r.disembunyikan]
				  )}</p>`
				: "";
			wrapper.html(
				rows
					? `<table class="table table-sm table-bordered kpu-kandidat-duplikat">
						<thead><tr><th>${__("Nomor")}</th><th>${__("Perihal")}</th><th>${__("Status")}</th>
						<th>${__("Kanal")}</th><th>${__("Diterima")}</th><th>${__("Dasar")}</th></tr></thead>
						<tbody>${rows}</tbody></table>${hidden}`
					: hidden || `<p class="text-muted">${__("Tidak ada kemungkinan duplikat.")}</p>`
			);
			if (r.ditandai && !frm.doc.docstatus && (r.kandidat.length || r.disembunyikan)) {
				frm.dashboard.set_headline_alert(
					__("Kemungkinan duplikat: {0} pengaduan serupa. Lihat tab Keterkaitan.", [r.kandidat.length + r.disembunyikan]),
					"orange"
				);
			}
		});
	},

	merge(frm) {
		const open = this.candidates.filter((c) => c.name !== frm.doc.name);
		const d = new frappe.ui.Dialog({
			title: __("Gabungkan ke Pengaduan Utama"),
			fields: [
				{
					fieldname: "utama",
					fieldtype: "Link",
					options: "Pengaduan",
					label: __("Pengaduan Utama"),
					reqd: 1,
					default: open.length ? open[0].name : "",
					description: __(
						"Pengaduan ini berakhir sebagai Digabungkan; kanal, waktu terima dan buktinya ditambahkan ke pengaduan utama. Identitas pelapor tetap pada pengaduan masing-masing."
					),
					get_query: () => ({ filters: { docstatus: 0, name: ["!=", frm.doc.name] } }),
				},
				{ fieldname: "keterangan", fieldtype: "Small Text", label: __("Keterangan (opsional)") },
			],
			primary_action_label: __("Gabungkan"),
			primary_action(values) {
				frappe.xcall("kpu_dumas.api.jalur.gabungkan", { pengaduan: frm.doc.name, ...values }).then((r) => {
					d.hide();
					frappe.show_alert({ message: __("Digabungkan ke {0}.", [r.utama]), indicator: "green" });
					frm.reload_doc();
				});
			},
		});
		d.show();
	},

	not_duplicate(frm) {
		frappe.prompt(
			[{ fieldname: "alasan", fieldtype: "Small Text", label: __("Alasan Bukan Duplikat"), reqd: 1 }],
			(values) =>
				frappe.xcall("kpu_dumas.api.jalur.bukan_duplikat", { pengaduan: frm.doc.name, alasan: values.alasan }).then(() => {
					frappe.show_alert({ message: __("Dicatat: bukan duplikat."), indicator: "green" });
					frm.reload_doc();
				}),
			__("Bukan Duplikat"),
			__("Simpan")
		);
	},

	to_request(frm) {
		frappe.xcall("kpu_dumas.api.jalur.data_pengalihan", { doctype: frm.doctype, name: frm.doc.name }).then((v) => {
			const meta = frappe.get_meta("Permohonan Informasi");
			const options = (f) => (meta ? frappe.meta.get_docfield("Permohonan Informasi", f).options : "");
			const field = (fieldname, label, fieldtype = "Data", reqd = 0, extra = {}) => ({
				fieldname, label, fieldtype, reqd, default: v[fieldname] || "", ...extra,
			});
			const d = new frappe.ui.Dialog({
				title: __("Alihkan ke Permohonan Informasi"),
				size: "large",
				fields: [
					{ fieldtype: "HTML", options: `<p class="text-muted">${__(
						"Permohonan baru mencatat waktu terima pengaduan ini, sehingga jangka waktu 10 hari kerja (UU 14/2008 Pasal 22) dihitung sejak pengaduan diterima. Pengaduan ini berakhir sebagai Dialihkan."
					)}</p>` },
					field("jenis_pemohon", __("Jenis Pemohon"), "Select", 1, { options: options("jenis_pemohon") }),
					field("nama_pemohon", __("Nama Pemohon"), "Data", 1),
					field("jenis_identitas", __("Jenis Identitas"), "Select", 1, { options: options("jenis_identitas") }),
					field("nomor_identitas", __("Nomor Identitas"), "Data", 1),
					field("alamat", __("Alamat"), "Small Text", 1),
					{ fieldtype: "Column Break" },
					field("telepon", __("Telepon/HP")),
					field("email", __("Email")),
					field("pekerjaan", __("Pekerjaan")),
					{ fieldtype: "Section Break" },
					field("informasi_diminta", __("Rincian Informasi yang Dibutuhkan"), "Small Text", 1),
					field("tujuan_penggunaan", __("Tujuan Penggunaan Informasi"), "Small Text", 1),
					field("cara_memperoleh", __("Cara Memperoleh Informasi"), "Select", 1, { options: options("cara_memperoleh") }),
					field("cara_mendapatkan_salinan", __("Cara Mendapatkan Salinan"), "Select", 0, { options: options("cara_mendapatkan_salinan") }),
				],
				primary_action_label: __("Alihkan"),
				primary_action(values) {
					frappe.xcall("kpu_dumas.api.jalur.alihkan_ke_permohonan", { pengaduan: frm.doc.name, data: values }).then((r) => {
						d.hide();
						frappe.show_alert({ message: __("Dilanjutkan sebagai {0}.", [r.baru]), indicator: "green" });
						frm.reload_doc();
					});
				},
			});
			d.show();
		});
	},

	to_complaint(frm) {
		frappe.xcall("kpu_dumas.api.jalur.data_pengalihan", { doctype: frm.doctype, name: frm.doc.name }).then((v) => {
			const d = new frappe.ui.Dialog({
				title: __("Alihkan ke Pengaduan"),
				fields: [
					{ fieldtype: "HTML", options: `<p class="text-muted">${__(
						"Pengaduan baru mencatat waktu terima permohonan ini dan identitas pemohon sebagai identitas pelapor. Permohonan ini berakhir sebagai Dialihkan."
					)}</p>` },
					{ fieldname: "perihal", fieldtype: "Data", label: __("Perihal"), reqd: 1 },
					{ fieldname: "uraian", fieldtype: "Small Text", label: __("Uraian Pengaduan"), reqd: 1, default: v.uraian || "" },
					{ fieldname: "kategori", fieldtype: "Link", options: "Kategori Pengaduan", label: __("Kategori") },
					{ fieldname: "teradu", fieldtype: "Data", label: __("Pihak/Unit yang Diadukan") },
					{ fieldname: "rahasia", fieldtype: "Check", label: __("Rahasiakan identitas pelapor") },
				],
				primary_action_label: __("Alihkan"),
				primary_action(values) {
					frappe.xcall("kpu_dumas.api.jalur.alihkan_ke_pengaduan", { permohonan: frm.doc.name, data: values }).then((r) => {
						d.hide();
						frappe.show_alert({ message: __("Dilanjutkan sebagai {0}.", [r.baru]), indicator: "green" });
						frm.reload_doc();
					});
				},
			});
			d.show();
		});
	},
};

// This file is loaded with each form that uses it: register the handlers once.
if (!window.kpu_dumas_jalur_on) {
	window.kpu_dumas_jalur_on = true;
	frappe.ui.form.on("Pengaduan", {
		refresh(frm) {
			if (frm.is_new()) return;
			kpu_dumas_jalur.duplicates(frm);
			frappe.xcall("kpu_dumas.api.jalur.aksi", { doctype: frm.doctype, name: frm.doc.name }).then((may) => {
				if (may.gabungkan) frm.add_custom_button(__("Gabungkan"), () => kpu_dumas_jalur.merge(frm), __("Aksi Lain"));
				if (may.bukan_duplikat && frm.doc.kemungkinan_duplikat)
					frm.add_custom_button(__("Bukan Duplikat"), () => kpu_dumas_jalur.not_duplicate(frm), __("Aksi Lain"));
				if (may.alihkan)
					frm.add_custom_button(__("Alihkan ke Permohonan Informasi"), () => kpu_dumas_jalur.to_request(frm), __("Aksi Lain"));
			});
		},
	});

	frappe.ui.form.on("Permohonan Informasi", {
		refresh(frm) {
			if (frm.is_new()) return;
			frappe.xcall("kpu_dumas.api.jalur.aksi", { doctype: frm.doctype, name: frm.doc.name }).then((may) => {
				if (may.alihkan) frm.add_custom_button(__("Alihkan ke Pengaduan"), () => kpu_dumas_jalur.to_complaint(frm), __("Aksi Lain"));
			});
		},
	});
}
