"""The public statistics document (core.statistik): built from the recaps, nothing personal in it."""

from collections import Counter
from datetime import date

import pytest

from kpu_dumas.core import information_recap as ir
from kpu_dumas.core import recap
from kpu_dumas.core import statistik as st

YEAR = 2026
CHANNELS = ["Langsung (Meja Layanan)", "Email", "Website"]
CATEGORIES = ["Pelayanan Administrasi", "Data Pemilih"]


def complaint(bulan, status, kanal="Email", kategori="Data Pemilih", ketepatan=recap.ON_TIME, **extra):
	return {
		"bulan": bulan,
		"status": status,
		"kanal": kanal,
		"kategori": kategori,
		"ketepatan": ketepatan,
		**extra,
	}


COMPLAINTS = [
	complaint("2026-01", "Selesai", kanal="Website"),
	complaint("2026-01", "Ditelaah", ketepatan=recap.LATE),
	complaint("2026-01", "Tidak Ditindaklanjuti", kategori="Pelayanan Administrasi"),
	complaint("2026-03", "Selesai", jumlah=3),
	complaint("2026-03", "Diteruskan ke Instansi", kanal="Langsung (Meja Layanan)", ketepatan=recap.NO_LIMIT),
	complaint("2026-12", "Dialihkan", kategori=None, ketepatan=recap.RUNNING),
]
STAGE_ROWS = [
	{"tahap": "Diterima", "status": recap.ON_TIME, "selesai": 1, "waktu_kerja_menit": 10, "jumlah": 4},
	{"tahap": "Diterima", "status": recap.LATE, "selesai": 1, "waktu_kerja_menit": 90, "jumlah": 1},
	{"tahap": "Ditelaah", "status": recap.ON_TIME, "selesai": 1, "waktu_kerja_menit": 900},
	{"tahap": "Selesai", "status": recap.NO_LIMIT, "selesai": 0},
]
DAYS = [
	{"tanggal": date(2026, 1, 5), "tanggapan_awal": date(2026, 1, 5), "jawaban": date(2026, 1, 25)},
	{"tanggal": date(2026, 1, 6), "tanggapan_awal": date(2026, 1, 9), "jawaban": None},
	{"tanggal": date(2026, 3, 2), "tanggapan_awal": date(2026, 3, 3), "jawaban": date(2026, 3, 12)},
	{"tanggal": date(2026, 3, 2), "tanggapan_awal": None, "jawaban": None},
]
REQUESTS = [
	{"tanggal": date(2026, 1, 5), "keputusan": "Dikabulkan Seluruhnya", "hari_kerja": 3},
	{
		"tanggal": date(2026, 1, 7),
		"keputusan": "Ditolak",
		"pasal_pengecualian": "Pasal 17 huruf h",
		"hari_kerja": 9,
	},
	{"tanggal": date(2026, 1, 9), "keputusan": None, "hari_kerja": None, "terlambat": True},
	{"tanggal": date(2026, 2, 2), "keputusan": "Dikabulkan Sebagian", "hari_kerja": 12, "diperpanjang": True},
]
OBJECTIONS = [
	{
		"tanggal": date(2026, 1, 20),
		"keputusan_atasan": "Keberatan Ditolak",
		"tanggapan_pemohon": ir.TO_KOMISI_INFORMASI,
	},
	{"tanggal": date(2026, 2, 20), "keputusan_atasan": None},
]


def build(complaints=COMPLAINTS, merged=None, requests=REQUESTS, objections=OBJECTIONS):
	months = [f"{YEAR}-{m:02d}" for m in range(1, 13)]
	recaps = {
		dim: recap.monthly_recap(complaints, dim, months=months, values=values)
		for dim, values in (("kanal", CHANNELS), ("kategori", CATEGORIES), ("status", recap.STATE_ORDER))
	}
	stages = recap.stage_compliance(STAGE_ROWS)
	information = ir.information_recap(requests, objections, months=months)
	total, per_month = st.year_figures(
		YEAR,
		**recaps,
		merged=merged or {"2026-01": 2},
		stages_year=stages,
		stages_by_month={"2026-01": stages},
		complaint_days=DAYS,
		information=information,
		request_rows=requests,
	)
	doc = st.document(
		year=YEAR,
		office={
			"label": "Komisi Pemilihan Umum Kabupaten Pohuwato",
			"kode_satker": "123456",
			"kode_kantor": "KPU-Kab",
		},
		computed_at="2026-12-01T10:00:00+08:00",
		total=total,
		months=per_month,
	)
	return doc, recaps, information


