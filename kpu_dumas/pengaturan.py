"""Pengaturan Kantor as the request reads it: one cached document instead of a query per setting.

Frappe keeps the Single in its document cache and clears it on every save and every `set_value`
(`frappe.db.set_single_value` included), in Redis and in the request, so a setting an admin changes
counts on the next read. Writers keep using the document or `frappe.db.set_single_value`.
"""

from __future__ import annotations

from typing import Any

import frappe

SETTINGS = "Pengaturan Kantor"


def get(fieldname: str, default: Any = None) -> Any:
	"""The setting's value; `default` when it was never set. The cached document is shared by the
	request: read from it, never change it."""
	value = frappe.get_cached_doc(SETTINGS).get(fieldname)
	return default if value is None else value
