// Starts the API reference (Swagger UI, embedded) on the OpenAPI document. Loaded before the
// bundle: the bundle's smooth scroller (zenscroll) would otherwise take over every click on an
// in-page link, the layout's skip link among them, and scroll without moving the focus to
// `main`; `window.noZensmooth` turns that off (Swagger UI keeps its own scrolling).
"use strict";
window.noZensmooth = true;
window.addEventListener("load", () => {
  const holder = document.getElementById("swagger-ui");
  if (!holder || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({ url: holder.dataset.spec, domNode: holder, deepLinking: false });
});
