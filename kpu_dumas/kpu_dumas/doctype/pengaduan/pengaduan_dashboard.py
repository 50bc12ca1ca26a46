from frappe import _


def get_data():
	"""Dispositions routing this complaint (Disposisi.dokumen_sumber is a Dynamic Link)."""
	return {
		"fieldname": "dokumen_sumber",
		"dynamic_links": {"dokumen_sumber": ["Pengaduan", "dokumen_sumber_type"]},
		"transactions": [{"label": _("Disposisi"), "items": ["Disposisi"]}],
	}
