from datetime import date, datetime

import pytest

from kpu_dumas.core.recap import (
	ANONYMOUS,
	CONFIDENTIAL,
	EMPTY_VALUE,
	LATE,
	NO_LIMIT,
	ON_TIME,
	RUNNING,
	channel_label,
	complaint_timeliness,
	compliance_total,
	effective_timeliness,
	month_key,
	month_label,
	monthly_recap,
	months_between,
	on_time_share,
	period_label,
	reporter_label,
	stage_compliance,
	status_summary,
	timeliness,
	weighted_median,
)

# -- labels ---------------------------------------------------------------------


def test_reporter_label_masks_anonymous_and_confidential():
	assert reporter_label(1, 0, None) == ANONYMOUS == "Anonim"
	assert reporter_label(0, 1, "Siti Rahmawati") == CONFIDENTIAL == "Dirahasiakan"
	assert reporter_label(1, 1, "Siti Rahmawati") == "Anonim"
	assert reporter_label(0, 0, " Siti Rahmawati ") == "Siti Rahmawati"
	assert reporter_label(0, 0, None) == "-"


def test_channel_label_adds_the_lapor_ticket():
	assert channel_label("SP4N-LAPOR!", "LAPOR-2025-1") == "SP4N-LAPOR! (tiket LAPOR-2025-1)"
	assert channel_label("SP4N-LAPOR!", "") == "SP4N-LAPOR!"
	assert channel_label("Email", "LAPOR-2025-1") == "Email"
	assert channel_label(None) == ""


def test_timeliness_and_share():
	assert timeliness(True, True) == LATE == "Terlambat"
	assert timeliness(0, 1) == ON_TIME == "Tepat Waktu"
	assert timeliness(0, 0, is_open=True) == RUNNING == "Berjalan"
	assert timeliness(0, 0) == NO_LIMIT == "Tanpa Batas"
	assert on_time_share(3, 1) == 75.0
	assert on_time_share(2, 1) == 66.7
	assert on_time_share(0, 0) is None
	assert on_time_share(0, 4) == 0.0


# -- months ---------------------------------------------------------------------


def _stage(tahap, status, keluar=None, batas=None):
	return {"tahap": tahap, "status": status, "keluar": keluar, "batas_waktu": batas}


def test_complaint_timeliness_from_its_stage_rows():
	now = datetime(2025, 9, 16, 9, 0)
	due = datetime(2025, 9, 16, 8, 20)
	done = datetime(2025, 9, 15, 8, 10)
	on_time_then_open = [_stage("Diterima", ON_TIME, done, done), _stage("Terdaftar", RUNNING, None, due)]
	# open past its due: late now, before the sweep marks it; the due time is kept for the reports
	assert complaint_timeliness(on_time_then_open, True, now) == (LATE, due)
	assert complaint_timeliness(on_time_then_open, True, datetime(2025, 9, 16, 8, 0)) == (ON_TIME, due)
	assert complaint_timeliness(on_time_then_open, True) == (ON_TIME, due)
	# the reporter's pause is never the office's lateness, and has no running due time
	paused = [_stage("Diterima", ON_TIME, done, done), _stage("Perlu Dilengkapi", LATE, None, due)]
	assert complaint_timeliness(paused, True, now) == (ON_TIME, None)
	# a stage that was late stays late; with no timed stage: running while open, else no limit
	assert complaint_timeliness([_stage("Ditelaah", LATE, done, done)], False, now) == (LATE, None)
	assert complaint_timeliness([_stage("Ditelaah", NO_LIMIT)], True, now) == (RUNNING, None)
	assert complaint_timeliness([_stage("Selesai", NO_LIMIT)], False, now) == (NO_LIMIT, None)
	assert complaint_timeliness([], True, now) == (RUNNING, None)


def test_effective_timeliness_is_late_once_the_open_stage_is_due():
	due = datetime(2025, 9, 16, 8, 20)
	assert effective_timeliness(ON_TIME, due, datetime(2025, 9, 16, 8, 21)) == LATE
	assert effective_timeliness(ON_TIME, due, datetime(2025, 9, 16, 8, 20)) == ON_TIME
	assert effective_timeliness(RUNNING, None, datetime(2030, 1, 1)) == RUNNING


def test_month_keys_and_labels():
	assert month_key(date(2025, 3, 31)) == "2025-03"
	assert month_key(datetime(2025, 12, 1, 0, 0)) == "2025-12"
	assert month_key("2025-07-04 10:00:00") == "2025-07"
	assert month_key("2025-7") == "2025-07"
	assert month_label("2025-03") == "Maret 2025"
	assert month_label("2025-08", short=True) == "Agu 2025"


