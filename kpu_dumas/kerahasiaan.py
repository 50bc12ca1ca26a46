"""Identities encrypted at rest, with keyed blind indexes for exact lookups.

What is encrypted (ENCRYPTED): every personal field of Identitas Pelapor, and the NIK, phone and address
of a requester on Permohonan Informasi and Keberatan Informasi. The database holds only
`kpu1$<Fernet token>` made with the site's `encryption_key` (site_config.json, never the database);
a loaded document holds the plaintext, so forms, letters and reports read it as before.

How: controllers mix in `EncryptedFields`, which decrypts in `load_from_db` and encrypts only for the
moment of `db_insert`/`db_update`. Everything that copies a loaded document elsewhere in the database
is handled apart: Version diffs are masked (record.mask_identity_in_version), a Deleted Document gets the
ciphertext (`encrypt_in_memory`, on after_delete), and code that reads these columns with a query goes
through `decrypt` (reports, letters, the duplicate check).

Exact lookups (the duplicate check, a repeat reporter, the per-reporter limit) use the blind indexes
(INDEXED: HMAC-SHA256 of the normalised value, core.kerahasiaan.blind_indexes), never the plaintext.
"""

from __future__ import annotations

import functools
import re
import sys
import traceback
from contextlib import contextmanager

import frappe
from cryptography.fernet import Fernet, InvalidToken
from frappe import _
from frappe.utils.password import decrypt as frappe_decrypt
from frappe.utils.password import encrypt as frappe_encrypt
from frappe.utils.password import get_encryption_key

from kpu_dumas.core import duplicates as rules_dup
from kpu_dumas.core import kerahasiaan as core

ENCRYPTED = {
	"Identitas Pelapor": (
		"nama_lengkap",
		"jenis_identitas",
		"nomor_identitas",
		"alamat",
		"telepon",
		"email",
		"pekerjaan",
		"nama_kuasa",
		"nomor_identitas_kuasa",
	),
	"Permohonan Informasi": ("nomor_identitas", "alamat", "telepon"),
	"Keberatan Informasi": ("alamat", "telepon"),
}

# Blind-index columns: doctype -> {basis: fieldname}; the source values are (nik, phone, email) fields.
INDEXED = {
	"Identitas Pelapor": {
		rules_dup.SAME_NIK: "indeks_nik",
		rules_dup.SAME_PHONE: "indeks_telepon",
		rules_dup.SAME_EMAIL: "indeks_email",
	},
	"Permohonan Informasi": {
		rules_dup.SAME_NIK: "indeks_nik",
		rules_dup.SAME_PHONE: "indeks_telepon",
		rules_dup.SAME_EMAIL: "indeks_email",
	},
}
INDEX_SOURCES = ("nomor_identitas", "telepon", "email")  # (nik, phone, email) on both doctypes


# --- values ---------------------------------------------------------------------------------------------


def encrypt(value, site_key: str | None = None):
	"""The stored form of a value: empty stays empty, ciphertext stays as it is."""
	if value in (None, "") or core.is_encrypted(value) or value == core.ERASED:
		return value
	return core.wrap(frappe_encrypt(str(value), site_key))


def decrypt(value, site_key: str | None = None):
	"""Plaintext of a stored value; plaintext (not yet migrated) and empty values pass through.

	Frappe's format (Fernet with the site key); the Fernet object is kept per key, which saves about a
	third of the time a register spends decrypting its rows. A token the key cannot open raises
	Frappe's own "Encryption key is invalid" error."""
	if not core.is_encrypted(value):
		return value
	try:
		return _fernet(site_key or get_encryption_key()).decrypt(core.unwrap(value).encode()).decode()
	except (InvalidToken, ValueError):
		return frappe_decrypt(core.unwrap(value), site_key)  # raises with Frappe's message


@functools.lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
	return Fernet(key.encode())


def decrypt_row(row, doctype: str):
	"""Decrypt, in place, the encrypted fields of `doctype` present in a query result row (dict)."""
	for fieldname in ENCRYPTED.get(doctype, ()):
		if fieldname in row:
			row[fieldname] = decrypt(row[fieldname])
	return row


def index_key() -> bytes:
	return core.index_key(get_encryption_key())


def blind_indexes(nik=None, phone=None, email=None) -> dict[str, str]:
	"""{basis: index} for the values given (see core.kerahasiaan.blind_indexes)."""
	return core.blind_indexes(index_key(), nik, phone, email)


