// The secretariat's work in a real browser (issue 5): a delegate proposes an amendment in
// Russian through the document page's form, by keyboard; heads of delegation decide in session
// by consensus and one objection keeps the document from being adopted; a silence procedure
// reaches its deadline and the page a reader keeps open shows the adoption without a reload.
// The Secretariat prepares everything through its own page forms. Every page is checked for
// console errors, uncaught exceptions, CSP violations and failed requests, and saved as a
// full-page screenshot.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// This file's screenshots and server log go to a directory of their own, so that running beside
// accord.test.mjs (in turn or at once) neither clears nor overwrites that file's artefacts.
// support.mjs reads the variable when it is loaded, hence the import below rather than at the top.
{
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const shared = path.resolve(
    repo,
    process.env.ACCORD_BROWSER_ARTIFACTS ||
      path.join(process.env.CARGO_TARGET_DIR || "target", "browser-artifacts"),
  );
  process.env.ACCORD_BROWSER_ARTIFACTS = path.join(shared, "secretariat");
}
const { PASSWORD, clearScreenshots, launchBrowser, newContext, screenshot, startServer, watch } =
  await import("./support.mjs");

const STEP = { timeout: 60_000 };
const ZONE = "Europe/Moscow";

/** The page's address without its fragment. */
const address = (page) => page.url().split("#")[0];

const STATUS_TEXT = { 401: "Unauthorized", 403: "Forbidden", 422: "Unprocessable Entity" };

/** A problem the console reports because the page itself answered `status`, on purpose. */
const expectedStatus = (page, status) => (p) =>
  p.kind === "console.error" &&
  p.url === address(page) &&
  p.text === `Failed to load resource: the server responded with a status of ${status} (${STATUS_TEXT[status]})`;

async function assertClean(watcher, allow) {
  const problems = await watcher.check(allow);
  assert.deepEqual(problems, [], `the page reported problems:\n${JSON.stringify(problems, null, 2)}`);
}

/** A local date-time in Moscow, as a `datetime-local` input takes it (to the second). */
function moscow(ms) {
  const local = new Intl.DateTimeFormat("sv-SE", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(new Date(ms));
  return local.replace(" ", "T");
}

const text = async (locator) => (await locator.textContent()).trim();

/** The texts of a table row's cells, header cells included. */
const cells = (row) => row.locator("th, td").allTextContents().then((all) => all.map((t) => t.trim()));

/**
 * Does `act` (which sends a form) and waits for the page the browser lands on; returns the
 * answer to the form's POST (the 303, or the refusal).
 */
async function submitting(page, act) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().isNavigationRequest()),
    page.waitForEvent("load"),
    act(),
  ]);
  return response;
}

/** Sends a form that must be accepted: a 303 back to a page that answers 200. */
async function accepted(page, act) {
  const response = await submitting(page, act);
  assert.equal(
    response.status(),
    303,
    `${response.url()} answers 303, not ${response.status()}: ${await text(page.locator("main"))}`,
  );
  const landed = await response.request().redirectedTo()?.response();
  assert.equal(landed?.status(), 200, `the page the form sends back to answers 200`);
  return response;
}

/** The record's number at the end of the page's address (`/documents/7` → 7). */
function idIn(page, prefix) {
  const { pathname } = new URL(page.url());
  assert.ok(pathname.startsWith(prefix), `${pathname} is under ${prefix}`);
  const id = Number(pathname.slice(prefix.length));
  assert.ok(Number.isInteger(id) && id > 0, `${pathname} names a record`);
  return id;
}

