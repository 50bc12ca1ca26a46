"""Complaints recorded before their timeliness was kept on the row get it from their stage history
(ketepatan_waktu, batas_waktu_tahap: one UPDATE over all of them), and the stage table gets the index
of the hourly sweep's query (open stages past due, not yet marked)."""

from kpu_dumas.kpu_dumas.doctype.riwayat_tahap.riwayat_tahap import on_doctype_update
from kpu_dumas.reports.common import fill_timeliness


def execute():
	on_doctype_update()
	fill_timeliness()
