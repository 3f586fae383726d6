// Accord in a real browser: a delegate signs in on pages in Russian, switches to English on the
// same page, opens the record explorer, sees a new entry appear there live, and opens an entry
// whose inclusion proof the page verifies; anonymous readers are refused the workspace in their
// own language. Every page is checked for
// console errors, uncaught exceptions, CSP violations and failed requests, for its skip link by
// keyboard, and saved as a full-page screenshot (see support.mjs for where).

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import {
  PASSWORD,
  clearScreenshots,
  launchBrowser,
  newContext,
  screenshot,
  startServer,
  watch,
} from "./support.mjs";

const DELEGATE = "delegate.am";
const STEP = { timeout: 60_000 };

/** Cyrillic letters: what an English page must not show outside text marked `lang="ru"`. */
const CYRILLIC = /[\u0400-\u04FF]/;

/** The page's language, its path and its first heading. */
async function where(page) {
  return {
    lang: await page.locator("html").getAttribute("lang"),
    path: new URL(page.url()).pathname,
    h1: (await page.locator("main h1").first().textContent())?.trim(),
  };
}

/** Goes to `path`, expects the page to answer `status`, and tells where it landed. */
async function visit(page, path, status = 200) {
  const response = await page.goto(path);
  assert.equal(response.status(), status, `${path} answers ${status}`);
  return where(page);
}

/** The page's text outside elements marked as Russian (such as the language switch's name). */
function unmarkedRussian(page) {
  return page.evaluate((pattern) => {
    const cyrillic = new RegExp(pattern);
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (!text || !cyrillic.test(text)) continue;
      const marked = node.parentElement.closest("[lang]");
      if (!marked || marked.getAttribute("lang") !== "ru") found.push(text);
    }
    return found;
  }, CYRILLIC.source);
}

/**
 * Tab from the top of a freshly loaded page reaches the skip link first, the link shows itself
 * when focused, and following it puts the focus on `main`.
 */
async function skipLinkWorks(page, label) {
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName,
      className: el.className,
      href: el.getAttribute("href"),
      text: el.textContent.trim(),
      visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 &&
        box.right <= window.innerWidth && box.bottom <= window.innerHeight,
    };
  });
  assert.deepEqual(
    first,
    { tag: "A", className: "skip", href: "#main", text: label, visible: true },
    "the first Tab reaches the visible skip link",
  );
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "main", null, { timeout: 5_000 });
}

/**
 * The contrast ratio (WCAG 2) of each element's text with the background it is painted on (the
 * first opaque background among the element and its ancestors).
 */