def walk_keys(value):
	if isinstance(value, dict):
		for key, item in value.items():
			yield key
			yield from walk_keys(item)
	elif isinstance(value, list):
		for item in value:
			yield from walk_keys(item)


# -- no personal data -------------------------------------------------------------------------------


def test_every_key_of_the_document_is_allowed_and_none_names_personal_data():
	doc, *_ = build()
	keys = set(walk_keys(doc))
	assert keys <= st.ALLOWED_KEYS, keys - st.ALLOWED_KEYS
	forbidden = {
		"nama",
		"nik",
		"email",
		"telepon",
		"alamat",
		"perihal",
		"nomor",
		"name",
		"kode_lacak",
		"identitas",
	}
	for key in keys:
		assert not st.pii_like(key), key
		assert not any(part in forbidden for part in key.split("_")), key
	# The walk really reaches the months and the lists inside them.
	assert {"per_bulan", "kanal", "penolakan", "hasil", "median"} <= keys


def test_the_allow_list_itself_names_no_personal_data():
	assert not [k for k in st.ALLOWED_KEYS if st.pii_like(k)]


@pytest.mark.parametrize(
	"intruder",
	[
		{"nama_pelapor": "Siti"},
		{"perihal": "Pungutan"},
		{"nomor": "DUMAS-2026-00001"},
		{"nik": "7503014501900002"},
		{"email": "siti@contoh.id"},
		{"kode_lacak": "AAAA"},
		{"catatan": "an unknown key"},
	],
)
def test_check_public_refuses_any_key_outside_the_allow_list(intruder):
	doc, *_ = build()
	doc["per_bulan"][3]["pengaduan"]["kanal"][0].update(intruder)
	with pytest.raises(ValueError):
		st.check_public(doc)


def test_check_public_refuses_objects_and_long_texts():
	doc, *_ = build()
	doc["pengaduan"]["kanal"][0]["label"] = object()
	with pytest.raises(ValueError):
		st.check_public(doc)
	doc, *_ = build()
	doc["pengaduan"]["kanal"][0]["label"] = "x" * 201
	with pytest.raises(ValueError):
		st.check_public(doc)


def test_pii_like_reads_the_parts_of_a_key():
	assert st.pii_like("nama")
	assert st.pii_like("email_pelapor")
	assert st.pii_like("NOMOR_SURAT")
	assert not st.pii_like("jumlah")
	assert not st.pii_like("kode_kantor")


# -- the figures are the recaps' figures ------------------------------------------------------------


def test_complaint_figures_are_rekap_pengaduan_figures():
	doc, recaps, _ = build()
	p = doc["pengaduan"]
	assert p["jumlah"] == recaps["kanal"].total.jumlah == 8
	summary = recaps["status"].summary()
	assert p["status"]["selesai"] == summary["selesai"] == 4
	assert p["status"]["dalam_proses"] == summary["dalam_proses"] == 1
	assert p["status"]["tidak_ditindaklanjuti"] == 1
	assert p["status"]["diteruskan"] == 1
	assert p["status"]["dialihkan"] == 1
	assert p["status"]["digabungkan"] == 2  # beside the total, not in it
	assert {c["label"]: c["jumlah"] for c in p["kanal"]} == {
		"Langsung (Meja Layanan)": 1,
		"Email": 6,
		"Website": 1,
	}
	assert [c["label"] for c in p["kanal"]] == CHANNELS  # every channel, zeros kept, in order
	assert {c["label"]: c["jumlah"] for c in p["kategori"]} == {
		"Pelayanan Administrasi": 1,
		"Data Pemilih": 6,
		recap.EMPTY_VALUE: 1,
	}
	assert p["ketepatan_waktu"] == {"tepat_waktu": 5, "terlambat": 1, "persen_tepat_waktu": 83.3}
	assert sum(c["jumlah"] for c in p["per_status"]) == p["jumlah"]
	assert "Digabungkan" not in [c["label"] for c in p["per_status"]]


