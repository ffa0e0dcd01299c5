import type { SignupLocale, SignupTexts } from "./embedded-signup-i18n";
import { BASE_CSS } from "./styles";

/** What the dialog page needs to know, embedded as JSON in the page. */
export interface SignupPageConfig {
  mode: "popup" | "redirect";
  appName: string;
  appIdValid: boolean;
  openerOrigin: string | null;
  requestId: string;
  redirectUri: string | null;
  state: string | null;
  onlyWaba: boolean;
  /** `featureType: whatsapp_business_app_onboarding`: a number that stays on the WhatsApp Business app. */
  businessApp: boolean;
  user: { id: string; name: string; email: string };
  businesses: {
    id: string;
    name: string;
    verified: boolean;
    restricted: boolean;
    wabas: {
      id: string;
      name: string;
      phoneNumbers: { id: string; display: string; verifiedName: string }[];
    }[];
  }[];
  sessionId: string;
  completeUrl: string;
  /** The dialog's language (Meta's `locale`, else the browser's) and its words. */
  locale: SignupLocale;
  t: SignupTexts;
}

/** JSON safe inside a <script> element (no `</script>` or `<!--` can appear). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * The Embedded Signup dialog: plain HTML/CSS/JS in Meta's style. Steps are rendered by the script
 * into `#step`; each screen has a Cancel that reports `current_step` to the opener. Scripts are
 * files, not inline, so the page works under the product's Content-Security-Policy in sandbox mode.
 */
export function embeddedSignupPage(config: SignupPageConfig): string {
  return `<!doctype html>
<html lang="${config.locale}" dir="${config.locale === "ar" ? "rtl" : "ltr"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${config.t.pageTitle} · ${config.appName.replace(/[<&>"]/g, "")}</title>
<style>${BASE_CSS}</style>
</head>
<body>
<header class="topbar">
  <div class="logo" aria-hidden="true">f</div>
  <strong>Facebook</strong>
  <span class="sim-badge">${config.t.badge}</span>
  <span class="who" id="who"></span>
</header>
<main class="card" aria-labelledby="step-title">
  <ol class="steps" id="progress" aria-hidden="true"></ol>
  <div id="step"></div>
  <p class="error" id="error" role="alert" aria-live="assertive"></p>
</main>
<script type="application/json" id="config">${scriptJson(config)}</script>
<script src="../../../assets/embedded-signup.js"></script>
</body>
</html>`;
}