function contrasts(locator) {
  return locator.evaluateAll((elements) => {
    const rgba = (css) => {
      const [r, g, b, a = 1] = css.match(/[\d.]+/g).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
      const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    return elements.map((el) => {
      let back = { r: 255, g: 255, b: 255, a: 1 };
      for (let at = el; at; at = at.parentElement) {
        const bg = rgba(getComputedStyle(at).backgroundColor);
        if (bg.a > 0.5) {
          back = bg;
          break;
        }
      }
      const [hi, lo] = [luminance(rgba(getComputedStyle(el).color)), luminance(back)].sort((x, y) => y - x);
      return { text: el.textContent.trim(), ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 };
    });
  });
}

/** The page's address without its fragment (the skip link adds `#main`). */
const address = (page) => page.url().split("#")[0];

/** A problem the console reports because the page itself answered `status`, on purpose. */
const expectedStatus = (page, status) => (p) =>
  p.kind === "console.error" &&
  p.url === address(page) &&
  p.text === `Failed to load resource: the server responded with a status of ${status} (${
    { 401: "Unauthorized", 403: "Forbidden" }[status]
  })`;

async function assertClean(watcher, allow) {
  const problems = await watcher.check(allow);
  assert.deepEqual(problems, [], `the page reported problems:\n${JSON.stringify(problems, null, 2)}`);
}

describe("Accord in a browser", { timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    clearScreenshots();
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (server) {
      const code = await server.stop();
      assert.equal(code, 0, `the server stopped on SIGTERM with exit code ${code}`);
    }
  });

  describe("a delegate", () => {
    let context;
    let page;
    let watcher;

    before(async () => {
      context = await newContext(browser, server.url, "ru-RU");
      page = await context.newPage();
      watcher = watch(page);
    });

    after(async () => {
      await context?.close();
    });

    it("finds the public home page in Russian", STEP, async () => {
      const here = await visit(page, "/");
      assert.equal(here.lang, "ru");
      assert.equal(here.path, "/");
      assert.equal(here.h1, "Организация Договора о коллективной безопасности");
      assert.equal(await page.title(), "Организация Договора о коллективной безопасности · ОДКБ");
      const nav = page.getByRole("navigation", { name: "Главное меню" });
      await nav.getByRole("link", { name: "Реестр записей", exact: true }).waitFor();
      assert.equal(await page.locator("nav.langs strong[aria-current]").textContent(), "Русский");
      assert.equal((await page.locator("#sign-in").textContent()).trim(), "Войти");
      await screenshot(page, "home-ru");
      await skipLinkWorks(page, "Перейти к содержанию");
      await assertClean(watcher);
    });

    it("is refused with a wrong password, in Russian", STEP, async () => {
      await page.locator("#sign-in").click();
      await page.waitForURL("**/login");
      const here = await where(page);
      assert.deepEqual([here.lang, here.h1], ["ru", "Вход"]);
      // The form is ready for the keyboard: the user name has the focus.
      assert.equal(await page.evaluate(() => document.activeElement?.id), "username");
      await page.keyboard.type(DELEGATE);
      await page.keyboard.press("Tab");
      await page.keyboard.type(`${PASSWORD}-wrong`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.keyboard.press("Enter"),
      ]);
      assert.equal(response.status(), 401);
      await page.waitForLoadState();
      assert.equal(
        (await page.locator("#login-error").textContent()).trim(),
        "Неверное имя пользователя или пароль.",
      );
      assert.equal(await page.locator("#username").inputValue(), DELEGATE, "the user name is kept");
      await screenshot(page, "login-failed-ru");
      await assertClean(watcher, expectedStatus(page, 401));
    });

    it("signs in by keyboard and lands on the workspace, in Russian", STEP, async () => {
      await page.locator("#password").focus();
      await page.keyboard.type(PASSWORD);
      await Promise.all([page.waitForURL("**/home"), page.keyboard.press("Enter")]);
      const here = await where(page);
      assert.deepEqual([here.lang, here.path, here.h1], ["ru", "/home", "Моё рабочее место"]);
      assert.equal((await page.locator(".who .account").textContent()).trim(), `Вы вошли как ${DELEGATE}`);
      assert.equal((await page.locator(".who .affiliation").textContent()).trim(), "Делегация: Армения");
      const current = page.locator('header nav a[aria-current="page"]');
      assert.equal((await current.textContent()).trim(), "Моё рабочее место");
      await screenshot(page, "workspace-ru");
      await skipLinkWorks(page, "Перейти к содержанию");
      await assertClean(watcher);
    });

    it("switches to English and stays on the same page", STEP, async () => {
      const english = page.locator('nav.langs a[hreflang="en"]');
      assert.equal(await english.getAttribute("href"), "/lang/en?next=/home");
      await Promise.all([page.waitForURL("**/home"), english.click()]);
      const here = await where(page);
      assert.deepEqual([here.lang, here.path, here.h1], ["en", "/home", "My workspace"]);
      assert.equal((await page.locator(".who .account").textContent()).trim(), `Signed in as ${DELEGATE}`);
      assert.equal((await page.locator(".who .affiliation").textContent()).trim(), "Delegation of Armenia");
      assert.equal(await page.locator("nav.langs strong[aria-current]").textContent(), "English");
      assert.deepEqual(await unmarkedRussian(page), [], "no Russian text left on the English page");
      await screenshot(page, "workspace-en");
      await assertClean(watcher);
    });

    it("opens the record explorer, which lists entries", STEP, async () => {
      const nav = page.getByRole("navigation", { name: "Main" });
      await Promise.all([
        page.waitForURL("**/record"),
        nav.getByRole("link", { name: "Record", exact: true }).click(),
      ]);
      const here = await where(page);
      assert.deepEqual([here.lang, here.path, here.h1], ["en", "/record", "The record"]);
      const heads = await page.locator("table#entries thead th").allTextContents();
      assert.deepEqual(heads, ["No.", "Kind", "Time (UTC)", "Actor", "Classification"]);
      const rows = page.locator("table#entries tbody tr");
      assert.ok((await rows.count()) >= 1, "the explorer lists at least one entry");
      for (const seq of await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.seq))) {
        assert.match(seq, /^\d+$/);
      }
      assert.deepEqual(await unmarkedRussian(page), [], "no Russian text left on the English page");
      await screenshot(page, "record-en");
      await skipLinkWorks(page, "Skip to content");
      await assertClean(watcher);
    });

    it("sees a new entry appear in the explorer without a reload", STEP, async () => {
      // A mark on this document: a reload would lose it.
      await page.evaluate(() => { window.accordNoReload = true; });
      const written = await page.evaluate(async () => {
        const csrf = document.querySelector('form[action="/logout"] input[name="csrf"]').value;
        const response = await fetch("/api/v1/notes", {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": csrf },
          body: JSON.stringify({ text: { ru: "Запись из браузера", en: "A note from the browser" } }),
        });
        return { status: response.status, body: await response.json() };
      });
      assert.equal(written.status, 201, JSON.stringify(written.body));
      const row = page.locator(`table#entries tbody tr[data-seq="${written.body.first}"]`);
      await row.waitFor({ timeout: 10_000 });
      assert.equal((await row.locator("td").nth(1).textContent()).trim(), "Note recorded");
      assert.equal(await page.evaluate(() => window.accordNoReload), true, "the page was not reloaded");
      await screenshot(page, "record-live-en");
      await assertClean(watcher);
    });

    it("opens an entry and sees its proof verified in the page", STEP, async () => {
      // The oldest entry listed: a signed checkpoint covers it by now.
      const link = page.locator("table#entries tbody tr").last().locator("td a").first();
      const seq = (await link.textContent()).trim();
      await Promise.all([page.waitForURL(`**/record/${seq}`), link.click()]);
      const here = await where(page);
      assert.deepEqual([here.lang, here.path], ["en", `/record/${seq}`]);
      assert.ok(await page.locator("#proof").count(), "the entry page carries the inclusion proof");
      const status = page.locator("#proof-status");
      await page.locator('#proof-status[data-state="ok"]').waitFor({ timeout: 15_000 });
      assert.equal(
        (await status.textContent()).trim(),
        "Verified: the entry is in the log under the signed checkpoint.",
      );
      await screenshot(page, `entry-${seq}-en`);
      await skipLinkWorks(page, "Skip to content");
      await assertClean(watcher);
    });

    it("sees a tampered proof reported as not verified", STEP, async () => {
      // The same page with the checkpoint's root changed on the way: the check must fail.
      const url = address(page);
      await page.route(url, async (route) => {
        const response = await route.fetch();
        const html = await response.text();
        const tampered = html.replace(/data-root="([A-Za-z0-9+/])/, (_, c) =>
          `data-root="${c === "A" ? "B" : "A"}`);
        assert.notEqual(tampered, html, "the page has a root to tamper with");
        await route.fulfill({ response, body: tampered });
      });
      await page.goto(url);
      await page.locator('#proof-status[data-state="bad"]').waitFor({ timeout: 15_000 });
      assert.match(await page.locator("#proof-status").textContent(), /^NOT verified/);
      await page.unroute(url);
      await screenshot(page, "entry-tampered-en");
      await assertClean(watcher);
    });

    it("reads the organisation page", STEP, async () => {
      const here = await visit(page, "/organisation");
      assert.deepEqual([here.lang, here.h1], ["en", "Collective Security Treaty Organization"]);
      assert.ok((await page.locator("table#members tbody tr").count()) >= 1, "the member states are listed");
      await screenshot(page, "organisation-en");
      assert.deepEqual(await unmarkedRussian(page), [], "no Russian text left on the English page");
      await skipLinkWorks(page, "Skip to content");
      await assertClean(watcher);
    });

    it("reads the API reference", STEP, async () => {
      const here = await visit(page, "/api/v1/docs");
      assert.deepEqual([here.lang, here.h1], ["en", "API reference"]);
      // Swagger UI renders the operations from the OpenAPI document.
      await page.locator("#swagger-ui .opblock").first().waitFor({ timeout: 20_000 });
      assert.ok((await page.locator("#swagger-ui .opblock").count()) >= 5, "the operations are shown");
      // The API's version badges stay legible under Accord's own stylesheet.
      const badges = await contrasts(page.locator("#swagger-ui .info .title pre.version"));
      assert.equal(badges.length, 2, "the API version and the OpenAPI version");
      for (const badge of badges) {
        assert.ok(badge.ratio >= 2, `badge "${badge.text}" is legible: ${JSON.stringify(badge)}`);
      }
      await screenshot(page, "api-docs-en");
      await skipLinkWorks(page, "Skip to content");
      await assertClean(watcher);
    });

    it("is refused the administration page, without an offer to sign in", STEP, async () => {
      const here = await visit(page, "/admin", 403);
      assert.deepEqual([here.lang, here.h1], ["en", "Access refused"]);
      assert.equal(await page.getByRole("link", { name: "Sign in to continue." }).count(), 0);
      await screenshot(page, "admin-refused-en");
      await assertClean(watcher, expectedStatus(page, 403));
    });
  });

  for (const reader of [
    { locale: "ru-RU", lang: "ru", title: "Доступ запрещён", signIn: "Войдите, чтобы продолжить.", skip: "Перейти к содержанию" },
    { locale: "en-GB", lang: "en", title: "Access refused", signIn: "Sign in to continue.", skip: "Skip to content" },
  ]) {
    it(`refuses an anonymous reader (${reader.locale}) the workspace, in their language`, STEP, async () => {
      const context = await newContext(browser, server.url, reader.locale);
      try {
        const page = await context.newPage();
        const watcher = watch(page);
        const here = await visit(page, "/home", 403);
        assert.deepEqual([here.lang, here.path, here.h1], [reader.lang, "/home", reader.title]);
        // The workspace is not offered to the public, but signing in is.
        assert.equal(await page.locator('header nav a[href="/home"]').count(), 0);
        const signIn = page.getByRole("link", { name: reader.signIn, exact: true });
        assert.equal(await signIn.getAttribute("href"), "/login?next=/home");
        await screenshot(page, `home-refused-${reader.lang}`);
        await skipLinkWorks(page, reader.skip);
        await assertClean(watcher, expectedStatus(page, 403));
      } finally {
        await context.close();
      }
    });
  }
});
