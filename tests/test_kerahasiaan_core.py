"""Encryption at rest, the part that needs no database: the stored form of a ciphertext, the keyed blind
indexes and the plaintext limit (kpu_dumas.core.kerahasiaan)."""

import re

import pytest

from kpu_dumas.core import duplicates as dup
from kpu_dumas.core import kerahasiaan as core

SITE_KEY = "q3bTn3A9G8mQ5l0y0x2tqk1b7l8zv1pV6dY3mX0aJvE="
OTHER_KEY = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MDEyMzQ1Njc4OTA="


def test_a_wrapped_token_is_marked_and_unwraps_to_itself():
	token = "gAAAAABlZ2V0X3Rva2Vu"
	stored = core.wrap(token)
	assert stored == "kpu1$" + token
	assert core.is_encrypted(stored)
	assert core.unwrap(stored) == token


@pytest.mark.parametrize(
	"value", [None, "", "Siti Rahmawati", "KTP", 7503014501900002, core.MASK, core.ERASED]
)
def test_plaintext_masks_and_non_strings_are_not_taken_for_ciphertext(value):
	assert not core.is_encrypted(value)


def test_the_index_key_comes_from_the_site_key_and_is_not_it():
	key = core.index_key(SITE_KEY)
	assert key == core.index_key(SITE_KEY)
	assert key != core.index_key(OTHER_KEY)
	assert len(key) == 32
	assert SITE_KEY.encode() not in key


def test_equal_values_written_differently_have_equal_indexes():
	key = core.index_key(SITE_KEY)
	a = core.blind_indexes(key, "7503.0145-0190 0002", "081234567890", " Siti.Uji@Contoh.ID ")
	b = core.blind_indexes(key, "7503014501900002", "+6281234567890", "siti.uji@contoh.id")
	assert a == b
	assert set(a) == {dup.SAME_NIK, dup.SAME_PHONE, dup.SAME_EMAIL}


def test_an_index_is_a_keyed_hash_that_shows_nothing_of_the_value():
	key = core.index_key(SITE_KEY)
	indexes = core.blind_indexes(key, "7503014501900002", "081234567890", "siti.uji@contoh.id")
	for value in indexes.values():
		assert re.fullmatch(r"[0-9a-f]{64}", value)
	assert "7503014501900002" not in "".join(indexes.values())
	# another site (another key) gets other indexes for the same person
	assert core.blind_indexes(core.index_key(OTHER_KEY), "7503014501900002") != {
		dup.SAME_NIK: indexes[dup.SAME_NIK]
	}


def test_the_bases_never_collide():
	"""A phone number typed into the NIK field does not match the same digits as a phone."""
	key = core.index_key(SITE_KEY)
	as_nik = core.blind_indexes(key, nik="081234567890")[dup.SAME_NIK]
	as_phone = core.blind_indexes(key, phone="081234567890")[dup.SAME_PHONE]
	assert as_nik != as_phone


def test_different_people_have_different_indexes_and_missing_values_none():
	key = core.index_key(SITE_KEY)
	a = core.blind_indexes(key, "7503014501900002", None, "")
	b = core.blind_indexes(key, "7503014501900003")
	assert set(a) == {dup.SAME_NIK}
	assert a != b
	assert core.blind_indexes(key) == {}


def test_the_plaintext_limit_of_an_encrypted_field():
	assert not core.too_long("x" * core.PLAIN_MAX_LENGTH)
	assert core.too_long("x" * (core.PLAIN_MAX_LENGTH + 1))
	assert not core.too_long(core.wrap("x" * 900))  # the stored ciphertext is longer, by design
	assert not core.too_long(None)