def find_by_index(doctype: str, nik=None, phone=None, email=None, fields=("name",)) -> list:
	"""Records of `doctype` whose NIK, phone or email equals one of those given: one query over the
	indexed blind-index columns, never a scan of the plaintext."""
	indexes = blind_indexes(nik, phone, email)
	columns = INDEXED[doctype]
	if not indexes:
		return []
	return frappe.get_all(
		doctype,
		or_filters={columns[basis]: value for basis, value in indexes.items()},
		fields=list(fields),
	)


@frappe.whitelist()
def cari_pelapor(nik: str | None = None, telepon: str | None = None, email: str | None = None) -> dict:
	"""An identity reader's exact lookup of a reporter by NIK, phone or email, through the blind indexes
	(the columns hold ciphertext, so the list's filters cannot find them): the matching Identitas
	Pelapor and their complaints. A rahasia complaint is only counted: linking a known NIK to a rahasia
	case is a reveal, which goes through the case with a reason (kpu_dumas.pengungkapan)."""
	from kpu_dumas.permissions import can_read_identity

	if not can_read_identity():
		frappe.throw(
			_("Pencarian pelapor hanya untuk Petugas Penerima Aduan dan Pejabat Yang Berwenang."),
			frappe.PermissionError,
		)
	if not blind_indexes(nik, telepon, email):
		frappe.throw(_("Isi NIK, nomor telepon atau email pelapor yang dicari (lengkap, bukan sebagian)."))
	names = [row.name for row in find_by_index("Identitas Pelapor", nik, telepon, email)]
	if not names:  # (an `in ("")` filter would match every complaint without an identity)
		return {"identitas": [], "pengaduan": [], "rahasia_disembunyikan": 0}
	complaints = frappe.get_all(
		"Pengaduan",
		filters={"identitas_pelapor": ("in", names)},
		fields=["name", "identitas_pelapor", "perihal", "workflow_state", "rahasia"],
		order_by="tanggal_diterima desc",
	)
	open_ones = [c for c in complaints if not c.rahasia]
	shown = {c.identitas_pelapor for c in open_ones}
	return {
		"identitas": [n for n in names if n in shown or n not in {c.identitas_pelapor for c in complaints}],
		"pengaduan": [{k: c[k] for k in ("name", "perihal", "workflow_state")} for c in open_ones],
		"rahasia_disembunyikan": len(complaints) - len(open_ones),
	}


# --- documents ------------------------------------------------------------------------------------------


def _index_value(value):
	"""A source value that may enter a blind index: not a mask, not an erased identity."""
	return None if value in (core.MASK, core.ERASED) else value


def _set_indexes(doc) -> None:
	columns = INDEXED.get(doc.doctype)
	if not columns:
		return
	values = [doc.get(f) for f in INDEX_SOURCES]
	if core.MASK in values:
		return  # a masked save keeps the stored values, and with them the indexes
	indexes = blind_indexes(*(_index_value(v) for v in values))
	for basis, fieldname in columns.items():
		doc.set(fieldname, indexes.get(basis))


def _stored_values(doc, fieldnames) -> dict:
	if doc.is_new() or not doc.name:
		return {}
	return frappe.db.get_value(doc.doctype, doc.name, list(fieldnames), as_dict=True) or {}


@contextmanager
def encrypted(doc):
	"""The document holds ciphertext inside the block (for the write) and plaintext after it.

	A value equal to the mask (a rahasia form saved without a reveal) keeps what is stored."""
	fieldnames = ENCRYPTED.get(doc.doctype, ())
	plain = {f: doc.get(f) for f in fieldnames}
	masked = [f for f, v in plain.items() if v == core.MASK]
	stored = _stored_values(doc, masked) if masked else {}
	_set_indexes(doc)
	for fieldname, value in plain.items():
		doc.set(fieldname, stored.get(fieldname) if fieldname in masked else encrypt(value))
	try:
		yield
	finally:
		for fieldname, value in plain.items():
			doc.set(fieldname, decrypt(stored.get(fieldname)) if fieldname in masked else decrypt(value))


def encrypt_in_memory(doc, method=None) -> None:
	"""doc_events after_delete: the Deleted Document copy of the record gets the ciphertext."""
	for fieldname in ENCRYPTED.get(doc.doctype, ()):
		doc.set(fieldname, encrypt(doc.get(fieldname)))


