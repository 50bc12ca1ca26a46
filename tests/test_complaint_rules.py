"""Conditions a Pengaduan must meet before entering a workflow state."""

from datetime import date

from kpu_dumas.core import complaint_rules as rules

COMPLETE = {"cek_uraian": 1, "cek_identitas": 1, "cek_alamat": 1, "cek_bukti": 1, "cek_kewenangan": 1}


def test_registration_needs_every_applicable_item():
	assert rules.transition_errors(rules.TERDAFTAR, COMPLETE) == []
	errors = rules.transition_errors(rules.TERDAFTAR, {**COMPLETE, "cek_bukti": 0})
	assert len(errors) == 1
	assert "Registrasi hanya dapat dilakukan bila berkas lengkap" in errors[0]
	assert "alat bukti awal" in errors[0]


def test_anonymous_complaint_skips_identity_and_address_items():
	anonymous = {"anonim": 1, "cek_uraian": 1, "cek_bukti": 1, "cek_kewenangan": 1}
	assert rules.transition_errors(rules.TERDAFTAR, anonymous) == []


def test_proxy_adds_the_surat_kuasa_item():
	assert "surat kuasa" in rules.missing_completeness(COMPLETE, by_proxy=True)
	assert rules.missing_completeness({**COMPLETE, "cek_surat_kuasa": 1}, by_proxy=True) == []


def test_each_state_names_what_is_missing():
	cases = {
		rules.PERLU_DILENGKAPI: "Kekurangan yang Harus Dilengkapi",
		rules.TIDAK_DITINDAKLANJUTI: "Alasan Tidak Ditindaklanjuti",
		rules.DITANGGAPI: "Isi Tanggapan",
		rules.SELESAI: "Disampaikan melalui",
		rules.DICABUT: "Alasan Pencabutan",
	}
	for state, phrase in cases.items():
		errors = rules.transition_errors(state, {})
		assert errors and phrase in errors[0], state
	assert len(rules.transition_errors(rules.REKOMENDASI, {})) == 3
	full = {"hasil_telaah": "x", "kesimpulan": "Terbukti", "jenis_rekomendasi": "Lainnya", "rekomendasi": "y"}
	assert rules.transition_errors(rules.REKOMENDASI, full) == []


def test_other_reason_needs_a_note():
	errors = rules.transition_errors(rules.TIDAK_DITINDAKLANJUTI, {"alasan_tidak_ditindaklanjuti": "Lainnya"})
	assert errors == ["Alasan 'Lainnya' memerlukan keterangan penolakan."]


def test_rich_text_without_visible_characters_is_blank():
	assert rules.is_blank("<p><br></p>")
	assert rules.is_blank("<div>&nbsp;</div>")
	assert not rules.is_blank("<p>Ya</p>")


def test_filing_window_counts_calendar_days_after_the_service():
	assert rules.days_past_filing_window(date(2025, 8, 1), date(2025, 8, 31), 30) == 0
	assert rules.days_past_filing_window(date(2025, 8, 1), date(2025, 9, 2), 30) == 2
	assert rules.days_past_filing_window(None, date(2025, 9, 2), 30) == 0
