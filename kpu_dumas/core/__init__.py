"""Frappe-free domain logic for KPU complaint handling (calendar, deadlines, formatting, validation)."""
