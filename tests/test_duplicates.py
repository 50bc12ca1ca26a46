"""The duplicate rules: which complaints are flagged as possibly the same (kpu_dumas.core.duplicates)."""

from datetime import datetime, timedelta

import pytest

from kpu_dumas.core import duplicates as dup

T0 = datetime(2026, 3, 2, 9, 0)


def case(name="DUMAS-2026-00002", received=T0, subject="", open_=True, **identity):
	return dup.Case(
		name=name,
		received=received,
		subject=subject,
		identity=dup.identity_keys(identity.get("nik"), identity.get("phone"), identity.get("email")),
		open=open_,
	)


NEW = case(
	subject="Petugas PPK Kecamatan Marisa meminta uang untuk pindah memilih",
	nik="7504 0101 0190 0001",
	phone="0812-3456-7890",
	email="Warga@Contoh.id",
)


@pytest.mark.parametrize(
	"other, bases",
	[
		(case("A", nik="7504010101900001"), (dup.SAME_NIK,)),
		(case("B", phone="+62 812 3456 7890"), (dup.SAME_PHONE,)),
		(case("C", phone="6281234567890"), (dup.SAME_PHONE,)),
		(case("D", email=" warga@contoh.ID "), (dup.SAME_EMAIL,)),
		# the same words in another order, with filler words: the subject alone flags it
		(
			case(
				"F",
				subject="Pengaduan tentang: meminta uang untuk pindah memilih, petugas PPK Kecamatan Marisa",
			),
			(dup.SIMILAR_SUBJECT,),
		),
		(
			case(
				"G",
				nik="7504010101900001",
				subject="petugas ppk kecamatan marisa meminta uang pindah memilih",
			),
			(dup.SAME_NIK, dup.SIMILAR_SUBJECT),
		),
		# closed, but received within the window
		(case("H", received=T0 - timedelta(days=30), open_=False, nik="7504010101900001"), (dup.SAME_NIK,)),
		# still open, received long ago
		(
			case("I", received=T0 - timedelta(days=200), open_=True, email="warga@contoh.id"),
			(dup.SAME_EMAIL,),
		),
	],
)
def test_must_match(other, bases):
	found = dup.match(NEW, other)
	assert found is not None and found.bases == bases


@pytest.mark.parametrize(
	"other",
	[
		case("J", nik="7504010101900002", phone="081234567891", email="lain@contoh.id"),
		# a different complaint at the same office
		case("L", subject="Daftar pemilih tetap di Desa Buntulia tidak ditempel"),
		# the same reporter, but closed and outside the window
		case("M", received=T0 - timedelta(days=31), open_=False, nik="7504010101900001"),
		# itself
		case(NEW.name, nik="7504010101900001"),
		# empty values never match each other
		case("N"),
	],
)
def test_must_not_match(other):
	assert dup.match(NEW, other) is None


def test_short_subjects_never_match_on_similarity():
	assert dup.subject_similarity("Pengaduan", "pengaduan") == 0
	assert dup.subject_similarity("Pungli", "Pungli di TPS 3") == 0
	assert dup.match(case("X", subject="Pungli"), case("Y", subject="pungli")) is None


def test_threshold_and_window_are_settings():
	near = case("P", subject="Petugas PPK Kecamatan Marisa meminta uang pindah TPS")
	score = dup.subject_similarity(NEW.subject, near.subject)
	assert 60 < score < 100
	assert dup.match(NEW, near, threshold=score) is not None
	assert dup.match(NEW, near, threshold=score + 1) is None
	old = case("Q", received=T0 - timedelta(days=10), open_=False, nik="7504010101900001")
	assert dup.match(NEW, old, window_days=10) is not None
	assert dup.match(NEW, old, window_days=9) is None


def test_identity_is_dropped_for_those_who_may_not_know_it():
	only_identity = dup.match(NEW, case("R", nik="7504010101900001"))
	assert only_identity.by_identity and only_identity.without_identity() is None
	both = dup.match(NEW, case("S", nik="7504010101900001", subject=NEW.subject))
	assert both.without_identity().bases == (dup.SIMILAR_SUBJECT,)


def test_identity_matches_come_first():
	others = [
		case("Z1", subject="petugas ppk kecamatan marisa meminta uang pindah memilih"),
		case("Z2", email="warga@contoh.id"),
	]
	assert [m.name for m in dup.matches(NEW, others)] == ["Z2", "Z1"]


def test_the_same_lapor_ticket_is_no_longer_a_basis():
	"""A second complaint with the same SP4N-LAPOR! ticket is refused when recorded (core.lapor), so the
	duplicate rules have no ticket basis left."""
	assert not hasattr(dup, "SAME_TICKET")
	assert "ticket" not in dup.Case.__dataclass_fields__
