// Starts the API reference (Swagger UI, embedded) on the OpenAPI document.
"use strict";
window.addEventListener("load", () => {
  const holder = document.getElementById("swagger-ui");
  if (!holder || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({ url: holder.dataset.spec, domNode: holder, deepLinking: false });
});
