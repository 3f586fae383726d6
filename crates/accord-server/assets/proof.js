// Checks an entry's inclusion proof in the browser (RFC 9162, section 2.1.3.2): the leaf hash
// of the entry, combined with the proof's hashes, must give the signed checkpoint's root.
"use strict";
(function () {
  const box = document.getElementById("proof");
  const status = document.getElementById("proof-status");
  if (!box || !status) return;
  function show(id, state) {
    const template = document.getElementById(id);
    status.textContent = template ? template.content.textContent : id;
    status.dataset.state = state;
  }
  function bytes(b64) {
    const raw = atob(b64);
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  async function sha256(prefix, ...parts) {
    const length = 1 + parts.reduce((n, p) => n + p.length, 0);
    const input = new Uint8Array(length);
    input[0] = prefix;
    let at = 1;
    for (const p of parts) { input.set(p, at); at += p.length; }
    return new Uint8Array(await crypto.subtle.digest("SHA-256", input));
  }
  function equal(a, b) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  async function verify() {
    if (!window.crypto || !crypto.subtle) { show("proof-unavailable", "unavailable"); return; }
    let index = BigInt(box.dataset.index);
    const size = BigInt(box.dataset.size);
    const path = box.dataset.hashes ? box.dataset.hashes.split(" ").map(bytes) : [];
    if (index >= size) { show("proof-bad", "bad"); return; }
    let fn = index;
    let sn = size - 1n;
    let r = await sha256(0, bytes(box.dataset.entry));
    for (const p of path) {
      if (sn === 0n) { show("proof-bad", "bad"); return; }
      if ((fn & 1n) === 1n || fn === sn) {
        r = await sha256(1, p, r);
        if ((fn & 1n) === 0n) {
          while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
        }
      } else {
        r = await sha256(1, r, p);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    const ok = sn === 0n && equal(r, bytes(box.dataset.root));
    show(ok ? "proof-ok" : "proof-bad", ok ? "ok" : "bad");
  }
  verify().catch(() => show("proof-bad", "bad"));
})();
