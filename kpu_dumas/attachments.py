"""Files attached in the Desk to our records pass the portal's content check (kpu_dumas.core.files).

Two doors, both limited to our DocTypes (OUR_DOCTYPES) (ERPNext's and everyone else's files are never
looked at):

- `check_upload_request` (hook `before_request`): the Desk's uploader posts to `upload_file`. The file
  is checked before Frappe builds a File from it, so a refused PDF never reaches disk, and the message is
  ours on every v15 (Frappe 15.89's own PDF check raises pypdf's error on a broken file, 15.55 has none).
- `validate_file` (File `validate`): any other way a File gets attached to our records (REST, frappe.client,
  code). A refusal rolls the request back, and Frappe's File.on_rollback removes what it had written.
"""

from __future__ import annotations

import frappe

from kpu_dumas.core import files as evidence
from kpu_dumas.setup.install import OUR_DOCTYPES

UPLOAD_METHODS = frozenset({"upload_file", "frappe.handler.upload_file"})
_OURS = frozenset(OUR_DOCTYPES)


def is_ours(doctype) -> bool:
	"""Whether `doctype` is one of ours (no query: the name may be anything a request sent)."""
	return isinstance(doctype, str) and doctype in _OURS


def refuse(message: str):
	frappe.throw(message, frappe.ValidationError, title="Berkas Ditolak")


def check_upload_request():
	request = getattr(frappe.local, "request", None)
	if request is None or request.method != "POST" or not request.path.startswith("/api/method/"):
		return
	if request.path.removeprefix("/api/method/").strip("/") not in UPLOAD_METHODS:
		return
	if not is_ours(frappe.form_dict.get("doctype")):
		return
	upload = request.files.get("file") if request.files else None
	if upload is None:
		return
	content = upload.stream.read()
	upload.stream.seek(0)  # upload_file reads it again
	if message := evidence.attachment_error(upload.filename, content):
		refuse(message)


def validate_file(doc, method=None):
	if doc.is_folder or doc.is_remote_file or not is_ours(doc.attached_to_doctype):
		return
	if not (doc.is_new() or doc.has_value_changed("attached_to_doctype")):
		return
	content = doc.get_content()
	if isinstance(content, str):
		content = content.encode()
	if message := evidence.attachment_error(doc.file_name, content):
		refuse(message)
