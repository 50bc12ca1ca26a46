// Tier-3 browser check of email intake (issue 11): a complaint that came by email shows in the Desk with
// its thread. The seed (seed_email) feeds two real RFC 822 messages through Frappe's own inbound path,
// the mail and the reporter's reply on its thread, for an Email Account appending to Pengaduan.
// Run through run.sh (env BASE and SEED from kpu_dumas.tests.browser_fixtures.seed).
import { BASE, SEED, SHOTS, assert, check, desktop, launch, run } from "./lib.mjs";

const E = SEED.email || {};
const FORM = "#page-Pengaduan";

run(async () => {
	const browser = await launch();
	const { context, page } = await desktop(browser, 1366);
	try {
		await check("the Petugas opens the email complaint: channel Email, the sender's address, the mail as its description", async () => {
			assert(E.pengaduan, `no email complaint in the seed: ${JSON.stringify(E)}`);
			await page.goto(`${BASE}/login`);
			await page.fill("#login_email", SEED.users.petugas);
			await page.fill("#login_password", SEED.password);
			await Promise.all([page.waitForURL(/\/app/, { timeout: 60000 }), page.click(".btn-login")]);
			await page.goto(`${BASE}/app/pengaduan/${encodeURIComponent(E.pengaduan)}`);
			await page.waitForFunction((n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n, E.pengaduan, {
				timeout: 60000,
			});
			const doc = await page.evaluate(() => ({
				kanal: cur_frm.doc.kanal,
				perihal: cur_frm.doc.perihal,
				email: cur_frm.doc.email_pengirim,
				uraian: cur_frm.doc.uraian,
				state: cur_frm.doc.workflow_state,
			}));
			assert(doc.kanal === "Email" && doc.state === "Diterima", JSON.stringify(doc));
			assert(doc.perihal === E.subjek, `perihal ${doc.perihal}`);
			assert(doc.email === "rahmat.warga.uji@contoh.id", `email_pengirim ${doc.email}`);
			assert(doc.uraian.includes("Rp50.000") && !doc.uraian.includes("<"), `uraian ${doc.uraian}`);
		});

		await check("its timeline holds the thread: the mail and the reporter's reply", async () => {
			const timeline = page.locator(`${FORM} .new-timeline`);
			await timeline.waitFor({ state: "visible" });
			await page.waitForFunction(
				(f) => document.querySelectorAll(`${f} .new-timeline .timeline-message-box`).length >= 2,
				FORM,
				{ timeout: 30000 }
			);
			const text = await timeline.innerText();
			assert(text.includes(E.subjek) && text.includes(`Re: ${E.subjek}`), `timeline: ${text.slice(0, 600)}`);
			assert(text.includes("dua warga lain"), "the reply's text is on the timeline");
			await page.locator(`${FORM} .new-timeline .timeline-message-box`).last().scrollIntoViewIfNeeded();
			await page.waitForTimeout(300);
			await page.screenshot({ path: `${SHOTS}desk-pengaduan-email.png` });
		});
	} finally {
		await context.close();
		await browser.close();
	}
});
