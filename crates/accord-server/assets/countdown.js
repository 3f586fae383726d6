// Silence deadlines: every element with data-deadline (a UTC instant, RFC 3339) gets the time
// left, updated every second, in the page's language; elements with data-local-time show the
// instant in the reader's own time zone. The countdown's region announces politely (its
// aria-live is set in the page) and only on the minute, so screen readers are not flooded.
"use strict";
(function () {
  const lang = document.documentElement.lang || "en";
  const words = {
    ru: { d: "д", h: "ч", m: "мин", s: "с", over: "Срок истёк" },
    en: { d: "d", h: "h", m: "min", s: "s", over: "The deadline has passed" },
  }[lang] || { d: "d", h: "h", m: "min", s: "s", over: "The deadline has passed" };

  function left(ms) {
    if (ms <= 0) return words.over;
    let s = Math.floor(ms / 1000);
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    const parts = [];
    if (d) parts.push(d + " " + words.d);
    if (d || h) parts.push(h + " " + words.h);
    parts.push(m + " " + words.m);
    parts.push(s + " " + words.s);
    return parts.join(" ");
  }

  function localTimes() {
    for (const el of document.querySelectorAll("[data-local-time]")) {
      const when = new Date(el.dataset.localTime);
      // Explicit fields: browsers refuse timeZoneName beside dateStyle/timeStyle.
      if (!isNaN(when)) {
        el.textContent = when.toLocaleString(lang, {
          year: "numeric", month: "short", day: "numeric",
          hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short",
        });
      }
    }
  }

  function tick() {
    const now = Date.now();
    for (const el of document.querySelectorAll("[data-deadline]")) {
      const deadline = Date.parse(el.dataset.deadline);
      if (isNaN(deadline)) continue;
      const visible = el.querySelector(".left") || el;
      visible.textContent = left(deadline - now);
      const spoken = el.querySelector(".spoken");
      const minute = Math.max(0, Math.ceil((deadline - now) / 60000));
      if (spoken && spoken.dataset.minute !== String(minute)) {
        spoken.dataset.minute = String(minute);
        spoken.textContent = left(minute * 60000);
      }
    }
  }

  localTimes();
  tick();
  setInterval(tick, 1000);
  // A live page replaces its content: fill in the new elements at once.
  const main = document.querySelector("main");
  if (main && window.MutationObserver) {
    new MutationObserver((mutations) => {
      // Only new elements (a part of the page replaced), not the countdown's own text.
      if (mutations.some((m) => Array.from(m.addedNodes).some((n) => n.nodeType === 1))) {
        localTimes();
        tick();
      }
    }).observe(main, { childList: true, subtree: true });
  }
})();
