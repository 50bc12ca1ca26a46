// Tier-3 browser checks of Profil SOP (issue 11): a System Manager opens the shipped preset Kapuas Hulu
// 2023 (read-only, with the copy hint), clicks Terapkan, reads the preview (zone, Mutu Baku set with its
// stages before and after, workflow) and applies it; the server then runs Alur Pengaduan - Kapuas Hulu
// 2023 and Pengaturan Kantor names the preset. Pengaturan Kantor › Profil SOP › Terapkan brings back the
// shipped default (Pohuwato 2025), which the spec restores over the API in any case.
// Run through run.sh (env BASE and SEED from kpu_dumas.tests.browser_fixtures.seed).
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, desktop, launch, run } from "./lib.mjs";

const PRESET = "Kapuas Hulu 2023";
const DEFAULT = (SEED.profil_sop && SEED.profil_sop.bawaan) || "Pohuwato 2025";

async function call(page, method, args = {}) {
	return page.evaluate(
		async ([method, args]) => {
			const r = await fetch(`/api/method/${method}`, {
				method: "POST",
				credentials: "include",
				headers: { Accept: "application/json", "Content-Type": "application/json", "X-Frappe-CSRF-Token": frappe.csrf_token },
				body: JSON.stringify(args),
			});
			return { status: r.status, body: await r.json().catch(() => null) };
		},
		[method, args]
	);
}

async function activeWorkflow(page) {
	const r = await call(page, "frappe.client.get_value", {
		doctype: "Workflow",
		filters: { document_type: "Pengaduan", is_active: 1 },
		fieldname: "name",
	});
	return r.body && r.body.message && r.body.message.name;
}

async function main() {
	assert(SEED.profil_sop && SEED.profil_sop.admin, "SEED lacks profil_sop.admin");
	const browser = await launch();
	const { context, page } = await desktop(browser, 1366);
	let loggedIn = false;
	try {
		await check(`the System Manager opens the shipped preset ${PRESET}: read-only, with the copy hint`, async () => {
			await page.goto(`${BASE}/login`);
			await page.fill("#login_email", SEED.profil_sop.admin);
			await page.fill("#login_password", SEED.password);
			await Promise.all([page.waitForURL(/\/app/, { timeout: 60000 }), page.click(".btn-login")]);
			loggedIn = true;
			await page.goto(`${BASE}/app/profil-sop/${encodeURIComponent(PRESET)}`);
			await page.waitForFunction((n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n, PRESET, { timeout: 60000 });
			const intro = page.locator("#page-Profil\\ SOP .form-message", { hasText: "Duplikat" });
			await intro.waitFor({ state: "visible" });
			assert(await page.evaluate(() => cur_frm.doc.bawaan === 1), "bawaan not set");
		});

		await check("Terapkan shows the preview: zone, the Mutu Baku set before and after, the workflow", async () => {
			await page.locator("#page-Profil\\ SOP .page-actions button", { hasText: "Terapkan" }).click();
			const dialog = page.locator(".modal.show", { hasText: `Pratinjau Profil SOP ${PRESET}` });
			await dialog.waitFor({ state: "visible" });
			const text = await dialog.innerText();
			for (const part of [
				"Asia/Jakarta",
				"Pengaduan - Kapuas Hulu 2023",
				"Alur Pengaduan - Kapuas Hulu 2023",
				"Laporan ke Kepala Dinas: 1 jam",
				"Ditelaah: 5 hari kerja",
				"Tahap yang sudah berjalan tetap memakai batas waktunya",
			]) {
				assert(text.includes(part), `preview lacks "${part}": ${text.slice(0, 400)}`);
			}
			// Bootstrap fades the dialog in: shoot it once it is opaque, not through the form behind it.
			await page.waitForFunction(() => {
				const modal = document.querySelector(".modal.show");
				return modal && getComputedStyle(modal).opacity === "1";
			});
			await page.waitForTimeout(200);
			await page.screenshot({ path: `${SHOTS}profil-sop-pratinjau.png` });
		});

		await check("applying makes Alur Pengaduan - Kapuas Hulu 2023 the active workflow and names the preset", async () => {
			const dialog = page.locator(".modal.show", { hasText: `Pratinjau Profil SOP ${PRESET}` });
			await dialog.locator(".btn-primary", { hasText: "Terapkan" }).click();
			await dialog.waitFor({ state: "hidden" });
			await page.locator(".alert-message, .desk-alert", { hasText: "diterapkan" }).first().waitFor({ state: "visible" });
			assert((await activeWorkflow(page)) === "Alur Pengaduan - Kapuas Hulu 2023", "workflow not switched");
			const r = await call(page, "frappe.client.get_single_value", { doctype: "Pengaturan Kantor", field: "profil_sop" });
			assert(r.body.message === PRESET, `profil_sop ${JSON.stringify(r.body)}`);
		});

		await check(`Pengaturan Kantor › Profil SOP › Terapkan brings back ${DEFAULT}`, async () => {
			await page.goto(`${BASE}/app/pengaturan-kantor`);
			await page.waitForFunction(() => window.cur_frm && cur_frm.doctype === "Pengaturan Kantor", null, { timeout: 60000 });
			await page.locator("#page-Pengaturan\\ Kantor .page-actions button", { hasText: "Profil SOP" }).click();
			await page.locator(".dropdown-menu.show .dropdown-item", { hasText: "Terapkan" }).click();
			const prompt = page.locator(".modal.show", { hasText: "Pilih Profil SOP" });
			await prompt.waitFor({ state: "visible" });
			const input = prompt.locator('input[data-fieldname="profil"]');
			await input.fill(DEFAULT);
			await page.screenshot({ path: `${SHOTS}profil-sop-pengaturan-kantor.png` });
			await prompt.locator(".modal-title").click();  // closes the suggestions that cover the button
			await page.waitForFunction((v) => cur_dialog.get_value("profil") === v, DEFAULT);
			await prompt.locator(".btn-primary", { hasText: "Pratinjau" }).click();
			const dialog = page.locator(".modal.show", { hasText: `Pratinjau Profil SOP ${DEFAULT}` });
			await dialog.waitFor({ state: "visible" });
			assert((await dialog.innerText()).includes("Alur Pengaduan"), "preview lacks the shipped workflow");
			await dialog.locator(".btn-primary", { hasText: "Terapkan" }).click();
			await dialog.waitFor({ state: "hidden" });
			await page.waitForFunction(() => cur_frm.doc.profil_sop, null, { timeout: 30000 });
			assert((await activeWorkflow(page)) === "Alur Pengaduan", "default workflow not back");
		});
	} finally {
		if (loggedIn && (await activeWorkflow(page).catch(() => null)) !== "Alur Pengaduan") {
			await call(page, "kpu_dumas.api.profil_sop.terapkan", { profil: DEFAULT });
		}
		await context.close();
		await browser.close();
	}
}

run(main);
