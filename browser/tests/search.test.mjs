// Full-text search in a real browser (issue 8): a delegate signs in on pages in Russian, types
// an inflected Russian word into the header's search box by keyboard, and finds the demo's
// statement on the 75th anniversary of Victory in both its Russian and English versions, the
// word marked in the Russian title; the English version's link opens the document. The page
// is checked for console errors, uncaught exceptions, CSP violations and failed requests, and
// saved as a full-page screenshot.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// This file's screenshots and server log go to a directory of their own (see
// secretariat.test.mjs); support.mjs reads the variable when it is loaded.
{
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const shared = path.resolve(
    repo,
    process.env.ACCORD_BROWSER_ARTIFACTS ||
      path.join(process.env.CARGO_TARGET_DIR || "target", "browser-artifacts"),
  );
  process.env.ACCORD_BROWSER_ARTIFACTS = path.join(shared, "search");
}
const { PASSWORD, clearScreenshots, launchBrowser, newContext, screenshot, startServer, watch } =
  await import("./support.mjs");

const STEP = { timeout: 60_000 };

const text = async (locator) => (await locator.textContent()).trim();

async function assertClean(watcher) {
  const problems = await watcher.check();
  assert.deepEqual(problems, [], `the page reported problems:\n${JSON.stringify(problems, null, 2)}`);
}

describe("Search in a browser", { timeout: 300_000 }, () => {
  let server;
  let browser;
  let context;

  before(async () => {
    clearScreenshots();
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    if (server) {
      const code = await server.stop();
      assert.equal(code, 0, `the server stopped on SIGTERM with exit code ${code}`);
    }
  });

  it("a delegate searches in Russian with an inflected word and finds both versions of a document", STEP, async () => {
    context = await newContext(browser, server.url, "ru-RU");
    const page = await context.newPage();
    const watcher = watch(page);
    assert.equal((await page.goto("/login?next=/home")).status(), 200);
    await page.locator("#username").fill("delegate.am");
    await page.locator("#password").fill(PASSWORD);
    await Promise.all([page.waitForURL("**/home"), page.locator("#password").press("Enter")]);
    await assertClean(watcher);

    // The header's search box, by keyboard: focus it, type, press Enter.
    const box = page.locator("header form[role=search] input[name=q]");
    await box.focus();
    await page.keyboard.type("заявлением");
    await Promise.all([page.waitForURL("**/search?q=*"), page.keyboard.press("Enter")]);
    assert.equal(await page.locator("html").getAttribute("lang"), "ru");
    assert.equal(await text(page.locator("main h1")), "Поиск");
    assert.equal(await page.locator("#s-q").inputValue(), "заявлением");

    const statement = page
      .locator("#search-results > li.hit")
      .filter({ hasText: "75-летием Победы" })
      // The document (its publication on the public site is found too, under /news/).
      .filter({ has: page.locator('a[href^="/documents/"]') })
      .first();
    const russian = statement.locator('li.hit-version[data-lang="ru"]');
    const english = statement.locator('li.hit-version[data-lang="en"]');
    assert.equal(await russian.count(), 1, "the Russian version is listed");
    assert.equal(await english.count(), 1, "the English version is listed");
    assert.equal(await russian.getAttribute("data-matched"), "");
    assert.equal(await text(russian.locator("a mark").first()), "Заявление");
    const englishLink = english.locator("a");
    assert.match(await text(englishLink), /^Statement of the foreign ministers of the CSTO member states/);
    await screenshot(page, "search-ru");
    await assertClean(watcher);

    // The English version's link opens the document.
    const href = await englishLink.getAttribute("href");
    assert.match(href, /^\/documents\/\d+$/);
    await Promise.all([page.waitForURL(`**${href}`), englishLink.click()]);
    assert.equal(await page.locator("main h1").count(), 1);
    await assertClean(watcher);
  });
});