def test_months_between_spans_years():
	assert months_between(date(2025, 11, 15), date(2026, 2, 1)) == [
		"2025-11",
		"2025-12",
		"2026-01",
		"2026-02",
	]
	assert months_between("2025-01-01", "2025-01-31") == ["2025-01"]
	with pytest.raises(ValueError, match="Periode tidak valid"):
		months_between("2025-02-01", "2025-01-01")


def test_period_label():
	assert period_label(date(2025, 1, 1), date(2025, 12, 31)) == "1 Januari 2025 s.d. 31 Desember 2025"
	assert period_label("2025-09-08", "2025-09-08") == "8 September 2025"


# -- monthly recap --------------------------------------------------------------

ROWS = [
	# grouped rows, as the report's GROUP BY returns them
	{
		"bulan": "2025-01",
		"kanal": "Email",
		"kategori": "Data Pemilih",
		"status": "Selesai",
		"ketepatan": ON_TIME,
		"jumlah": 3,
	},
	{
		"bulan": "2025-01",
		"kanal": "Surat",
		"kategori": "Data Pemilih",
		"status": "Ditelaah",
		"ketepatan": LATE,
		"jumlah": 1,
	},
	{
		"bulan": "2025-03",
		"kanal": "Email",
		"kategori": None,
		"status": "Diterima",
		"ketepatan": RUNNING,
		"jumlah": 2,
	},
	# a plain row (count 1), dated instead of keyed by month
	{
		"tanggal": datetime(2025, 3, 5, 9, 0),
		"kanal": "Website",
		"kategori": "Data Pemilih",
		"status": "Tidak Ditindaklanjuti",
		"ketepatan": ON_TIME,
	},
]


def test_monthly_recap_by_channel_keeps_empty_months_and_column_order():
	recap = monthly_recap(
		ROWS, "kanal", months=months_between("2025-01-01", "2025-03-31"), values=["Surat", "Email", "Telepon"]
	)
	assert [m.bulan for m in recap.months] == ["2025-01", "2025-02", "2025-03"]
	assert recap.values == ["Surat", "Email", "Telepon", "Website"]
	jan, feb, mar = recap.months
	assert (jan.jumlah, jan.rincian["Email"], jan.rincian["Surat"]) == (4, 3, 1)
	assert (jan.tepat_waktu, jan.terlambat, jan.persen_tepat_waktu) == (3, 1, 75.0)
	assert feb.jumlah == 0 and feb.persen_tepat_waktu is None
	assert (mar.jumlah, mar.rincian["Email"], mar.rincian["Website"], mar.tepat_waktu) == (3, 2, 1, 1)
	assert recap.total.jumlah == 7
	assert dict(recap.total.rincian) == {"Email": 5, "Surat": 1, "Website": 1}
	assert recap.total.persen_tepat_waktu == 80.0


def test_monthly_recap_by_category_and_status():
	by_category = monthly_recap(ROWS, "kategori")
	assert by_category.values == [EMPTY_VALUE, "Data Pemilih"]
	assert by_category.total.rincian[EMPTY_VALUE] == 2
	by_status = monthly_recap(ROWS, "status", values=["Diterima", "Ditelaah", "Selesai"])
	assert by_status.values == ["Diterima", "Ditelaah", "Selesai", "Tidak Ditindaklanjuti"]
	assert by_status.total.rincian["Selesai"] == 3
	with pytest.raises(ValueError, match="Rincian tidak dikenal: 'teradu'"):
		monthly_recap(ROWS, "teradu")


def test_summary_cards():
	summary = monthly_recap(ROWS, "kanal").summary()
	assert summary == {
		"jumlah": 7,
		"baru": 2,
		"dalam_proses": 3,
		"selesai": 3,
		"tidak_ditindaklanjuti": 1,
		"dicabut": 0,
		"dibatalkan": 0,
		"diteruskan": 0,
		"dialihkan": 0,
		"tepat_waktu": 4,
		"terlambat": 1,
		"persen_tepat_waktu": 80.0,
	}
	assert status_summary({})["persen_tepat_waktu"] is None


# -- stage compliance -----------------------------------------------------------


def test_weighted_median():
	assert weighted_median([(10, 1), (20, 1), (30, 1)]) == 20
	assert weighted_median([(10, 1), (20, 1)]) == 15
	assert weighted_median([(10, 1), (25, 1)]) == 17.5
	assert weighted_median([(5, 3), (100, 2)]) == 5
	assert weighted_median([(5, 2), (100, 2)]) == 52.5
	assert weighted_median([(7, 0)]) is None
	assert weighted_median([]) is None
	# the same as expanding the weights: 10 10 10 40 40 90
	assert weighted_median([(40, 2), (10, 3), (90, 1)]) == 25


