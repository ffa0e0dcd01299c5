import { scriptJson } from "./embedded-signup.html";
import { BASE_CSS } from "./styles";

/**
 * A page playing the product's "Connect WhatsApp" button: loads `sdk.js`, calls `FB.login` as the
 * product does and lists what comes back (the `WA_EMBEDDED_SIGNUP` events and the callback). Used by
 * the browser test and handy to try the dialog by hand.
 */
export function demoLoginPage(appId: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Embedded Signup playground</title><style>${BASE_CSS}
pre { background:#f7f8fa; padding:12px; border-radius:8px; white-space:pre-wrap; word-break:break-all; }</style></head>
<body>
<main class="card">
  <h1>Embedded Signup playground</h1>
  <p class="lead">Calls <code>FB.login</code> with <code>response_type: "code"</code>, like the product.</p>
  <label class="field"><input type="checkbox" id="only-waba"> Only share a WhatsApp account (featureType only_waba_sharing)</label>
  <label class="field"><input type="checkbox" id="business-app"> A number of the WhatsApp Business app, kept on the phone (featureType whatsapp_business_app_onboarding)</label>
  <div class="actions"><button class="primary" id="connect" type="button">Connect WhatsApp</button></div>
  <h2>Events</h2><pre id="events" aria-live="polite"></pre>
  <h2>Callback</h2><pre id="callback" aria-live="polite"></pre>
</main>
<script type="application/json" id="config">${scriptJson({ appId })}</script>
<script src="../assets/demo-login.js"></script>
<script async src="../sdk.js"></script>
</body>
</html>`;
}

/** Script of the playground page, served as a file (see the CSP note in embedded-signup.html.ts). */
export const DEMO_LOGIN_SCRIPT = `
window.simEvents = []; window.simCallback = null;
var simOrigin = new URL("./", window.location.href).origin;
window.addEventListener("message", function (e) {
  if (e.origin !== simOrigin || typeof e.data !== "string") return;
  var d; try { d = JSON.parse(e.data); } catch (_) { return; }
  if (d.type !== "WA_EMBEDDED_SIGNUP") return;
  window.simEvents.push(d);
  document.getElementById("events").textContent = JSON.stringify(window.simEvents, null, 2);
});
window.fbAsyncInit = function () {
  FB.init({ appId: JSON.parse(document.getElementById("config").textContent).appId, autoLogAppEvents: true, xfbml: true, version: "v25.0" });
  document.getElementById("connect").addEventListener("click", function () {
    var extras = { setup: {}, sessionInfoVersion: "3", version: "v4" };
    if (document.getElementById("only-waba").checked) extras.featureType = "only_waba_sharing";
    if (document.getElementById("business-app").checked) extras.featureType = "whatsapp_business_app_onboarding";
    FB.login(function (response) {
      window.simCallback = response;
      document.getElementById("callback").textContent = JSON.stringify(response, null, 2);
    }, { config_id: "sim-config", response_type: "code", override_default_response_type: true, extras: extras });
  });
};
`;
