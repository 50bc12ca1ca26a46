"""The IDOR matrix: who gets what of each object through each door (issue 13, "Proof in one table").

kpu_dumas.tests.test_idor_matrix drives every cell over real HTTP on a served site. The answers are the
intended behaviour of issue 13, not what the code happens to do:

- ALLOWED: the door hands the object out (its name is in the answer).
- MASKED: the door hands the object out, but no identity value of the rahasia reporter is in it (the
  identity opens only through a reveal with a reason, which these requests never make).
- REFUSED: an error status, or an answer without the object (a list, search or report without its
  row); never an identity value either.

Every answer, whatever it is, must also be free of the identity values of any object the user is not
ALLOWED to see in plain (checked by the driver).
"""

ALLOWED = "allowed"
MASKED = "masked"
REFUSED = "refused"

# Users: key -> what the driver makes of them.
USERS = {
	"guest": "Guest (not logged in)",
	"warga_a": "Website user A: filed the rahasia complaint (with its evidence), the request and the objection",
	"warga_b": "Website user B: filed the ordinary complaint",
	"petugas": "Petugas Penerima Aduan",
	"tim_on": "Tim Pemeriksa Pengaduan, member of both complaints' teams",
	"tim_off": "Tim Pemeriksa Pengaduan, on neither team",
	"kasubag": "Kasubag Hukum dan SDM (recipient of the disposition)",
	"pyb": "Pejabat Yang Berwenang",
	"ppid": "PPID",
	"pimpinan": "Pimpinan (issued the disposition)",
}

# Objects: key -> what the driver makes.
OBJECTS = {
	"pengaduan_rahasia": "Pengaduan with rahasia=1, filed by A through the portal, Ditelaah",
	"pengaduan_biasa": "Pengaduan with rahasia=0, filed by B through the portal, Ditelaah",
	"identitas_rahasia": "Identitas Pelapor of the rahasia complaint",
	"identitas_biasa": "Identitas Pelapor of the ordinary complaint",
	"bukti": "the rahasia complaint's evidence (private File, uploaded by A)",
	"permohonan": "Permohonan Informasi filed by A through the portal",
	"keberatan": "Keberatan Informasi on that request, filed by A through the portal",
	"disposisi": "Disposisi on the rahasia complaint, Pimpinan -> Kasubag, sent",
}

# Doors: key -> the objects it is tried on.
_RECORDS = tuple(OBJECTS)
_PRINTABLE = tuple(o for o in OBJECTS if o != "bukti")
_REPORTED = ("pengaduan_rahasia", "pengaduan_biasa", "permohonan", "keberatan")
DOORS = {
	"getdoc": _RECORDS,  # frappe.desk.form.load.getdoc (the Desk form)
	"rest_get": _RECORDS,  # GET /api/resource/<doctype>/<name>
	"rest_list": _RECORDS,  # GET /api/resource/<doctype>?filters=name&fields=*
	"client_get": _RECORDS,  # frappe.client.get
	"client_get_list": _RECORDS,  # frappe.client.get_list
	"client_get_value": _RECORDS,  # frappe.client.get_value (the identity-bearing fields)
	"reportview": _RECORDS,  # frappe.desk.reportview.get (list and report view)
	"reportview_export": _RECORDS,  # frappe.desk.reportview.export_query (CSV)
	"script_report": _REPORTED,  # frappe.desk.query_report.run (Register Pengaduan / Permohonan / Keberatan)
	"script_report_xlsx": _REPORTED,  # kpu_dumas.reports.export.export_xlsx of the same register
	"print": _PRINTABLE,  # /printview
	"pdf": _PRINTABLE,  # frappe.utils.print_format.download_pdf
	"search_link": _RECORDS,  # frappe.desk.search.search_link
	"global_search": ("pengaduan_rahasia", "pengaduan_biasa", "identitas_rahasia", "identitas_biasa"),
	"file_download": ("bukti",),  # GET /private/files/...
}

_NOBODY = {u: REFUSED for u in USERS}


def _readers(**answers) -> dict:
	return {**_NOBODY, **answers}


# What each user gets of each object, through every door that does not say otherwise (OVERRIDES).
MATRIX = {
	# A rahasia complaint: read by the complaint's staff, its identity never shown without a reveal.
	"pengaduan_rahasia": _readers(petugas=MASKED, tim_on=MASKED, kasubag=MASKED, pyb=MASKED, pimpinan=MASKED),
	"pengaduan_biasa": _readers(
		petugas=ALLOWED, tim_on=ALLOWED, kasubag=ALLOWED, pyb=ALLOWED, pimpinan=ALLOWED
	),
	# Identities: Petugas Penerima Aduan and the PyB only (roles.IDENTITY_READERS); rahasia ones masked.
	"identitas_rahasia": _readers(petugas=MASKED, pyb=MASKED),
	"identitas_biasa": _readers(petugas=ALLOWED, pyb=ALLOWED),
	# Evidence follows its complaint (need to know); its uploader keeps it, no other citizen.
	"bukti": _readers(
		warga_a=ALLOWED, petugas=ALLOWED, tim_on=ALLOWED, kasubag=ALLOWED, pyb=ALLOWED, pimpinan=ALLOWED
	),
	# Information services: PPID and Pimpinan (the complaint side has no business there).
	"permohonan": _readers(ppid=ALLOWED, pimpinan=ALLOWED),
	"keberatan": _readers(ppid=ALLOWED, pimpinan=ALLOWED),
	# A disposition: its chain (issuer, recipients) and Pimpinan; a PyB or PPID outside it sees nothing.
	"disposisi": _readers(kasubag=ALLOWED, pimpinan=ALLOWED),
}

# Doors that answer otherwise for some cells: (object, door) -> {user: answer}.
OVERRIDES = {
	# Export needs the DocType's export right: Pengaduan to Petugas, Kasubag, PyB (not Tim, Pimpinan);
	# Identitas Pelapor and File to nobody here; Permohonan/Keberatan to PPID; Disposisi to its chain.
	("pengaduan_rahasia", "reportview_export"): {"tim_on": REFUSED, "pimpinan": REFUSED},
	("pengaduan_biasa", "reportview_export"): {"tim_on": REFUSED, "pimpinan": REFUSED},
	("identitas_rahasia", "reportview_export"): {"petugas": REFUSED, "pyb": REFUSED},
	("identitas_biasa", "reportview_export"): {"petugas": REFUSED, "pyb": REFUSED},
	("bukti", "reportview_export"): {u: REFUSED for u in USERS},
	("permohonan", "reportview_export"): {"pimpinan": REFUSED},
	("keberatan", "reportview_export"): {"pimpinan": REFUSED},
	# Identities are not in the global search index at all (issue 13: plaintext nowhere else).
	("identitas_rahasia", "global_search"): {u: REFUSED for u in USERS},
	("identitas_biasa", "global_search"): {u: REFUSED for u in USERS},
}


def expected(obj: str, door: str, user: str) -> str:
	return OVERRIDES.get((obj, door), {}).get(user, MATRIX[obj][user])


def cells():
	"""Every (user, object, door, expected answer) the matrix holds."""
	for door, objects in DOORS.items():
		for obj in objects:
			for user in USERS:
				yield user, obj, door, expected(obj, door, user)
