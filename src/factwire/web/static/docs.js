// Starts Swagger UI (served from the installed swagger-ui-bundle package) on /openapi.json.
"use strict";
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
});
