"""WSGI entry for the browser tests: Frappe plus /assets and /files (like `bench serve`), with every
request routed to the site named by KPU_DUMAS_SITE whatever its Host header.

Run from the bench's sites directory (tests/browser/run.sh does this):
    KPU_DUMAS_SITE=kpu.test ../env/bin/gunicorn --pythonpath <this dir> -b 127.0.0.1:8010 serve:application
"""

import os

import frappe.app

_SITE = os.environ["KPU_DUMAS_SITE"]
_inner = frappe.app.application_with_statics()


def application(environ, start_response):
	environ["HTTP_X_FRAPPE_SITE_NAME"] = _SITE
	return _inner(environ, start_response)
