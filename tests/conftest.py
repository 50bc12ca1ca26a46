"""Shared fixtures; makes the repo root importable without installing the app or Frappe."""

import json
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
	sys.path.insert(0, str(ROOT))

from kpu_dumas.core.calendar import POHUWATO_HOURS, WorkingCalendar  # noqa: E402

HOLIDAY_FILE = ROOT / "kpu_dumas" / "kpu_dumas" / "fixtures" / "hari_libur.json"


def load_holiday_rows() -> list[dict]:
	with HOLIDAY_FILE.open(encoding="utf-8") as f:
		return json.load(f)


@pytest.fixture(scope="session")
def holiday_rows() -> list[dict]:
	return load_holiday_rows()


@pytest.fixture(scope="session")
def holidays(holiday_rows) -> frozenset[date]:
	return frozenset(date.fromisoformat(r["tanggal"]) for r in holiday_rows)


@pytest.fixture(scope="session")
def pohuwato(holidays) -> WorkingCalendar:
	"""KPU Kabupaten Pohuwato (Gorontalo, WITA) with the shipped national holidays."""
	return WorkingCalendar.from_rows(POHUWATO_HOURS, holidays=holidays, timezone="Asia/Makassar")
