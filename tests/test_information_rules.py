from kpu_dumas.core import information_rules as r

GRANTED = {
	"keputusan": r.GRANTED_IN_FULL,
	"informasi_diberikan": "Salinan SK",
	"bentuk_informasi": "Softcopy",
	"waktu_penyerahan": "2026-03-20",
}


def test_every_decision_names_what_the_notice_lacks():
	assert r.request_transition_errors(r.PEMBERITAHUAN, {}) == [
		"Pilih 'Keputusan' di tab Pemberitahuan Tertulis sebelum memutus permohonan."
	]
	assert r.request_transition_errors(r.PEMBERITAHUAN, GRANTED) == []
	part = r.request_transition_errors(r.PEMBERITAHUAN, {**GRANTED, "keputusan": r.GRANTED_IN_PART})
	assert "bagian yang dihitamkan" in part[0] and "uji konsekuensi" in part[0] and "Pasal 17" in part[0]
	refused = r.request_transition_errors(
		r.PEMBERITAHUAN, {"keputusan": r.REFUSED, "pasal_pengecualian": "Pasal 17 huruf j"}
	)
	assert refused == ["Pemberitahuan tertulis 'Ditolak' harus memuat: uji konsekuensi."]
	assert "badan publik" in r.request_transition_errors(r.PEMBERITAHUAN, {"keputusan": r.NOT_HELD})[0]
	assert (
		"perkiraan waktu"
		in r.request_transition_errors(r.PEMBERITAHUAN, {"keputusan": r.NOT_YET_DOCUMENTED})[0]
	)


def test_cost_needs_its_breakdown():
	assert r.request_transition_errors(r.PEMBERITAHUAN, {**GRANTED, "biaya": 15000}) == [
		"Biaya lebih dari nol memerlukan rincian biaya."
	]
	assert (
		r.request_transition_errors(
			r.PEMBERITAHUAN, {**GRANTED, "biaya": 15000, "rincian_biaya": "30 lbr x Rp500"}
		)
		== []
	)


def test_extension_needs_a_written_reason():
	assert "Pasal 22 ayat 8" in r.request_transition_errors(r.DIPERPANJANG, {})[0]
	assert (
		r.request_transition_errors(r.DIPERPANJANG, {"alasan_perpanjangan": "Data di arsip kabupaten."}) == []
	)


def test_handover_on_paper_is_recorded_in_the_expedition_book():
	by_email = {"diserahkan_melalui": "Email", "tanggal_diserahkan": "2026-03-20"}
	assert r.request_transition_errors(r.SELESAI, {}) != []
	assert r.request_transition_errors(r.SELESAI, by_email) == []
	for channel in ("Meja Layanan", "Kurir", "Pos"):
		on_paper = {**by_email, "diserahkan_melalui": channel}
		assert "Nomor Ekspedisi" in r.request_transition_errors(r.SELESAI, on_paper)[0]
		assert r.request_transition_errors(r.SELESAI, {**on_paper, "nomor_ekspedisi": "EKS/12"}) == []


def test_requester_other_than_a_person_needs_a_deed_or_mandate():
	assert r.requester_errors({"jenis_pemohon": "Perorangan"}) == []
	assert r.requester_errors({"jenis_pemohon": "Badan Hukum"})
	assert (
		r.requester_errors(
			{"jenis_pemohon": "Kelompok Orang", "dokumen_pendukung_pemohon": "/private/files/k.pdf"}
		)
		== []
	)


def test_objection_answer_and_closing():
	assert "keputusan" in r.objection_transition_errors(r.DITANGGAPI, {})[0]
	full = {
		"keputusan_atasan": "Keberatan Diterima",
		"tanggapan": "<p>Ya</p>",
		"nama_atasan": "A",
		"jabatan_atasan": "Ketua",
	}
	assert r.objection_transition_errors(r.DITANGGAPI, full) == []
	assert r.objection_transition_errors(r.SELESAI, {})
