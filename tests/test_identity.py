import pytest

from kpu_dumas.core.identity import email_error, nik_error, normalize_nik, normalize_phone, phone_error

# 75 (Gorontalo) 04 03 | 120885 = 12 Aug 1985 | 0001
VALID_NIK = "7504031208850001"
# Woman born 12 Aug 1985: day 12 + 40 = 52.
VALID_NIK_FEMALE = "7504035208850002"


def test_normalize_nik():
	assert normalize_nik(" 7504.0312-0885 0001 ") == VALID_NIK
	assert normalize_nik(None) == ""
	assert normalize_nik(7504031208850001) == VALID_NIK


def test_valid_niks():
	assert nik_error(VALID_NIK) is None
	assert nik_error(VALID_NIK_FEMALE) is None
	assert nik_error("7504 0312 0885 0001") is None
	assert nik_error("1101017112990001") is None  # woman born 31 Dec 1999, province 11


def test_nik_wrong_length():
	assert nik_error("750403120885000") == "NIK harus 16 digit angka; yang diisi 15 digit."
	assert nik_error("75040312088500011") == "NIK harus 16 digit angka; yang diisi 17 digit."


def test_nik_non_digits():
	assert nik_error("75040312O8850001") == "NIK harus 16 digit angka; terdapat karakter selain angka."
	assert nik_error("\u0667" * 16) == "NIK harus 16 digit angka; terdapat karakter selain angka."
	assert nik_error("") == "NIK wajib diisi (16 digit angka)."
	assert nik_error(None) == "NIK wajib diisi (16 digit angka)."


@pytest.mark.parametrize(
	"nik",
	[
		"7504030008850001",  # day 00
		"7504033208850001",  # day 32
		"7504034008850001",  # day 40
		"7504037208850001",  # day 72
		"7504031200850001",  # month 00
		"7504031213850001",  # month 13
	],
)
def test_nik_bad_birth_date(nik):
	assert nik_error(nik).startswith("NIK tidak valid: digit ke-7 sampai ke-12 harus berupa tanggal lahir")


def test_nik_bad_province():
	assert nik_error("0904031208850001") == (
		"NIK tidak valid: kode provinsi (2 digit pertama) harus antara 11 dan 99."
	)
	assert nik_error("1004031208850001") is not None


def test_normalize_phone():
	assert normalize_phone("0812-3456-7890") == "081234567890"
	assert normalize_phone("+62 812 3456 7890") == "+6281234567890"
	assert normalize_phone("62 812.3456.7890") == "+6281234567890"
	assert normalize_phone("(0435) 881234") == "0435881234"
	assert normalize_phone(None) == ""


@pytest.mark.parametrize(
	"phone",
	[
		"0812-3456-7890",
		"0812345678",
		"0812345678901",
		"+6281234567890",
		"628123456789",
		"0435 881234",
		"(021) 3193 7223",
		"+62 435 881234",
	],
)
def test_valid_phones(phone):
	assert phone_error(phone) is None


@pytest.mark.parametrize(
	"phone",
	[
		"08123456",
		"081234567",
		"08123456789012",
		"6281234567",
		"+62812345",
		"12345678901",
		"0435-88",
		"0812abc45678",
		"+1 202 555 0100",
		"0000000000",
	],
)
def test_invalid_phones(phone):
	message = phone_error(phone)
	assert message.startswith(f"Nomor telepon {phone!r} tidak valid.")
	assert "08xxxxxxxxxx" in message and "+628" in message and "0435 881234" in message


def test_empty_phone():
	assert phone_error("") == "Nomor telepon wajib diisi."


@pytest.mark.parametrize(
	"email", ["pengadu@example.com", "nama.lengkap+kpu@kpu-pohuwato.go.id", " a_b@c.co "]
)
def test_valid_emails(email):
	assert email_error(email) is None


@pytest.mark.parametrize(
	"email",
	[
		"pengadu",
		"pengadu@",
		"@kpu.go.id",
		"a@@kpu.go.id",
		"a@b@kpu.go.id",
		"a b@kpu.go.id",
		"a@kpu",
		"a@kpu.c",
		"a@kpu..go.id",
		"a@.kpu.go.id",
		"a@kpu.go.id.",
	],
)
def test_invalid_emails(email):
	assert (
		email_error(email)
		== f"Alamat email {email.strip()!r} tidak valid. Contoh yang benar: nama@contoh.go.id."
	)


def test_empty_email():
	assert email_error("  ") == "Alamat email wajib diisi."
