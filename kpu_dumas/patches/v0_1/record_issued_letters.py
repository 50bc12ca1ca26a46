"""Verifiable letters on an existing site: a Surat Terbit record (verification code, fingerprint) for every
letter numbered before them, so a reprint carries its QR code. Idempotent: a letter already recorded under
its number and date is left as it is."""

from kpu_dumas import verification


def execute():
	verification.record_existing()
