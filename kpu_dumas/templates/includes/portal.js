// Shared helpers of the public complaint portal. No framework: the pages must work on cheap phones.
window.kdPortal = (function () {
	"use strict";

	const MB = 1024 * 1024;

	function textOf(html) {
		// Server messages may hold markup; show their text only (DOMParser runs no scripts).
		return new DOMParser().parseFromString(String(html || ""), "text/html").body.textContent || "";
	}

	function serverMessages(body) {
		const lines = [];
		try {
			for (const raw of JSON.parse(body._server_messages || "[]")) {
				const item = typeof raw === "string" ? JSON.parse(raw) : raw;
				for (const line of textOf(item.message || item).split("\n")) {
					if (line.trim()) lines.push(line.trim());
				}
			}
		} catch (e) {
			/* not a Frappe message list */
		}
		return lines;
	}

	// POST a FormData to a whitelisted method; resolves to { ok, status, data, errors }.
	async function post(method, formData) {
		const headers = { Accept: "application/json" };
		if (window.frappe && frappe.csrf_token && frappe.csrf_token !== "None") {
			headers["X-Frappe-CSRF-Token"] = frappe.csrf_token;
		}
		let response;
		try {
			response = await fetch("/api/method/" + method, {
				method: "POST",
				body: formData,
				headers: headers,
				credentials: "same-origin",
			});
		} catch (e) {
			return {
				ok: false,
				status: 0,
				errors: ["Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi."],
			};
		}
		let body = {};
		try {
			body = await response.json();
		} catch (e) {
			body = {};
		}
		if (response.ok) return { ok: true, status: response.status, data: body.message };
		let errors = serverMessages(body);
		if (response.status === 429) {
			errors = ["Terlalu banyak permintaan dari perangkat Anda dalam satu menit. Tunggu sebentar, lalu coba lagi."];
		} else if (response.status === 413) {
			errors = ["Ukuran kiriman terlalu besar. Kurangi jumlah atau ukuran berkas, lalu coba lagi."];
		} else if (response.status >= 500 || !errors.length) {
			errors = ["Terjadi gangguan pada server sehingga kiriman belum tersimpan. Silakan coba lagi beberapa saat lagi."];
		}
		return { ok: false, status: response.status, errors: errors };
	}

	// One line of an alert: plain text, or (for { text, field, focus }) a link that moves focus to the field.
	function alertLine(line) {
		if (typeof line === "string") return document.createTextNode(line);
		const link = document.createElement("a");
		const target = line.focus || line.field;
		link.href = "#" + (target.id || line.field.id);
		link.textContent = line.text;
		link.addEventListener("click", function (event) {
			event.preventDefault();
			target.focus();
			target.scrollIntoView({ block: "center" });
		});
		return link;
	}

	// Fill an alert box with a title and a list of lines, show it and move focus to it.
	function showAlert(box, title, lines) {
		box.replaceChildren();
		const head = document.createElement("p");
		const strong = document.createElement("strong");
		strong.textContent = title;
		head.appendChild(strong);
		box.appendChild(head);
		if (lines && lines.length === 1) {
			const line = document.createElement("p");
			line.appendChild(alertLine(lines[0]));
			box.appendChild(line);
		} else if (lines && lines.length) {
			const list = document.createElement("ul");
			for (const line of lines) {
				const item = document.createElement("li");
				item.appendChild(alertLine(line));
				list.appendChild(item);
			}
			box.appendChild(list);
		}
		box.hidden = false;
		box.focus();
	}

	// Show `message` under a field (or clear it with null), tied to it by aria-describedby, read before
	// its hint; aria-invalid follows. A radio group is marked on its role=radiogroup element, with the
	// message above its options.
	function markField(el, message) {
		const id = (el.id || el.getAttribute("name")) + "-galat";
		let note = document.getElementById(id);
		if (message && !note) {
			note = document.createElement("p");
			note.id = id;
			note.className = "kd-error";
			if (el.getAttribute("role") === "radiogroup") el.insertAdjacentElement("beforebegin", note);
			else (el.closest(".kd-choice") || el).insertAdjacentElement("afterend", note);
		}
		if (note) {
			note.textContent = message || "";
			note.hidden = !message;
		}
		const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) {
			return x && x !== id;
		});
		if (message) ids.unshift(id);
		if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
		else el.removeAttribute("aria-describedby");
		el.setAttribute("aria-invalid", message ? "true" : "false");
	}

	// Check every enabled field of `form` (radios excepted) by its HTML constraints; mark each and
	// return the problems as alert lines linked to their fields. `labels` words the message per name; a
	// file input with files chosen keeps its own (why the files were refused).
	function checkFields(form, labels) {
		const problems = [];
		form.querySelectorAll("input, select, textarea").forEach(function (el) {
			if (el.type === "radio" || el.type === "hidden") return;
			if (el.disabled || el.checkValidity()) {
				markField(el, null);
				return;
			}
			const text = el.type === "file" && el.files.length ? el.validationMessage : labels[el.name] || el.validationMessage;
			markField(el, text);
			problems.push({ text: text, field: el });
		});
		return problems;
	}

	function formatSize(bytes) {
		if (bytes < MB) return Math.max(1, Math.round(bytes / 1024)) + " KB";
		return (bytes / MB).toFixed(1).replace(".", ",") + " MB";
	}

	// List chosen files under the input and flag those too big or too many before sending.
	function watchFiles(input, list, maxMb, maxFiles) {
		const allowed = /\.(pdf|jpe?g|png|docx?)$/i;
		function refresh() {
			list.replaceChildren();
			const files = Array.from(input.files || []);
			const problems = [];
			files.forEach(function (file) {
				const item = document.createElement("li");
				let note = "";
				if (file.size > maxMb * MB) {
					note = " — terlalu besar (batas " + maxMb + " MB)";
				} else if (!allowed.test(file.name)) {
					note = " — jenis berkas tidak diterima";
				}
				item.textContent = file.name + " (" + formatSize(file.size) + ")" + note;
				if (note) {
					item.className = "kd-bad";
					problems.push(file.name + note);
				}
				list.appendChild(item);
			});
			if (files.length > maxFiles) problems.push("Paling banyak " + maxFiles + " berkas; dipilih " + files.length + ".");
			input.setCustomValidity(problems.length ? problems.join(" ") : "");
			input.setAttribute("aria-invalid", problems.length ? "true" : "false");
		}
		input.addEventListener("change", refresh);
		refresh();
	}

	function busy(button, label) {
		if (!button.dataset.label) button.dataset.label = button.textContent;
		button.disabled = !!label;
		button.textContent = label || button.dataset.label;
	}

	// Submit `form` to `method` after the page's own checks (validate() returns problem lines); on success
	// hand the server's answer to done(data). Errors go to the `errors` alert box under `failTitle`.
	function submitForm(form, opts) {
		// A marked field loses its message as soon as it is filled in correctly.
		function recheck(event) {
			const el = event.target;
			if (el.getAttribute && el.getAttribute("aria-invalid") === "true" && el.checkValidity()) markField(el, null);
		}
		form.addEventListener("input", recheck);
		form.addEventListener("change", recheck);
		form.addEventListener("submit", async function (event) {
			event.preventDefault();
			const problems = opts.validate();
			if (problems.length) {
				showAlert(opts.errors, "Periksa kembali isian berikut:", problems);
				return;
			}
			opts.errors.hidden = true;
			busy(opts.button, "Mengirim…");
			const result = await post(opts.method, new FormData(form));
			busy(opts.button, null);
			if (!result.ok) {
				showAlert(opts.errors, opts.failTitle, result.errors);
				return;
			}
			opts.done(result.data);
		});
	}

	// The receipt every portal form shows: number and secret tracking code, whether an email went out, the
	// tracking link and a copy button (`numberLabel` names the number in the copied text).
	function showReceipt(data, numberLabel) {
		document.getElementById("kd-form-view").hidden = true;
		document.getElementById("kd-done").hidden = false;
		document.getElementById("kd-done-nomor").textContent = data.nomor;
		document.getElementById("kd-done-kode").textContent = data.kode_lacak;
		document.getElementById("kd-done-email").hidden = !data.email_terkirim;
		document.getElementById("kd-ke-lacak").href = "/lacak?nomor=" + encodeURIComponent(data.nomor);
		document.getElementById("kd-salin").addEventListener("click", async function () {
			const status = document.getElementById("kd-salin-status");
			const text = numberLabel + ": " + data.nomor + "\nKode lacak: " + data.kode_lacak;
			try {
				await navigator.clipboard.writeText(text);
				status.textContent = "Nomor dan kode lacak sudah disalin.";
			} catch (e) {
				status.textContent = "Tidak dapat menyalin otomatis; catat nomor dan kode di atas.";
			}
		});
		window.scrollTo(0, 0);
		document.getElementById("kd-done-title").focus();
	}

	return {
		post: post,
		showAlert: showAlert,
		markField: markField,
		checkFields: checkFields,
		watchFiles: watchFiles,
		busy: busy,
		submitForm: submitForm,
		showReceipt: showReceipt,
	};
})();
