// The main menu on a small screen: behind a button that opens and closes it. Without this
// script (or on a wide screen) every link of the menu shows, wrapped.
"use strict";
(() => {
  const button = document.querySelector("header .menu-toggle");
  const menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  const set = (open) => button.setAttribute("aria-expanded", open ? "true" : "false");
  button.hidden = false;
  set(false);
  button.addEventListener("click", () => set(button.getAttribute("aria-expanded") !== "true"));
  // Escape closes an open menu and gives the focus back to its button.
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();
