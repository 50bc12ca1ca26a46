// Tier-3 browser checks of the Pengaduan form in the Desk (Chromium, headless).
// Run through run.sh, which seeds the demo data and serves the bench; needs env BASE and SEED (the
// JSON printed by kpu_dumas.tests.browser_fixtures.seed). Last line: "browser: N passed, N failed".
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, launch, run } from "./lib.mjs";

const FORM = "#page-Pengaduan";
const ACTIONS = `${FORM} .page-actions .actions-btn-group`;

async function newSession(browser, label) {
	const context = await browser.newContext({
		viewport: { width: 1366, height: 900 },
		locale: "id-ID",
		timezoneId: "Asia/Makassar",
	});
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	// Frappe rejects the workflow xcall with `undefined` after a refused action: not worth a line.
	page.on("pageerror", (e) => {
		if (e.message && e.message !== "undefined") console.log(`      [${label} page error] ${e.message.split("\n")[0]}`);
	});
	return { context, page };
}

async function loginWithForm(page, user) {
	await page.goto(`${BASE}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", SEED.password);
	await Promise.all([page.waitForURL(/\/app/, { timeout: 60000 }), page.click(".btn-login")]);
}

async function loginWithApi(context, user) {
	const r = await context.request.post(`${BASE}/api/method/login`, {
		form: { usr: user, pwd: SEED.password },
	});
	assert(r.ok(), `login ${user}: HTTP ${r.status()}`);
}

async function openComplaint(page, name) {
	await page.goto(`${BASE}/app/pengaduan/${encodeURIComponent(name)}`);
	await page.waitForFunction(
		(n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && cur_frm.doc.__last_sync_on,
		name,
		{ timeout: 60000 }
	);
	// Workflow actions are added asynchronously after the transitions are fetched.
	await page.locator(`${ACTIONS}:not(.hide) > button`).waitFor({ state: "visible" });
}

async function statusPill(page) {
	return (await page.locator(`${FORM} .page-head .indicator-pill`).first().innerText()).trim();
}

async function openActions(page) {
	const button = page.locator(`${ACTIONS} > button`);
	const label = (await button.innerText()).trim();
	assert(/^(Tindakan|Actions)$/.test(label), `Actions button labelled ${JSON.stringify(label)}`);
	await button.click();
	const items = page.locator(`${ACTIONS} .dropdown-menu.show .dropdown-item`);
	await items.first().waitFor({ state: "visible" });
	return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

async function fetchJson(page, path) {
	return page.evaluate(async (url) => {
		const r = await fetch(url, { credentials: "include", headers: { Accept: "application/json" } });
		return { status: r.status, text: await r.text() };
	}, path);
}

async function main() {
	assert(SEED.pengaduan_biasa && SEED.pengaduan_rahasia, "SEED env lacks complaint names");
	const browser = await launch();
	try {
		await petugasChecks(browser);
		await timChecks(browser);
	} finally {
		await browser.close();
	}
}

async function petugasChecks(browser) {
	const { context, page } = await newSession(browser, "petugas");
	const name = SEED.pengaduan_biasa;
	let ready = false;

	await check(`petugas logs in and opens ${name} in state Diterima`, async () => {
		await loginWithForm(page, SEED.users.petugas);
		await openComplaint(page, name);
		const pill = await statusPill(page);
		assert(pill === "Diterima", `status pill shows ${JSON.stringify(pill)}`);
		const field = await page.locator(`${FORM} .frappe-control[data-fieldname="workflow_state"]`).innerText();
		assert(field.includes("Diterima"), `Status field shows ${JSON.stringify(field)}`);
		ready = true;
	});

	await check("petugas sees Identitas Pelapor with a value and the reporter's contact", async () => {
		assert(ready, "form not open");
		const control = page.locator(`${FORM} .frappe-control[data-fieldname="identitas_pelapor"]`);
		await control.waitFor({ state: "visible" });
		assert((await control.innerText()).includes("Identitas Pelapor"), "no 'Identitas Pelapor' label");
		const value = await control.locator("input").inputValue();
		assert(/^PLP-\d+$/.test(value), `Identitas Pelapor value ${JSON.stringify(value)}`);
		const kontak = page.locator(`${FORM} .frappe-control[data-fieldname="kontak_pelapor_html"] table`);
		await kontak.waitFor({ state: "visible" });
		const text = await kontak.innerText();
		assert(text.includes(SEED.pelapor_biasa), `contact table lacks ${SEED.pelapor_biasa}: ${text}`);
	});

	await check("petugas's Actions dropdown lists Registrasi, Minta Kelengkapan, Tolak, Cabut", async () => {
		assert(ready, "form not open");
		const items = await openActions(page);
		for (const action of ["Registrasi", "Minta Kelengkapan", "Tolak", "Cabut"]) {
			assert(items.includes(action), `${action} missing from ${JSON.stringify(items)}`);
		}
		await page.screenshot({ path: `${SHOTS}pengaduan-petugas-aksi.png` });
	});

	await check("Registrasi with an unticked checklist is refused and the state stays Diterima", async () => {
		assert(ready, "form not open");
		if (!(await page.locator(`${ACTIONS} .dropdown-menu.show`).isVisible())) await openActions(page);
		await page.locator(`${ACTIONS} .dropdown-menu.show .dropdown-item`, { hasText: /^\s*Registrasi\s*$/ }).click();
		const dialog = page.locator(".modal.show", { hasText: "Registrasi hanya dapat dilakukan bila berkas lengkap" });
		await dialog.waitFor({ state: "visible" });
		await page.waitForFunction(() => !document.querySelector(".freeze"), null, { timeout: 10000 }).catch(() => {});
		await page.waitForTimeout(400); // let the dialog's fade-in finish before the screenshot
		await page.screenshot({ path: `${SHOTS}pengaduan-petugas-registrasi-ditolak.png` });
		const r = await fetchJson(page, `/api/resource/Pengaduan/${encodeURIComponent(name)}`);
		const state = JSON.parse(r.text).data.workflow_state;
		assert(state === "Diterima", `state on the server is ${state}`);
		await page.keyboard.press("Escape");
		await dialog.waitFor({ state: "hidden" });
		const pill = await statusPill(page);
		assert(pill === "Diterima", `status pill shows ${JSON.stringify(pill)} after the refusal`);
	});

	await context.close();
}

async function timChecks(browser) {
	const { context, page } = await newSession(browser, "tim");
	const name = SEED.pengaduan_rahasia;
	const secrets = [SEED.pelapor_rahasia, SEED.nik_rahasia, SEED.identitas_rahasia].filter(Boolean);
	let ready = false;

	await check(`tim opens rahasia ${name}: identity hidden, Ajukan Rekomendasi offered`, async () => {
		await loginWithApi(context, SEED.users.tim);
		await openComplaint(page, name);
		const pill = await statusPill(page);
		assert(pill === "Ditelaah", `status pill shows ${JSON.stringify(pill)}`);
		ready = true;
		const notice = page.locator(`${FORM} .frappe-control[data-fieldname="kontak_pelapor_html"] .alert`);
		await notice.waitFor({ state: "visible" });
		assert(
			(await notice.innerText()).includes("Identitas pelapor dirahasiakan"),
			"no 'Identitas pelapor dirahasiakan' notice"
		);
		assert(
			!(await page.locator(`${FORM} .frappe-control[data-fieldname="identitas_pelapor"]`).isVisible()),
			"Identitas Pelapor field is visible to the Tim Pemeriksa"
		);
		const items = await openActions(page);
		assert(items.includes("Ajukan Rekomendasi"), `Ajukan Rekomendasi missing from ${JSON.stringify(items)}`);
		const html = await page.content();
		for (const s of secrets) assert(!html.includes(s), `page HTML contains ${JSON.stringify(s)}`);
		const inDoc = await page.evaluate(() => cur_frm.doc.identitas_pelapor);
		assert(!inDoc, `cur_frm.doc.identitas_pelapor is ${JSON.stringify(inDoc)}`);
		await page.screenshot({ path: `${SHOTS}pengaduan-tim-rahasia.png` });
	});

	await check("tim's REST read of the rahasia complaint carries no identity", async () => {
		assert(ready, "form not open");
		const r = await fetchJson(page, `/api/resource/Pengaduan/${encodeURIComponent(name)}`);
		assert(r.status === 200, `HTTP ${r.status}`);
		const data = JSON.parse(r.text).data;
		assert(data.name === name && data.rahasia === 1, "unexpected document");
		assert(!("identitas_pelapor" in data) || !data.identitas_pelapor, `identitas_pelapor = ${data.identitas_pelapor}`);
		for (const s of secrets) assert(!r.text.includes(s), `response contains ${JSON.stringify(s)}`);
		const kontak = await fetchJson(
			page,
			`/api/method/kpu_dumas.permissions.get_kontak_pelapor?pengaduan=${encodeURIComponent(name)}`
		);
		assert(JSON.parse(kontak.text).message?.status === "rahasia", `get_kontak_pelapor: ${kontak.text}`);
	});

	await check("tim cannot list or read Identitas Pelapor over REST", async () => {
		assert(ready, "form not open");
		const list = await fetchJson(page, "/api/resource/Identitas%20Pelapor?fields=%5B%22*%22%5D");
		const empty = list.status === 200 && JSON.parse(list.text).data.length === 0;
		assert(list.status === 403 || empty, `list: HTTP ${list.status} ${list.text.slice(0, 200)}`);
		for (const s of secrets) assert(!list.text.includes(s), `list response contains ${JSON.stringify(s)}`);
		if (SEED.identitas_rahasia) {
			const one = await fetchJson(page, `/api/resource/Identitas%20Pelapor/${SEED.identitas_rahasia}`);
			assert(one.status === 403, `read ${SEED.identitas_rahasia}: HTTP ${one.status}`);
			for (const s of secrets.slice(0, 2)) assert(!one.text.includes(s), `read response contains ${JSON.stringify(s)}`);
		}
	});

	await context.close();
}

run(main);