def test_the_months_add_up_to_the_year():
	doc, recaps, _ = build()
	months = doc["per_bulan"]
	assert [m["bulan"] for m in months] == [f"2026-{m:02d}" for m in range(1, 13)]
	assert months[0]["label"] == "Januari 2026"
	assert [m["pengaduan"]["jumlah"] for m in months] == [3, 0, 4] + [0] * 8 + [1]
	assert sum(m["pengaduan"]["jumlah"] for m in months) == doc["pengaduan"]["jumlah"]
	for key in ("selesai", "dalam_proses", "digabungkan", "diteruskan", "tidak_ditindaklanjuti"):
		assert sum(m["pengaduan"]["status"][key] for m in months) == doc["pengaduan"]["status"][key], key
	assert sum(m["informasi"]["permohonan"] for m in months) == doc["informasi"]["permohonan"]
	assert months[0]["pengaduan"]["ketepatan_waktu"]["persen_tepat_waktu"] == 66.7  # 2 on time, 1 late


def test_stage_figures_are_kepatuhan_mutu_baku_figures():
	doc, *_ = build()
	stages = {s["label"]: s for s in doc["pengaduan"]["tahap"]}
	assert list(stages) == ["Diterima", "Ditelaah"]  # a final state is not a stage
	assert (stages["Diterima"]["tepat_waktu"], stages["Diterima"]["terlambat"]) == (4, 1)
	assert stages["Diterima"]["persen_tepat_waktu"] == 80.0
	assert doc["pengaduan"]["ketepatan_tahap"] == {
		"selesai": 6,
		"tepat_waktu": 5,
		"terlambat": 1,
		"persen_tepat_waktu": 83.3,
	}
	assert doc["per_bulan"][0]["pengaduan"]["tahap"] == doc["pengaduan"]["tahap"]
	assert doc["per_bulan"][1]["pengaduan"]["tahap"] == []


def test_median_days_to_first_response_and_to_the_answer():
	doc, *_ = build()
	md = doc["pengaduan"]["median_hari"]
	# first response: 0, 3, 1 days -> 1; answer: 20 and 10 days -> 15
	assert md["tanggapan_awal"] == {"median": 1, "jumlah": 3}
	assert md["jawaban"] == {"median": 15, "jumlah": 2}
	january = doc["per_bulan"][0]["pengaduan"]["median_hari"]
	assert january["tanggapan_awal"] == {"median": 1.5, "jumlah": 2}
	assert doc["per_bulan"][1]["pengaduan"]["median_hari"]["jawaban"] == {"median": None, "jumlah": 0}


def test_information_figures_are_the_ppid_report_figures():
	doc, _, information = build()
	i = doc["informasi"]
	assert i["permohonan"] == information.total.permohonan == 4
	assert {d["label"]: d["jumlah"] for d in i["keputusan"]} == {
		"Dikabulkan Seluruhnya": 1,
		"Dikabulkan Sebagian": 1,
		"Ditolak": 1,
		"Informasi Tidak Dikuasai": 0,
		"Informasi Belum Didokumentasikan": 0,
	}
	assert (i["dikabulkan"], i["ditolak"], i["dalam_proses"]) == (2, 1, 1)
	assert [r["label"] for r in i["penolakan"]] == list(ir.EXEMPTIONS)  # all ten letters, always
	assert {r["label"]: r["jumlah"] for r in i["penolakan"] if r["jumlah"]} == {"Pasal 17 huruf h": 1}
	assert i["hari_kerja_pemberitahuan"] == {"median": 9, "rata_rata": 8.0, "jumlah": 3}
	assert (i["perpanjangan"], i["terlambat"]) == (1, 1)
	assert i["keberatan"]["jumlah"] == 2
	assert {h["label"]: h["jumlah"] for h in i["keberatan"]["hasil"]} == {
		"Keberatan Diterima": 0,
		"Keberatan Ditolak": 1,
		"Belum Ditanggapi": 1,
	}
	assert i["keberatan"]["ke_komisi_informasi"] == 1
	assert doc["per_bulan"][0]["informasi"]["hari_kerja_pemberitahuan"]["median"] == 6  # 3 and 9


