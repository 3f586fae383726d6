// Pages that show changing data update themselves as entries are applied (server-sent events
// from /api/v1/events/stream). The record explorer takes the new rows, rendered by the server
// in the reader's language; any other live page (main[data-live]) fetches itself again and
// replaces its main content (or only its parts marked data-live-part, so that forms being
// filled in are kept), keeping the focus where it was when it can.
"use strict";
(function () {
  const main = document.querySelector("main[data-live]");
  if (!main || !window.EventSource) return;
  const table = document.getElementById("entries");
  const explorer = table && table.dataset.last !== undefined && document.getElementById("checkpoint");
  let busy = false;
  let again = false;

  async function newRows() {
    const body = table.tBodies[0];
    let last = Number(table.dataset.last);
    const response = await fetch("/record/rows?after=" + last, { credentials: "same-origin" });
    if (!response.ok) return;
    const holder = document.createElement("tbody");
    holder.innerHTML = await response.text();
    const rows = Array.from(holder.rows);
    for (const row of rows.reverse()) {
      if (Number(row.dataset.seq) > last) {
        row.classList.add("fresh");
        body.insertBefore(row, body.firstChild);
      }
    }
    for (const row of rows) last = Math.max(last, Number(row.dataset.seq));
    table.dataset.last = String(last);
  }

  async function wholePage() {
    const response = await fetch(location.href, { credentials: "same-origin" });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const next = fresh.querySelector("main[data-live]");
    if (!next) return;
    const focused = document.activeElement && document.activeElement.id;
    // A page with forms marks the parts that change (data-live-part, each with an id): when
    // the fresh page has the same parts, only they are replaced, so nothing typed is lost.
    const ids = (root) => Array.from(root.querySelectorAll("[data-live-part]"), (e) => e.id).join(" ");
    const same = ids(main) !== "" && ids(main) === ids(next);
    if (same) {
      for (const part of main.querySelectorAll("[data-live-part]")) {
        const fresher = fresh.getElementById(part.id);
        if (fresher) part.replaceWith(document.importNode(fresher, true));
      }
    } else {
      main.innerHTML = next.innerHTML;
    }
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      await (explorer ? newRows() : wholePage());
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  const events = new EventSource("/api/v1/events/stream");
  events.addEventListener("entry", refresh);
  events.addEventListener("lagged", refresh);
})();
