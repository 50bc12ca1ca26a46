"""The PPID recap: decisions, refusals per Pasal 17 letter, working days to the notice, objections."""

from datetime import date, datetime

from kpu_dumas.core.information_clocks import InformationClocks, notice_due
from kpu_dumas.core.information_recap import (
	EXEMPTIONS,
	HELD,
	NOT_HELD,
	NOT_YET_DOCUMENTED,
	OBJECTION_PENDING,
	TO_KOMISI_INFORMASI,
	information_recap,
	information_status,
	notice_late,
	working_days_between,
)
from kpu_dumas.core.recap import EMPTY_VALUE


def test_information_status_follows_the_decision():
	assert information_status("Dikabulkan Seluruhnya") == HELD == "Dikuasai"
	assert information_status("Dikabulkan Sebagian") == HELD
	assert information_status("Ditolak") == HELD
	assert information_status("Informasi Tidak Dikuasai") == NOT_HELD == "Tidak Dikuasai"
	assert information_status("Informasi Belum Didokumentasikan") == NOT_YET_DOCUMENTED
	assert information_status("") == information_status(None) == ""


def test_working_days_count_as_the_law_does(pohuwato):
	# Wed 11 Mar 2026: the 10th working day after it is 1 Apr (Nyepi, Idul Fitri and cuti bersama skipped).
	assert working_days_between(pohuwato, date(2026, 3, 11), date(2026, 4, 1)) == 10
	due = notice_due(pohuwato, datetime(2026, 3, 11, 10, 0), InformationClocks())
	assert working_days_between(pohuwato, date(2026, 3, 11), due.date()) == 10
	assert working_days_between(pohuwato, date(2026, 3, 11), date(2026, 3, 11)) == 0
	assert working_days_between(pohuwato, date(2026, 3, 13), date(2026, 3, 16)) == 1  # Fri -> Mon
	assert working_days_between(pohuwato, datetime(2026, 8, 14, 9), datetime(2026, 8, 18, 9)) == 1  # 17 Aug
	assert working_days_between(pohuwato, date(2026, 3, 11), None) is None
	assert working_days_between(pohuwato, date(2026, 4, 1), date(2026, 3, 11)) == 0


def test_notice_late_against_the_deadline_in_force():
	deadline = date(2026, 4, 1)
	assert not notice_late(deadline, date(2026, 4, 1), date(2026, 5, 1))
	assert notice_late(deadline, date(2026, 4, 2), date(2026, 4, 2))
	assert not notice_late(deadline, None, date(2026, 4, 1))  # open, still in time
	assert notice_late(deadline, None, date(2026, 4, 2))  # open, past due
	assert not notice_late(None, None, date(2030, 1, 1))


def request(bulan, keputusan="", pasal="", hari=None, diperpanjang=False, terlambat=False):
	return {
		"bulan": bulan,
		"keputusan": keputusan,
		"pasal_pengecualian": pasal,
		"hari_kerja": hari,
		"diperpanjang": diperpanjang,
		"terlambat": terlambat,
	}


