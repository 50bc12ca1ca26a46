# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class HariLiburKantor(Document):
	"""A day the office is closed. Changing it clears the calendar cache (hooks.doc_events)."""
