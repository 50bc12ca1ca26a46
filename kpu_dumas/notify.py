"""Messages to the reporter when their complaint changes state (registration, request for missing
items, response). Filled in by the portal work; the controller calls `state_changed` after save."""

from __future__ import annotations


def state_changed(doc, old_state: str | None, new_state: str) -> None:
	"""Called by the Pengaduan controller after every state change (old_state is None on insert)."""
	return None