def test_stage_compliance_per_stage_in_flow_order():
	rows = [
		{
			"tahap": "Terdaftar",
			"status": ON_TIME,
			"selesai": 1,
			"waktu_kerja_menit": 5,
			"mutu_baku": "10 menit",
			"jumlah": 2,
		},
		{
			"tahap": "Terdaftar",
			"status": LATE,
			"selesai": 1,
			"waktu_kerja_menit": 45,
			"mutu_baku": "10 menit",
		},
		{
			"tahap": "Diterima",
			"status": ON_TIME,
			"selesai": 1,
			"waktu_kerja_menit": 20,
			"mutu_baku": "30 menit",
		},
		{
			"tahap": "Diterima",
			"status": ON_TIME,
			"selesai": 1,
			"waktu_kerja_menit": 10,
			"mutu_baku": "30 menit",
		},
		{
			"tahap": "Diterima",
			"status": LATE,
			"selesai": 1,
			"waktu_kerja_menit": 95,
			"mutu_baku": "1 hari kerja",
		},
		{
			"tahap": "Diterima",
			"status": LATE,
			"selesai": 0,
			"waktu_kerja_menit": None,
			"mutu_baku": "30 menit",
		},
		{
			"tahap": "Diterima",
			"status": "Berjalan",
			"selesai": 0,
			"waktu_kerja_menit": None,
			"mutu_baku": "30 menit",
		},
		{
			"tahap": "Ditelaah",
			"status": NO_LIMIT,
			"selesai": 1,
			"waktu_kerja_menit": 600,
			"mutu_baku": "Menyesuaikan",
		},
		{"tahap": "Selesai", "status": NO_LIMIT, "selesai": 0, "mutu_baku": "Menyesuaikan", "jumlah": 9},
	]
	diterima, terdaftar, ditelaah = stage_compliance(rows)
	assert diterima.tahap == "Diterima"
	assert (diterima.selesai, diterima.tepat_waktu, diterima.terlambat, diterima.berjalan_terlambat) == (
		3,
		2,
		1,
		1,
	)
	assert (diterima.median_menit, diterima.terlama_menit) == (20, 95)
	assert diterima.mutu_baku == "30 menit; 1 hari kerja"
	assert diterima.persen_tepat_waktu == 66.7
	assert (terdaftar.selesai, terdaftar.median_menit, terdaftar.terlama_menit) == (3, 5, 45)
	assert (ditelaah.tanpa_batas, ditelaah.persen_tepat_waktu, ditelaah.mutu_baku) == (
		1,
		None,
		"Menyesuaikan",
	)

	total = compliance_total([diterima, terdaftar, ditelaah])
	assert (total.tahap, total.selesai, total.tepat_waktu, total.terlambat) == ("Semua tahap", 7, 4, 2)
	assert (total.tanpa_batas, total.berjalan_terlambat, total.terlama_menit) == (1, 1, 600)
	assert total.median_menit is None


def test_stage_compliance_unknown_stage_goes_last():
	rows = [
		{"tahap": "Tahap Lain", "status": ON_TIME, "selesai": 1, "waktu_kerja_menit": 1},
		{"tahap": "Diterima", "status": ON_TIME, "selesai": 1, "waktu_kerja_menit": 1},
	]
	assert [s.tahap for s in stage_compliance(rows)] == ["Diterima", "Tahap Lain"]


def test_forwarded_and_redirected_are_final_and_counted_apart():
	rows = [
		{"bulan": "2026-01", "status": "Diteruskan ke Instansi", "instansi": "DKPP"},
		{"bulan": "2026-01", "status": "Dialihkan"},
		{"bulan": "2026-01", "status": "Ditelaah"},
	]
	result = monthly_recap(rows, "instansi", values=["(tidak diteruskan)", "Bawaslu", "DKPP"])
	assert result.total.rincian == {"DKPP": 1, "(tidak diteruskan)": 2}
	assert result.values == ["(tidak diteruskan)", "Bawaslu", "DKPP"]
	summary = result.summary()
	assert (summary["dalam_proses"], summary["diteruskan"], summary["dialihkan"]) == (1, 1, 1)


def test_register_notes_where_a_complaint_went():
	from kpu_dumas.core.recap import path_note

	assert path_note("Digabungkan", digabung_ke="DUMAS-2026-00001") == "Digabungkan ke DUMAS-2026-00001"
	assert path_note("Dialihkan", dialihkan_ke="PPID-2026-00004") == "Dialihkan ke PPID-2026-00004"
	assert path_note("Diteruskan ke Instansi", diteruskan_ke="DKPP") == "Diteruskan ke DKPP"
	assert path_note("Ditelaah", berasal_dari="PPID-2026-00002") == "Dialihkan dari PPID-2026-00002"
	assert path_note("Ditelaah", diteruskan_ke="DKPP") == ""  # chosen, not yet forwarded