describe("The secretariat's work in a browser", { timeout: 600_000 }, () => {
  let server;
  let browser;
  const contexts = [];

  before(async () => {
    clearScreenshots();
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    if (server) {
      const code = await server.stop();
      assert.equal(code, 0, `the server stopped on SIGTERM with exit code ${code}`);
    }
  });

  /**
   * A browser of its own for `username`, speaking `locale`, signed in through /login and sent
   * on to `next` (as following a link to a page that asks to sign in does).
   */
  async function signIn(username, locale, next) {
    const context = await newContext(browser, server.url, locale);
    contexts.push(context);
    const page = await context.newPage();
    const watcher = watch(page);
    const response = await page.goto(`/login?next=${next}`);
    assert.equal(response.status(), 200);
    await page.locator("#username").fill(username);
    await page.locator("#password").fill(PASSWORD);
    await assertClean(watcher);
    // The page landed on is checked by the test that reads it.
    await Promise.all([page.waitForURL(`**${next}`), page.locator("#password").press("Enter")]);
    assert.equal(new URL(page.url()).pathname, next);
    return { context, page, watcher, username };
  }

  /** Opens `path` and expects it to answer 200 in `lang`. */
  async function visit({ page }, path, lang) {
    const response = await page.goto(path);
    assert.equal(response.status(), 200, `${path} answers 200`);
    assert.equal(await page.locator("html").getAttribute("lang"), lang);
  }

  let secretariat;

  /** The Secretariat registers a statement for the foreign ministers; returns its number. */
  async function registerStatement(titleRu, titleEn) {
    const { page, watcher } = secretariat;
    await visit(secretariat, "/documents", "en");
    const form = page.locator("#register-form");
    await form.locator("#d-type").selectOption("statement");
    await form.locator("#d-title-ru").fill(titleRu);
    await form.locator("#d-title-en").fill(titleEn);
    await form.locator("#d-sponsor").selectOption("secretariat");
    await form.locator("#d-body").selectOption("cfm");
    await form.locator("#d-class").selectOption("restricted");
    await form.locator("#d-text-ru").fill("Министры заявляют.\n\nПамять священна.");
    await form.locator("#d-text-en").fill("The ministers declare.\n\nMemory is sacred.");
    await accepted(page, () => form.getByRole("button", { name: "Register" }).click());
    const id = idIn(page, "/documents/");
    assert.equal(await text(page.locator("main h1")), titleEn);
    assert.equal(await text(page.locator("#document-status")), "draft");
    await assertClean(watcher);
    return id;
  }

  describe("a delegate", () => {
    let delegate;
    let document;

    before(async () => {
      secretariat = await signIn("secretariat", "en-GB", "/documents");
      document = await registerStatement("Заявление о дружбе народов", "Statement on the friendship of peoples");
      delegate = await signIn("delegate.by", "ru-RU", `/documents/${document}`);
    });

    it("finds the document's amendment form in Russian, with no amendments yet", STEP, async () => {
      const { page, watcher } = delegate;
      assert.equal(await page.locator("html").getAttribute("lang"), "ru");
      assert.equal(await text(page.locator("main h1")), "Заявление о дружбе народов");
      assert.equal(await text(page.locator("#document-status")), "проект");
      assert.equal(await text(page.locator("#amendments-live p")), "Поправок не поступало.");
      assert.equal(await page.locator("#amendments").count(), 0);
      assert.equal(await text(page.locator("#propose")), "Внести поправку");
      assert.equal(await page.locator("#propose-form").count(), 1);
      await screenshot(page, "amendment-form-ru");
      await assertClean(watcher);
    });

    it("proposes an amendment in Russian by keyboard, and sees it in the amendments table", STEP, async () => {
      const { page, watcher } = delegate;
      const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
      const tab = async (expected) => {
        await page.keyboard.press("Tab");
        assert.equal(await focused(), expected, `Tab reaches #${expected}`);
      };
      // From the paragraph: the arrow keys choose paragraph 2, then each field is one Tab on.
      await page.locator("#a-paragraph").focus();
      assert.equal(await page.locator("#a-paragraph").inputValue(), "1", "paragraph 1 is offered first");
      await page.keyboard.press("ArrowDown");
      assert.equal(await page.locator("#a-paragraph").inputValue(), "2");
      await tab("a-op-replace");
      await page.keyboard.press("Space");
      assert.equal(await page.locator("#a-op-replace").isChecked(), true, "Space chooses the operation");
      await tab("a-text-ru");
      await page.keyboard.type("Память о подвиге народов священна.");
      await tab("a-text-en");
      await tab("a-rationale-ru");
      await page.keyboard.type("Уточнение формулировки.");
      await tab("a-rationale-en");
      await page.keyboard.press("Tab");
      const button = await page.evaluate(() => {
        const el = document.activeElement;
        return { tag: el.tagName, type: el.type, text: el.textContent.trim(), form: el.form?.id };
      });
      assert.deepEqual(button, { tag: "BUTTON", type: "submit", text: "Внести поправку", form: "propose-form" });
      await accepted(page, () => page.keyboard.press("Enter"));

      assert.equal(new URL(page.url()).pathname, `/documents/${document}`, "back on the document");
      assert.equal(await page.locator("html").getAttribute("lang"), "ru");
      const heads = await page.locator("#amendments thead th").allTextContents();
      assert.deepEqual(heads.map((h) => h.trim()), [
        "№",
        "Вносит",
        "К редакции",
        "Абзац",
        "Действие",
        "Предлагаемый текст",
        "Обоснование",
        "Статус",
      ]);
      const rows = page.locator("#amendments tbody tr");
      assert.equal(await rows.count(), 1, "one amendment");
      const [number, ...rest] = await cells(rows.first());
      assert.match(number, /^\d+$/);
      assert.equal(await rows.first().getAttribute("id"), `amendment-${number}`);
      assert.deepEqual(rest, [
        "Беларусь",
        "1",
        "2",
        "изложить абзац в новой редакции",
        "Память о подвиге народов священна.",
        "Уточнение формулировки.",
        "на рассмотрении",
      ]);
      // The draft is still a draft, and may be amended again.
      assert.equal(await text(page.locator("#document-status")), "проект");
      assert.equal(await page.locator("#propose-form").count(), 1);
      await screenshot(page, "amendment-proposed-ru");
      await assertClean(watcher);
    });

    it("leaves the amendment for the Secretariat to accept or reject", STEP, async () => {
      const { page, watcher } = secretariat;
      await visit(secretariat, `/documents/${document}`, "en");
      const row = page.locator("#amendments tbody tr");
      assert.equal(await row.count(), 1);
      assert.deepEqual((await cells(row)).slice(1, 3), ["Belarus", "1"]);
      // No English was given: the Russian is shown, marked as such, and nothing is made up.
      assert.equal(
        await text(row.locator("td.amendment-text")),
        "Память о подвиге народов священна. (no en text; shown in the authentic language)",
      );
      const number = (await text(row.locator("th")));
      assert.equal(await page.locator(`#version-form input[name="amendment-${number}"]`).count(), 2);
      await assertClean(watcher);
    });
  });

  describe("heads of delegation in a consensus procedure", () => {
    const HEADS = [
      { user: "head.am", state: "Армения", position: "agree", shown: "согласна" },
      { user: "head.by", state: "Беларусь", position: "agree", shown: "согласна" },
      {
        user: "head.kz",
        state: "Казахстан",
        position: "object",
        reason: "Текст требует дополнительного согласования.",
        shown: "возражает: Текст требует дополнительного согласования.",
      },
      { user: "head.kg", state: "Кыргызстан", position: "abstain", shown: "воздерживается" },
      { user: "head.ru", state: "Россия", position: "agree", shown: "согласна" },
      { user: "head.tj", state: "Таджикистан", position: "agree", shown: "согласна" },
    ];
    let session;
    let document;
    let procedure;

    before(async () => {
      secretariat ??= await signIn("secretariat", "en-GB", "/documents");
    });

    it("the Secretariat schedules a foreign ministers' session with a statement on its agenda", STEP, async () => {
      const { page, watcher } = secretariat;
      document = await registerStatement("Заявление министров", "Statement of the ministers");

      await visit(secretariat, "/sessions", "en");
      const form = page.locator("#schedule-form");
      const tomorrow = Date.now() + 24 * 3600_000;
      await form.locator("#s-body").selectOption("cfm");
      await form.locator("#s-number").fill("71");
      await form.locator("#s-title-ru").fill("Заседание Совета министров иностранных дел");
      await form.locator("#s-title-en").fill("Meeting of the Council of Foreign Ministers");
      await form.locator("#s-start").fill(moscow(tomorrow));
      await form.locator("#s-end").fill(moscow(tomorrow + 2 * 3600_000));
      assert.equal(await form.locator("#s-zone").inputValue(), ZONE);
      await form.locator("#s-link").fill("https://vc.example.org/cfm");
      await accepted(page, () => form.getByRole("button", { name: "Schedule" }).click());
      session = idIn(page, "/sessions/");
      assert.equal(await text(page.locator("main h1")), "Meeting of the Council of Foreign Ministers");
      assert.equal(await text(page.locator("#session-status")), "planned");
      await assertClean(watcher);

      const item = page.locator("#add-item-form");
      await item.locator("#i-title-ru").fill("О заявлении министров");
      await item.locator("#i-title-en").fill("On the statement of the ministers");
      await item.locator("#i-docs").selectOption(String(document));
      await accepted(page, () => item.getByRole("button", { name: "Add the item" }).click());
      assert.equal(new URL(page.url()).pathname, `/sessions/${session}`);
      assert.equal(
        await text(page.locator(`#item-1 a[href="/documents/${document}"]`)),
        "Statement of the ministers",
      );
      await assertClean(watcher);
    });

    it("the Secretariat convenes the session and opens a consensus procedure on the item", STEP, async () => {
      const { page, watcher } = secretariat;
      await accepted(page, () => page.getByRole("button", { name: "Convene", exact: true }).click());
      assert.equal(await text(page.locator("#session-status")), "in session");
      const open = page.locator(`form[action="/sessions/${session}/items/1/procedures"]`);
      await open.locator("#p-doc-1").selectOption(String(document));
      await open.locator("#p-rule-1").selectOption("consensus");
      await accepted(page, () => open.getByRole("button", { name: "Open the procedure" }).click());
      const link = page.locator(`#item-1 a[href^="/documents/${document}#procedure-"]`);
      procedure = Number((await link.getAttribute("href")).split("#procedure-")[1]);
      assert.ok(procedure > 0);
      assert.match(await text(link), /consensus/);
      await screenshot(page, "session-convened-en");
      await assertClean(watcher);

      await visit(secretariat, `/documents/${document}`, "en");
      assert.equal(await text(page.locator("#document-status")), "under procedure");
      assert.equal(await text(page.locator(`#procedure-${procedure} .procedure-state`)), "open");
      assert.equal(await page.locator(`#positions-${procedure} td.pending`).count(), 6, "six delegations to speak");
      await assertClean(watcher);
    });

    it("the Secretariat cannot close while delegations have not spoken", STEP, async () => {
      const { page, watcher } = secretariat;
      const close = page.locator(`#close-form-${procedure}`);
      page.once("dialog", (dialog) => {
        assert.equal(dialog.type(), "confirm");
        assert.equal(dialog.message(), "Close the procedure and record the decision?");
        dialog.accept();
      });
      const response = await submitting(page, () => close.getByRole("button").click());
      assert.equal(response.status(), 422);
      assert.equal(await text(page.locator("main h1")), "The request is not valid");
      assert.match(await text(page.locator("#rule")), /procedure\.positions_missing/);
      await screenshot(page, "close-refused-en");
      await assertClean(watcher, expectedStatus(page, 422));
    });

    it("each head states the delegation's position in Russian; Kazakhstan objects", STEP, async () => {
      for (const head of HEADS) {
        const reader = await signIn(head.user, "ru-RU", `/documents/${document}`);
        const { page, watcher } = reader;
        assert.equal(await page.locator("html").getAttribute("lang"), "ru");
        const form = page.locator(`#position-form-${procedure}`);
        assert.equal(await text(form.locator("legend")), "Позиция вашей делегации");
        const label = { agree: "согласна", object: "возражает", abstain: "воздерживается" }[head.position];
        await form.getByLabel(label, { exact: true }).check();
        if (head.reason) {
          // The objection's reason, typed into the Russian field the form names for it.
          await form.getByLabel("Оговорка, заявление или причина (Русский)").fill(head.reason);
        }
        await accepted(page, () => form.getByRole("button", { name: "Заявить позицию" }).click());
        assert.equal(new URL(page.url()).hash, `#procedure-${procedure}`);
        const row = page.locator(`#positions-${procedure} tbody tr`).filter({
          has: page.locator("th", { hasText: head.state }),
        });
        assert.deepEqual(await cells(row), [head.state, head.shown]);
        if (head.reason) await screenshot(page, "objection-ru");
        await assertClean(watcher);
        await reader.context.close();
      }
    });

    it("the Secretariat closes the procedure: not adopted, with the objection", STEP, async () => {
      const { page, watcher } = secretariat;
      await visit(secretariat, `/documents/${document}`, "en");
      assert.equal(await page.locator(`#positions-${procedure} td.pending`).count(), 0, "everyone has spoken");
      page.once("dialog", (dialog) => dialog.accept());
      await accepted(page, () => page.locator(`#close-form-${procedure}`).getByRole("button").click());
      assert.equal(new URL(page.url()).pathname, `/documents/${document}`);
      assert.equal(
        await text(page.locator(`#procedure-${procedure} .procedure-state`)),
        "not adopted: objection by Kazakhstan",
      );
      assert.equal(await text(page.locator("#document-status")), "draft");
      assert.equal(await page.locator(`#close-form-${procedure}`).count(), 0, "closed for good");
      await screenshot(page, "not-adopted-en");
      await assertClean(watcher);
    });

    it("a delegate reads in Russian that the document was not adopted, and why", STEP, async () => {
      const reader = await signIn("delegate.am", "ru-RU", `/documents/${document}`);
      const { page, watcher } = reader;
      assert.equal(await page.locator("html").getAttribute("lang"), "ru");
      const section = page.locator(`#procedure-${procedure}`);
      assert.equal(await text(section.locator("h2")), `Процедура ${procedure}: консенсус`);
      assert.equal(await text(section.locator(".procedure-state")), "не принят: возражение — Казахстан");
      const objection = section.locator("tbody tr").filter({ has: page.locator("th", { hasText: "Казахстан" }) });
      assert.deepEqual(await cells(objection), ["Казахстан", "возражает: Текст требует дополнительного согласования."]);
      assert.equal(await text(page.locator("#document-status")), "проект");
      assert.equal(await page.locator("#decision-link").count(), 0, "no decision adopts the document");
      assert.equal(await page.locator(`#position-form-${procedure}`).count(), 0);
      await screenshot(page, "not-adopted-ru");
      await assertClean(watcher);

      // The decision record says the same.
      await Promise.all([
        page.waitForURL(`**/decisions/${procedure}`),
        section.getByRole("link", { name: `Решение ${procedure}` }).click(),
      ]);
      assert.equal(await text(page.locator("#decision-outcome")), "не принят: возражение — Казахстан");
      assert.match(await text(page.locator("#decision-positions")), /Текст требует дополнительного согласования\./);
      assert.equal(await page.locator("#signatures").count(), 0, "nothing to sign");
      await screenshot(page, "decision-not-adopted-ru");
      await assertClean(watcher);
      await reader.context.close();
    });
  });

  describe("a silence procedure", () => {
    let reader;
    let document;
    let deadline;

    before(async () => {
      secretariat ??= await signIn("secretariat", "en-GB", "/documents");
    });

    it("is launched by the Secretariat with a deadline twenty seconds ahead", STEP, async () => {
      const { page, watcher } = secretariat;
      document = await registerStatement("Заявление по умолчанию", "Statement by silence");
      const form = page.locator("#silence-form");
      // Whole seconds: the form takes a local time to the second.
      deadline = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
      await form.locator("#sl-deadline").fill(moscow(deadline));
      assert.equal(await form.locator("#sl-zone").inputValue(), ZONE);
      await accepted(page, () => form.getByRole("button", { name: "Launch" }).click());
      assert.equal(new URL(page.url()).pathname, `/documents/${document}`);
      assert.equal(await text(page.locator("#document-status")), "under procedure");
      assert.equal(await page.locator(".countdown[data-deadline]").count(), 1);
      await screenshot(page, "silence-launched-en");
      await assertClean(watcher);
    });

    it("shows a delegate the deadline, in Moscow time and counting down", STEP, async () => {
      reader = await signIn("delegate.kg", "ru-RU", `/documents/${document}`);
      const { page, watcher } = reader;
      await screenshot(page, "silence-open-ru");
      assert.ok(Date.now() < deadline - 5_000, "the page is open well before the deadline");
      assert.equal(await page.locator("html").getAttribute("lang"), "ru");
      assert.equal(await text(page.locator("#document-status")), "на рассмотрении");
      const section = page.locator("section.procedure");
      assert.equal(await section.count(), 1);
      assert.match(await text(section.locator("h2")), /^Процедура \d+: процедура умолчания$/);
      assert.equal(await text(section.locator(".procedure-state")), "идёт");
      // The deadline as set, in its zone, and the instant the countdown counts to.
      const local = moscow(deadline).replace("T", " ");
      assert.ok(
        (await text(section.locator(".deadline"))).startsWith(`${local} ${ZONE} (UTC+03:00); `),
        "the deadline in Moscow time, to the second",
      );
      const countdown = section.locator(".countdown[data-deadline]");
      assert.equal(await countdown.count(), 1);
      assert.equal(Date.parse(await countdown.getAttribute("data-deadline")), deadline);
      // The page's scripts ran without an error (the countdown is one of them).
      await assertClean(watcher);
      // The reader's own time is filled in (the page sends the time in UTC until then).
      const own = section.locator("time[data-local-time]");
      assert.notEqual(await text(own), new Date(deadline).toISOString().replace("T", " ").replace(".000Z", " UTC"));
      // The countdown shows the time left, and counts.
      const left = countdown.locator(".left");
      const first = await text(left);
      assert.match(first, /^0 мин \d{1,2} с$/, "the time left, in Russian");
      await page.waitForFunction(
        (was) => document.querySelector(".countdown .left")?.textContent.trim() !== was,
        first,
        { timeout: 3_000 },
      );
      assert.match(await text(left), /^0 мин \d{1,2} с$/);
      await screenshot(page, "silence-countdown-ru");
      await assertClean(watcher);
    });

    it("ends at the deadline and the open page shows the adoption without a reload", { timeout: 90_000 }, async (t) => {
      const { page, watcher } = reader;
      assert.equal(new URL(page.url()).pathname, `/documents/${document}`, "the page is still open");
      assert.equal(await text(page.locator("#document-status")), "на рассмотрении", "not adopted yet");
      // A mark on this document: a reload or a navigation would lose it.
      await page.evaluate(() => {
        window.__stay = 1;
      });
      const seen = await page
        .waitForFunction(
          () => document.getElementById("document-status")?.textContent.trim() === "принят" && Date.now(),
          null,
          { timeout: 40_000, polling: 100 },
        )
        .then((handle) => handle.jsonValue());
      assert.ok(seen >= deadline, `adopted at the deadline, not ${deadline - seen} ms before it`);
      assert.ok(seen - deadline < 10_000, `shown ${seen - deadline} ms after the deadline`);
      assert.equal(await page.evaluate(() => window.__stay), 1, "the page was not reloaded");
      assert.equal(new URL(page.url()).pathname, `/documents/${document}`);

      const procedure = page.locator("section.procedure");
      assert.equal(await text(procedure.locator(".procedure-state")), "принят");
      const id = (await procedure.getAttribute("id")).replace("procedure-", "");
      assert.equal(await text(page.locator("#decision-link")), `Решение ${id}`);
      assert.equal(await page.locator(".countdown").count(), 0, "the countdown is gone");
      assert.ok(
        (await text(procedure.locator("dl"))).includes(`${moscow(deadline).replace("T", " ")} ${ZONE}`),
        "the deadline it ended at is still shown",
      );
      // Adopted, the document takes no more amendments.
      assert.equal(await page.locator("#propose-form").count(), 0);
      await screenshot(page, "silence-adopted-ru");
      await assertClean(watcher);
      t.diagnostic(`the open page showed the adoption ${seen - deadline} ms after the deadline`);
    });
  });
});
