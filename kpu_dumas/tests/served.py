"""A real HTTP server for the site under test: gunicorn on 127.0.0.1, started and stopped by a test class.

Frappe's WSGI test client runs the app in the test's process; these tests want what a client on the
network gets, headers and all. The server is tests/browser/serve.py (Frappe plus /assets and /files,
every request routed to this site). It has its own database connections: it sees committed data only.

Port: KPU_SERVED_PORT (e.g. one per concurrent test site), else a free port the system picks.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frappe
import requests

BROWSER_DIR = Path(__file__).resolve().parents[2] / "tests" / "browser"
_LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")
_CSRF = re.compile(r"csrf_token\s*=\s*\"([^\"]+)\"")


class ServedSite:
	def __init__(self, site: str | None = None, port: int | None = None, workers: int = 2):
		self.site = site or frappe.local.site
		self.port = int(port if port is not None else os.environ.get("KPU_SERVED_PORT") or 0)
		self.workers = workers
		self.process = None
		self.base = None
		self.sessions: dict[str, requests.Session] = {}

	def start(self, timeout: float = 90) -> ServedSite:
		self.log = tempfile.NamedTemporaryFile(prefix="kpu-served-", suffix=".log", delete=False)
		gunicorn = [sys.executable, "-m", "gunicorn", "--pythonpath", str(BROWSER_DIR)]
		self.process = subprocess.Popen(
			[*gunicorn, "-b", f"127.0.0.1:{self.port}", "-w", str(self.workers), "--timeout", "120"]
			+ ["--preload", "serve:application"],
			cwd=os.path.abspath(frappe.local.sites_path),
			env={**os.environ, "KPU_DUMAS_SITE": self.site},
			stdout=self.log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		deadline = time.monotonic() + timeout
		while time.monotonic() < deadline:
			if self.process.poll() is not None:
				text = self.log_text()[-2000:]
				self.stop()
				raise RuntimeError(f"gunicorn exited: {text}")
			if not self.base and (match := _LISTENING.search(self.log_text())):
				self.base = match.group(1)
			if self.base:
				try:
					if requests.get(f"{self.base}/api/method/ping", timeout=10).ok:
						return self
				except requests.RequestException:
					pass
			time.sleep(0.3)
		text = self.log_text()[-2000:]
		self.stop()
		raise RuntimeError(f"the served site did not answer in {timeout} s: {text}")

	def log_text(self) -> str:
		return Path(self.log.name).read_text(errors="replace")

	def stop(self) -> None:
		for session in self.sessions.values():
			session.close()
		if self.process and self.process.poll() is None:
			os.killpg(self.process.pid, signal.SIGTERM)
			try:
				self.process.wait(timeout=30)
			except subprocess.TimeoutExpired:
				os.killpg(self.process.pid, signal.SIGKILL)
				self.process.wait()
		self.process = None
		Path(self.log.name).unlink(missing_ok=True)

	def url(self, path: str) -> str:
		return self.base + path

	def session(self, user: str = "Guest", password: str | None = None) -> requests.Session:
		"""One session per user for the whole class (logged in once), reused by every request."""
		if user not in self.sessions:
			s = requests.Session()
			s.headers["Accept"] = "application/json"
			if user != "Guest":
				r = s.post(self.url("/api/method/login"), data={"usr": user, "pwd": password}, timeout=60)
				r.raise_for_status()
				# The Desk page makes the session's CSRF token; POSTs with the cookie then send it, as Desk does.
				page = s.get(self.url("/app"), headers={"Accept": "text/html"}, timeout=120)
				if match := _CSRF.search(page.text):
					s.headers["X-Frappe-CSRF-Token"] = match.group(1)
			self.sessions[user] = s
		return self.sessions[user]


def messages(response) -> str:
	"""The server messages (frappe.throw) of a JSON response, one per line."""
	import json

	try:
		body = response.json()
	except ValueError:
		return ""
	out = []
	for m in json.loads(body.get("_server_messages") or "[]"):
		try:
			out.append(json.loads(m).get("message", ""))
		except (ValueError, AttributeError):
			out.append(str(m))
	return "\n".join(out)


def pdf_text(content: bytes) -> str:
	"""The text of a PDF as pdftotext reads it (layout kept)."""
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(content)
		f.flush()
		return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True).stdout
