app_name = "kpu_dumas"
app_title = "KPU Dumas"
app_publisher = "kpu_dumas developers"
app_description = "Pengaduan masyarakat, permohonan informasi publik dan disposisi sesuai SOP KPU"
app_email = "dev@kpu-dumas.invalid"
app_license = "MIT"

export_python_type_annotations = True

# Installation: roles, workflows and defaults are created idempotently
# (never overwriting what an admin has edited). See kpu_dumas/setup/install.py.
after_install = "kpu_dumas.setup.install.after_install"
after_migrate = "kpu_dumas.setup.install.after_migrate"
before_uninstall = "kpu_dumas.setup.install.before_uninstall"
after_uninstall = "kpu_dumas.setup.install.after_uninstall"
before_tests = "kpu_dumas.setup.install.before_tests"

# Row- and document-level security, only for our own DocTypes.
permission_query_conditions = {
	"Identitas Pelapor": "kpu_dumas.permissions.identitas_query_conditions",
	"Disposisi": "kpu_dumas.disposisi_permissions.query_conditions",
	"Penerima Disposisi": "kpu_dumas.disposisi_permissions.child_query_conditions",
	"Butir Instruksi Disposisi": "kpu_dumas.disposisi_permissions.child_query_conditions",
	"Riwayat Tahap": "kpu_dumas.disposisi_permissions.child_query_conditions",
	"Surat Terbit": "kpu_dumas.kpu_dumas.doctype.surat_terbit.surat_terbit.query_conditions",
	# Need to know: a Tim Pemeriksa member sees only the complaints they examine (pengaduan_permissions).
	"Pengaduan": "kpu_dumas.pengaduan_permissions.query_conditions",
	"Bukti Pengaduan": "kpu_dumas.disposisi_permissions.child_query_conditions",
	"Pengaduan Tergabung": "kpu_dumas.disposisi_permissions.child_query_conditions",
	"Anggota Tim Pemeriksa": "kpu_dumas.disposisi_permissions.child_query_conditions",
	"File": "kpu_dumas.pengaduan_permissions.file_query_conditions",
	"Workflow Action": "kpu_dumas.pengaduan_permissions.workflow_action_query_conditions",
}
has_permission = {
	"Identitas Pelapor": "kpu_dumas.permissions.identitas_has_permission",
	"Disposisi": "kpu_dumas.disposisi_permissions.has_permission",
	"Surat Terbit": "kpu_dumas.kpu_dumas.doctype.surat_terbit.surat_terbit.has_permission",
	"Pengaduan": "kpu_dumas.pengaduan_permissions.has_permission",
	"Workflow Action": "kpu_dumas.pengaduan_permissions.workflow_action_has_permission",
}

# Row conditions (above) on doors Frappe leaves open: the awesome bar's search, frappe.client.get_count.
override_whitelisted_methods = {
	# The list/report view's Excel export: citizen text starting with "=" is text, never a formula.
	"frappe.desk.reportview.export_query": "kpu_dumas.reports.report_view.export_query",
	"frappe.utils.global_search.search": "kpu_dumas.pengaduan_permissions.global_search",
	# The Desk's link check fetches `fetch_from` values: identities come back decrypted (kerahasiaan).
	"frappe.client.validate_link": "kpu_dumas.kerahasiaan.validate_link",
	# The Report view shows identities decrypted (a rahasia one masked); its Export likewise.
	"frappe.desk.reportview.get": "kpu_dumas.kerahasiaan.reportview_get",
	# Frappe's counts every row without a permission check: ours go through the list query.
	"frappe.client.get_count": "kpu_dumas.pengaduan_permissions.get_count",
}

# Uploads to our records (Desk uploader, REST, code) pass the portal's content check; other apps'
# files are not looked at (kpu_dumas.attachments).
before_request = ["kpu_dumas.attachments.check_upload_request"]

# The correction door (Koreksi Data) on the registers whose numbers and dates it corrects; the paths
# that take a case elsewhere (duplicates, Gabungkan, Alihkan) on the two registers that have them; the
# SP4N-LAPOR! steps (follow-up, reply, Selesai di SP4N-LAPOR!) on complaints.
doctype_js = {
	"Pengaduan": [
		"public/js/koreksi_data.js",
		"public/js/jalur.js",
		"public/js/lapor.js",
		"public/js/alasan_buka.js",
		"public/js/pengungkapan.js",
	],
	"Permohonan Informasi": ["public/js/koreksi_data.js", "public/js/jalur.js"],
	"Keberatan Informasi": "public/js/koreksi_data.js",
	"Identitas Pelapor": "public/js/alasan_buka.js",
	"Profil SOP": "public/js/profil_sop.js",
	"Pengaturan Kantor": "public/js/profil_sop.js",
}

# The reveal log outlives the complaints and identities it names (append-only, pengungkapan).
ignore_links_on_delete = ["Log Buka Identitas"]

# Office calendar changes must reach the next due-time computation at once.
doc_events = {
	"File": {"validate": "kpu_dumas.attachments.validate_file"},
	# Timeline diffs of our records never carry a requester's identity (only that it changed).
	"Version": {"before_insert": "kpu_dumas.record.mask_identity_in_version"},
	# A rahasia identity prints only after a reveal; a masked save keeps the stored values (pengungkapan).
	"Identitas Pelapor": {
		"before_print": "kpu_dumas.pengungkapan.seal_for_print",
		"before_validate": "kpu_dumas.pengungkapan.keep_masked",
		# The Deleted Document copy holds the ciphertext, as the record did (kerahasiaan).
		"after_delete": "kpu_dumas.kerahasiaan.encrypt_in_memory",
	},
	"Pengaturan Kantor": {"on_update": "kpu_dumas.clock.clear_calendar_cache"},
	"Hari Libur Kantor": {
		"on_update": "kpu_dumas.clock.clear_calendar_cache",
		"on_trash": "kpu_dumas.clock.clear_calendar_cache",
	},
	# Every numbered letter gets its Surat Terbit record (code, fingerprint) when its number is issued.
	"Pengaduan": {"on_update": "kpu_dumas.verification.sync"},
	"Permohonan Informasi": {
		"on_update": "kpu_dumas.verification.sync",
		"after_delete": "kpu_dumas.kerahasiaan.encrypt_in_memory",
	},
	"Keberatan Informasi": {
		"on_update": "kpu_dumas.verification.sync",
		"after_delete": "kpu_dumas.kerahasiaan.encrypt_in_memory",
	},
	"Disposisi": {"on_update": "kpu_dumas.verification.sync"},
}

# The public statistics (/statistik) are recomputed hourly, after the sweep has marked late stages.
scheduler_events = {
	"hourly": [
		"kpu_dumas.tasks.sweep_overdue",
		"kpu_dumas.statistik.refresh",
		# Sent mail about our records leaves the queue with the recipient's address (kerahasiaan).
		"kpu_dumas.kerahasiaan.purge_sent_email",
	],
	# Identities of complaints closed longer ago than the retention setting are erased (UU 27/2022).
	"daily": ["kpu_dumas.retensi.run_daily"],
}

# /statistik for guests from a cache of its whole page (only that path; kpu_dumas.statistik_page).
page_renderer = ["kpu_dumas.statistik_page.StatistikPage"]

# The letters (Print Formats of module KPU Dumas) get their context from kpu_surat_context(doc, surat).
jinja = {"methods": ["kpu_dumas.letters.kpu_surat_context"]}