class EncryptedFields:
	"""Mixin for the controllers of the ENCRYPTED doctypes (before frappe's Document in the MRO)."""

	def __init__(self, *args, **kwargs):
		super().__init__(*args, **kwargs)
		# a document made from stored values (a Deleted Document being restored) holds plaintext too
		for fieldname in ENCRYPTED.get(self.doctype, ()):
			if core.is_encrypted(value := self.get(fieldname)):
				self.set(fieldname, decrypt(value))

	def load_from_db(self):
		super().load_from_db()
		for fieldname in ENCRYPTED.get(self.doctype, ()):
			self.set(fieldname, decrypt(self.get(fieldname)))

	def db_insert(self, *args, **kwargs):
		with encrypted(self):
			return super().db_insert(*args, **kwargs)

	def db_update(self, *args, **kwargs):
		with encrypted(self):
			return super().db_update(*args, **kwargs)

	def db_set(self, fieldname, value=None, *args, **kwargs):
		"""A direct write of an encrypted field stores its ciphertext (and the indexes it feeds)."""
		fieldnames = ENCRYPTED.get(self.doctype, ())
		values = dict(fieldname) if isinstance(fieldname, dict) else {fieldname: value}
		if not values.keys() & set(fieldnames):
			return super().db_set(fieldname, value, *args, **kwargs)
		stored = {f: encrypt(v) if f in fieldnames else v for f, v in values.items()}
		if (columns := INDEXED.get(self.doctype)) and values.keys() & set(INDEX_SOURCES):
			sources = [_index_value(values.get(f, self.get(f))) for f in INDEX_SOURCES]
			indexes = blind_indexes(*sources)
			stored.update({column: indexes.get(basis) for basis, column in columns.items()})
		result = super().db_set(stored, None, *args, **kwargs)
		self.update({f: v for f, v in values.items() if f in fieldnames})  # plaintext in memory
		return result

	def set_fetch_from_value(self, doctype, df, values):
		"""A value fetched from a linked record (Keberatan's telepon from its Permohonan) arrives as the
		source's ciphertext: hold it as plaintext like every loaded value (it is encrypted on write)."""
		super().set_fetch_from_value(doctype, df, values)
		if df.fieldname in ENCRYPTED.get(self.doctype, ()):
			self.set(df.fieldname, decrypt(self.get(df.fieldname)))

	def _validate_length(self):
		"""The columns are sized for the ciphertext; the plaintext keeps the usual limit of a Data field."""
		super()._validate_length()
		for fieldname in ENCRYPTED.get(self.doctype, ()):
			df = self.meta.get_field(fieldname)
			value = self.get(fieldname)
			if df and df.fieldtype in ("Data", "Select") and core.too_long(value):
				frappe.throw(
					_(
						"{0} terlalu panjang: {1} karakter, paling banyak {2}. Persingkat isinya lalu simpan kembali."
					).format(_(df.label), len(str(value)), core.PLAIN_MAX_LENGTH),
					frappe.CharacterLengthExceededError,
					title=_("Isian Terlalu Panjang"),
				)

	def apply_fieldlevel_read_permissions(self):
		"""Every door that hands a document to a client (getdoc, REST, frappe.client.get) calls this:
		a rahasia identity is masked there unless the reader revealed it (kpu_dumas.pengungkapan)."""
		super().apply_fieldlevel_read_permissions()
		from kpu_dumas import pengungkapan

		pengungkapan.seal(self)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""frappe.client.validate_link (the Desk's link check, which also fetches `fetch_from` values), with
	the fetched identity values decrypted: a Keberatan form shows its Permohonan's phone, not ciphertext."""
	from frappe.client import validate_link as frappe_validate_link

	values = frappe_validate_link(doctype, docname, fields)
	if not (doctype in ENCRYPTED and values):
		return values
	from kpu_dumas import pengungkapan

	return pengungkapan.seal_values(doctype, docname, decrypt_row(values, doctype))  # rahasia: a reason first


# --- Frappe's report view and its export -------------------------------------------------------------------

_COLUMN = re.compile(r"^(?:`tab(?P<doctype>[^`]+)`\.)?`?(?P<field>\w+)`?$")


def decrypt_query_rows(doctype: str, rows: list, fields=()) -> list:
	"""Decrypt, in place, the encrypted columns of the main doctype in a DatabaseQuery result (dicts, or
	lists in the order of `fields`). An identity of a rahasia complaint stays masked: the report view
	and its export are no door to it (the reveal goes through the form, with a reason)."""
	encrypted_fields = set(ENCRYPTED.get(doctype, ()))
	if not encrypted_fields or not rows:
		return rows
	if isinstance(rows[0], dict):
		columns = {f: f for f in encrypted_fields if f in rows[0]}
		name_key = "name" if "name" in rows[0] else None
	else:
		columns, name_key = {}, None
		for i, field in enumerate(fields or ()):
			match = _COLUMN.match(str(field).strip())
			if match and match["doctype"] in (None, doctype):
				if match["field"] in encrypted_fields:
					columns[i] = match["field"]
				elif match["field"] == "name" and name_key is None:
					name_key = i
	if not columns:
		return rows
	sealed = _rahasia_identities(doctype, [row[name_key] for row in rows] if name_key is not None else None)
	for row in rows:
		hidden = sealed is None or row[name_key] in sealed
		for key in columns:
			if row[key] not in (None, ""):
				row[key] = core.MASK if hidden else decrypt(row[key])
	return rows


def _rahasia_identities(doctype: str, names) -> set | None:
	"""The identities among `names` that belong to a rahasia complaint (None: unknown, hide them all)."""
	if doctype != "Identitas Pelapor":
		return set()
	if names is None:
		return None
	from kpu_dumas import pengungkapan

	return pengungkapan.rahasia_identities(names)


@contextmanager
def decrypted_report_view():
	"""Inside the block, Frappe's report view queries (frappe.desk.reportview: the list's Report view and
	its Export) return our identities decrypted, as decrypt_query_rows does."""
	import frappe.desk.reportview as reportview

	original = reportview.DatabaseQuery

	class DecryptingQuery(original):
		def execute(self, *args, **kwargs):
			result = super().execute(*args, **kwargs)
			if self.doctype in ENCRYPTED and isinstance(result, list | tuple) and result:
				if not isinstance(result[0], dict):  # as_list: tuples from the database
					result = [list(row) for row in result]
				decrypt_query_rows(self.doctype, result, self.fields)
			return result

	reportview.DatabaseQuery = DecryptingQuery
	try:
		yield
	finally:
		reportview.DatabaseQuery = original


@frappe.whitelist()
@frappe.read_only()
def reportview_get():
	"""frappe.desk.reportview.get (the Desk's Report view) with identities decrypted."""
	import frappe.desk.reportview as reportview

	with decrypted_report_view():
		return reportview.get()


# --- where a plaintext is held for a moment -------------------------------------------------------------

# Outgoing mail about our records: the recipient's address sits in Email Queue (and its Recipient rows)
# until the queue has sent it; `purge_sent_email` then removes the rows (hourly, hooks.scheduler_events).
EMAIL_DOCTYPES = ("Pengaduan", "Permohonan Informasi", "Keberatan Informasi", "Identitas Pelapor")


def purge_sent_email() -> int:
	"""Delete the sent Email Queue rows about our records, with their recipients. Returns how many."""
	queue = frappe.qb.DocType("Email Queue")
	names = (
		frappe.qb.from_(queue)
		.select(queue.name)
		.where(queue.status == "Sent")
		.where(queue.reference_doctype.isin(EMAIL_DOCTYPES))
		.run(pluck=True)
	)
	if names:
		recipient = frappe.qb.DocType("Email Queue Recipient")
		frappe.qb.from_(recipient).delete().where(recipient.parent.isin(names)).run()
		frappe.qb.from_(queue).delete().where(queue.name.isin(names)).run()
	return len(names)


# --- errors without the values that caused them ----------------------------------------------------------

HIDDEN = "[disembunyikan]"
UNEXPECTED = (
	"Maaf, permintaan Anda belum dapat diproses karena gangguan pada sistem, dan tidak ada data yang "
	"tersimpan. Silakan kirim ulang beberapa saat lagi; bila tetap gagal, hubungi kantor KPU melalui "
	"telepon atau datang langsung ke meja layanan."
)


def _redact(text: str, secrets) -> str:
	for secret in sorted(
		{str(s) for s in secrets if s not in (None, "") and len(str(s)) >= 3}, key=len, reverse=True
	):
		text = text.replace(secret, HIDDEN)
	return text


def log_error(title: str, secrets=(), reference_doctype=None, reference_name=None):
	"""An Error Log row for the exception being handled, WITHOUT the local variables Frappe would add
	(frappe.log_error formats every frame's locals, which hold form values) and with `secrets` (the
	values the request carried) cut out of the message."""
	exc_type, exc, tb = sys.exc_info()
	trace = "".join(traceback.format_tb(tb)) if tb else ""
	message = f"{exc_type.__name__}: {exc}" if exc_type else ""
	frappe.get_doc(
		{
			"doctype": "Error Log",
			"method": title[:140],
			"error": _redact(trace + message, secrets),
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
		}
	).insert(ignore_permissions=True)


def guard_identity_errors(fn):
	"""For whitelisted entry points that take identity values (the portal's submissions): an unexpected
	error (HTTP 500) rolls the transaction back, is logged without local variables or submitted values,
	and the citizen gets a clear message instead of a traceback. Refusals (HTTP 4xx: validation,
	permission, rate limits) pass through as they are."""

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		try:
			return fn(*args, **kwargs)
		except Exception as exc:
			if getattr(exc, "http_status_code", 500) < 500:
				raise
			frappe.db.rollback()
			frappe.clear_messages()
			secrets = [*(frappe.form_dict or {}).values(), *args, *kwargs.values()]
			log_error(f"{fn.__module__}.{fn.__name__}", [s for s in secrets if isinstance(s, str)])
			frappe.db.commit()  # the log only: the submission itself was rolled back
		# raised outside the handler, so that the original exception (and its message) is not chained
		frappe.throw(_(UNEXPECTED), title=_("Pengajuan Belum Dapat Diproses"))

	return wrapper


# --- migration and key rotation ---------------------------------------------------------------------------


def reencrypt_all(old_key: str | None = None, new_key: str | None = None) -> dict[str, int]:
	"""Bring every stored identity under `new_key` (default: the site key) and its blind indexes up to
	date. Plaintext left from before the encryption is encrypted; values under `old_key` are decrypted
	with it and encrypted anew; values already under the new key stay as they are. Writes only the rows
	that change (so a second run writes nothing), without loading documents (no Version, no hooks).
	Returns {doctype: rows rewritten}."""
	new_key = new_key or get_encryption_key()
	new_index_key = core.index_key(new_key)
	counts = {}
	for doctype, fieldnames in ENCRYPTED.items():
		columns = INDEXED.get(doctype, {})
		meta = frappe.get_meta(doctype)
		extra = [f for f in (*INDEX_SOURCES, *columns.values()) if f not in fieldnames and meta.has_field(f)]
		counts[doctype] = 0
		for row in frappe.get_all(doctype, fields=["name", *fieldnames, *extra], order_by="name"):
			plain, values = {}, {}
			for f in fieldnames:
				plain[f], under_new = _decrypt_with(row.get(f), old_key, new_key)
				values[f] = row.get(f) if under_new else encrypt(plain[f], new_key)
			if columns:
				source = {**row, **plain}
				indexes = core.blind_indexes(
					new_index_key, *(_index_value(source.get(f)) for f in INDEX_SOURCES)
				)
				values.update({fieldname: indexes.get(basis) for basis, fieldname in columns.items()})
			changed = {f: v for f, v in values.items() if v != row.get(f)}
			if changed:
				frappe.db.set_value(doctype, row.name, changed, update_modified=False)
				counts[doctype] += 1
	return counts


def _decrypt_with(value, old_key, new_key) -> tuple:
	"""(plaintext, whether it was under the new key already)."""
	if not core.is_encrypted(value):
		return value, False
	for key in (new_key, old_key):
		if not key:
			continue
		try:
			return frappe_decrypt(core.unwrap(value), key), key == new_key
		except Exception:
			frappe.clear_messages()
	raise ValueError("a stored identity decrypts with neither the old nor the new key")


def rotate_key(old_key: str, commit: bool = True) -> dict[str, int]:
	"""`bench --site SITE execute kpu_dumas.kerahasiaan.rotate_key --kwargs "{'old_key': '...'}"`

	Run after putting a new `encryption_key` in site_config.json (keep the old one until this has run):
	every identity, and every encrypted Password value in __Auth (Frappe's own, which the new key could
	not read either), is decrypted with the old key and encrypted with the new one. Safe to run twice."""
	if not old_key or old_key == get_encryption_key():
		frappe.throw(
			_(
				"Kunci lama sama dengan kunci situs saat ini. Pasang kunci baru pada encryption_key di "
				"site_config.json, lalu jalankan perintah ini dengan kunci lama."
			)
		)
	counts = reencrypt_all(old_key=old_key)
	counts["__Auth"] = _reencrypt_auth(old_key)
	if commit:
		frappe.db.commit()
	return counts


def _reencrypt_auth(old_key: str) -> int:
	new_key = get_encryption_key()
	auth = frappe.qb.Table("__Auth")
	rows = (
		frappe.qb.from_(auth)
		.select(auth.doctype, auth.name, auth.fieldname, auth.password)
		.where(auth.encrypted == 1)
		.run(as_dict=True)
	)
	done = 0
	for row in rows:
		try:
			plain = frappe_decrypt(row.password, old_key)
		except Exception:
			frappe.clear_messages()
			continue  # already under the new key (a second run) or unreadable with both
		(
			frappe.qb.update(auth)
			.set(auth.password, frappe_encrypt(plain, new_key))
			.where(auth.doctype == row.doctype)
			.where(auth.name == row.name)
			.where(auth.fieldname == row.fieldname)
			.run()
		)
		done += 1
	return done