def test_the_envelope_names_the_office_the_year_and_the_schema():
	doc, *_ = build()
	assert doc["versi_skema"] == st.SCHEMA_VERSION == 1
	assert doc["kantor"] == {
		"label": "Komisi Pemilihan Umum Kabupaten Pohuwato",
		"kode_satker": "123456",
		"kode_kantor": "KPU-Kab",
	}
	assert (doc["tahun"], doc["periode"]) == (2026, {"mulai": "2026-01-01", "sampai": "2026-12-31"})
	assert doc["dihitung_pada"] == "2026-12-01T10:00:00+08:00"


# -- the page ----------------------------------------------------------------------------------------


def test_page_sections_have_a_table_for_every_chart():
	doc, *_ = build()
	sections = st.page_sections(doc, doc["per_bulan"])
	ids = [s["id"] for s in sections]
	assert ids == [
		"kanal",
		"kategori",
		"status",
		"pengaduan-bulanan",
		"tahap",
		"waktu",
		"keputusan",
		"penolakan",
		"informasi-bulanan",
		"informasi-waktu",
		"keberatan",
	]
	for s in sections:
		assert s["kolom"] and s["baris"], s["id"]
		assert all(len(row) == len(s["kolom"]) for row in s["baris"]), s["id"]
		if s["total"]:
			assert len(s["total"]) == len(s["kolom"]), s["id"]
	kanal = sections[0]
	assert kanal["grafik"]["type"] == "donut" and kanal["grafik"]["showLegend"] == 0
	assert kanal["grafik"]["data"]["labels"] == [
		"Langsung (Meja Layanan)",
		"Email",
		"Website",
	]  # no zero slice
	assert kanal["total"] == ["Jumlah", "8", "100%"]
	# The table is the legend: each row with a slice has the slice's colour.
	assert kanal["warna"] == kanal["grafik"]["colors"]
	by_id = {s["id"]: s for s in sections}
	assert st.page_sections(doc["per_bulan"][1])[0]["warna"] == [None, None, None]  # no slice, no swatch
	assert by_id["penolakan"]["warna"] == []
	monthly = sections[3]
	assert len(monthly["baris"]) == 12 and monthly["grafik"]["data"]["labels"][0] == "Jan"
	assert [row[0] for row in monthly["baris"]][7:9] == ["Agu", "Sep"]  # as the chart's axis


def test_a_month_shows_no_monthly_tables_and_an_empty_month_no_charts():
	doc, *_ = build()
	february = doc["per_bulan"][1]
	sections = st.page_sections(february)
	ids = [s["id"] for s in sections]
	assert "pengaduan-bulanan" not in ids and "informasi-bulanan" not in ids
	assert "informasi-waktu" in ids
	by_id = {s["id"]: s for s in sections}
	assert by_id["kanal"]["grafik"] is None
	assert by_id["kanal"]["baris"][0] == ["Langsung (Meja Layanan)", "0", "-"]
	assert by_id["keputusan"]["grafik"]["data"]["labels"] == ["Dikabulkan Sebagian"]


def test_indonesian_numbers():
	assert st.angka(1234567) == "1.234.567"
	assert st.angka(85.66, 1) == "85,7"
	assert st.persen(83.3) == "83,3%"
	assert st.persen(None) == st.angka(None) == st.hari(None) == "-"
	assert st.hari(1.5) == "1,5"
	assert st.hari(15) == "15"


def test_summary_cards():
	doc, *_ = build()
	cards = {c["label"]: c["nilai"] for c in st.summary_cards(doc)}
	assert cards["Pengaduan diterima"] == "8"
	assert cards["Pengaduan tepat waktu"] == "83,3%"
	assert cards["Median hari kerja sampai pemberitahuan"] == "9"


def test_counts_keep_the_given_order_then_the_rest():
	counted = st._counts(Counter({"B": 2, "Z": 1, "A": 0}), ["A", "B"])
	assert counted == [{"label": "A", "jumlah": 0}, {"label": "B", "jumlah": 2}, {"label": "Z", "jumlah": 1}]


def test_years_an_admin_chooses():
	assert st.parse_years("2026, 2025;2025 2024") == [2024, 2025, 2026]
	assert st.parse_years("") == st.parse_years(None) == []
	for wrong in ("26", "2026-2027", "tahun 2026", "1999", "2101"):
		with pytest.raises(ValueError, match="Tahun Statistik"):
			st.parse_years(wrong)
