// The record explorer's live rows: on each entry the server streams, fetch the new rows as the
// server renders them (in the reader's language) and put them on top of the table.
"use strict";
(function () {
  const table = document.getElementById("entries");
  if (!table || !window.EventSource) return;
  const body = table.tBodies[0];
  let last = Number(table.dataset.last);
  let busy = false;
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      const response = await fetch("/record/rows?after=" + last, { credentials: "same-origin" });
      if (!response.ok) return;
      const holder = document.createElement("tbody");
      holder.innerHTML = await response.text();
      const rows = Array.from(holder.rows);
      for (const row of rows.reverse()) {
        const seq = Number(row.dataset.seq);
        if (seq > last) {
          row.classList.add("fresh");
          body.insertBefore(row, body.firstChild);
        }
      }
      for (const row of rows) last = Math.max(last, Number(row.dataset.seq));
      table.dataset.last = String(last);
    } finally {
      busy = false;
    }
  }
  const events = new EventSource("/api/v1/events/stream");
  events.addEventListener("entry", refresh);
  events.addEventListener("lagged", refresh);
})();