def test_recap_per_month_with_refusals_by_exemption_and_objections():
	requests = [
		request("2026-08", "Dikabulkan Seluruhnya", hari=3),
		request("2026-08", "Dikabulkan Sebagian", "Pasal 17 huruf h", hari=8, diperpanjang=True),
		request("2026-08", "Ditolak", "Pasal 17 huruf h", hari=0),
		request("2026-08", "Ditolak", "Pasal 17 huruf c", hari=4),
		request("2026-09", "Informasi Tidak Dikuasai", hari=2),
		request("2026-09", "Informasi Belum Didokumentasikan", hari=12, diperpanjang=True, terlambat=True),
		request("2026-09", terlambat=True),
		request("2026-09"),
		{"tanggal": datetime(2026, 9, 30, 23, 0), "keputusan": "Ditolak"},
	]
	objections = [
		{"bulan": "2026-09", "keputusan_atasan": "Keberatan Diterima", "tanggapan_pemohon": "Menerima"},
		{
			"bulan": "2026-09",
			"keputusan_atasan": "Keberatan Ditolak",
			"tanggapan_pemohon": TO_KOMISI_INFORMASI,
		},
		{"tanggal": "2026-10-01", "keputusan_atasan": ""},
	]
	result = information_recap(requests, objections, months=["2026-08", "2026-09", "2026-10"])
	aug, sep, oct_ = result.months
	assert [m.bulan for m in result.months] == ["2026-08", "2026-09", "2026-10"]
	assert [m.permohonan for m in result.months] == [4, 5, 0]
	assert aug.keputusan == {"Dikabulkan Seluruhnya": 1, "Dikabulkan Sebagian": 1, "Ditolak": 2}
	assert aug.pengecualian == {"Pasal 17 huruf h": 1, "Pasal 17 huruf c": 1}  # the partial grant not
	assert sep.pengecualian == {EMPTY_VALUE: 1}
	assert (aug.dalam_proses, sep.dalam_proses) == (0, 2)
	assert (aug.rata_hari_kerja, sep.rata_hari_kerja, oct_.rata_hari_kerja) == (3.8, 7.0, None)
	assert (sep.perpanjangan, sep.terlambat) == (1, 2)
	assert (sep.keberatan, oct_.keberatan) == (2, 1)
	assert oct_.hasil_keberatan == {OBJECTION_PENDING: 1}

	total = result.total
	assert total.permohonan == 9
	assert total.keputusan["Ditolak"] == 3
	assert total.rata_hari_kerja == 4.8  # 29 working days over 6 notices with a day count
	assert (total.perpanjangan, total.terlambat, total.keberatan, total.ke_komisi_informasi) == (2, 2, 3, 1)
	assert total.hasil_keberatan == {"Keberatan Diterima": 1, "Keberatan Ditolak": 1, OBJECTION_PENDING: 1}
	assert result.exemptions == ["Pasal 17 huruf c", "Pasal 17 huruf h", EMPTY_VALUE]
	assert result.summary() == {
		"permohonan": 9,
		"dikabulkan": 2,
		"ditolak": 3,
		"dalam_proses": 2,
		"rata_hari_kerja": 4.8,
		"terlambat": 2,
		"keberatan": 3,
	}


def test_empty_period_keeps_its_months():
	result = information_recap([], [], months=["2026-01"])
	assert [m.permohonan for m in result.months] == [0]
	assert result.total.rata_hari_kerja is None
	assert result.exemptions == []
	assert len(EXEMPTIONS) == 10 and EXEMPTIONS[7] == "Pasal 17 huruf h"


def test_requests_counted_per_channel_and_kind_of_information():
	requests = [
		{"bulan": "2026-08", "kanal": "WhatsApp/SMS", "jenis_informasi": "Kepemiluan"},
		{"bulan": "2026-08", "kanal": "WhatsApp/SMS", "jenis_informasi": "Keuangan dan Anggaran"},
		{"bulan": "2026-08", "kanal": "Langsung (Meja Layanan)", "jenis_informasi": "Kepemiluan"},
		{"bulan": "2026-09", "kanal": "Email"},  # not classified yet
		{"bulan": "2026-09", "kanal": "Faks", "jenis_informasi": "Arsip Lama"},  # no longer offered
	]
	channels = ["Langsung (Meja Layanan)", "Surat", "Email", "WhatsApp/SMS"]
	kinds = ["Kepemiluan", "Kelembagaan", "Keuangan dan Anggaran"]
	result = information_recap(requests, months=["2026-08", "2026-09"], channels=channels, kinds=kinds)
	aug, sep = result.months
	assert aug.kanal == {"WhatsApp/SMS": 2, "Langsung (Meja Layanan)": 1}
	assert aug.jenis == {"Kepemiluan": 2, "Keuangan dan Anggaran": 1}
	assert sep.jenis == {EMPTY_VALUE: 1, "Arsip Lama": 1}
	# Every channel and kind offered is a column, then what the rows carried besides, unclassified last.
	assert result.channels == channels + ["Faks"]
	assert result.kinds == kinds + ["Arsip Lama", EMPTY_VALUE]
	assert (
		sum(result.total.kanal.values()) == sum(result.total.jenis.values()) == result.total.permohonan == 5
	)
