import { ERROR_STATUS, type ErrorCode } from "../../../../contracts/errors";
import type { SsoRefusal } from "./sso-token";

type Lang = "fr" | "en" | "ar";

/** What the recruiter reads, per language, for each refusal; the code is for LinkoJob's support. */
const WORDS: Record<Lang, { title: string; back: string; reasons: Record<SsoRefusal, string> }> = {
  fr: {
    title: "Connexion impossible",
    back: "Retournez sur LinkoJob et ouvrez WhatsApp de nouveau.",
    reasons: {
      missing: "Le lien de connexion est incomplet.",
      malformed: "Le lien de connexion est illisible.",
      expired: "Le lien de connexion a expiré\u00a0: il n'est valable que quelques minutes.",
      too_long_lived: "Le lien de connexion a une durée de validité trop longue.",
      audience: "Ce lien de connexion est destiné à un autre service.",
      issuer: "Ce lien de connexion ne vient pas de LinkoJob.",
      signature: "La signature du lien de connexion n'est pas celle de LinkoJob.",
      claims: "Le lien de connexion ne dit pas qui vous êtes.",
      replayed: "Ce lien de connexion a déjà servi : chaque lien ne sert qu'une fois.",
      not_configured: "La connexion depuis LinkoJob n'est pas configurée sur ce service.",
      unknown_client: "Votre entreprise n'a pas encore de compte WhatsApp chez LinkoJob.",
      suspended: "Le compte de votre entreprise est suspendu par LinkoJob.",
      email_taken: "Votre adresse e-mail est déjà utilisée par un compte d'une autre entreprise.",
      disabled: "Votre accès a été désactivé par un administrateur de votre entreprise.",
    },
  },
  en: {
    title: "Sign-in failed",
    back: "Go back to LinkoJob and open WhatsApp again.",
    reasons: {
      missing: "The sign-in link is incomplete.",
      malformed: "The sign-in link cannot be read.",
      expired: "The sign-in link has expired: it is valid for a few minutes only.",
      too_long_lived: "The sign-in link is valid for too long.",
      audience: "This sign-in link is meant for another service.",
      issuer: "This sign-in link does not come from LinkoJob.",
      signature: "The sign-in link's signature is not LinkoJob's.",
      claims: "The sign-in link does not say who you are.",
      replayed: "This sign-in link was already used: each link works once.",
      not_configured: "Signing in from LinkoJob is not set up on this service.",
      unknown_client: "Your company has no WhatsApp account at LinkoJob yet.",
      suspended: "Your company's account is suspended by LinkoJob.",
      email_taken: "Your e-mail address is already used by an account of another company.",
      disabled: "Your access was disabled by an administrator of your company.",
    },
  },
  ar: {
    title: "تعذّر تسجيل الدخول",
    back: "ارجعوا إلى LinkoJob وافتحوا واتساب من جديد.",
    reasons: {
      missing: "رابط تسجيل الدخول غير مكتمل.",
      malformed: "تعذّرت قراءة رابط تسجيل الدخول.",
      expired: "انتهت صلاحية رابط تسجيل الدخول: فهو صالح لبضع دقائق فقط.",
      too_long_lived: "مدة صلاحية رابط تسجيل الدخول طويلة أكثر من اللازم.",
      audience: "رابط تسجيل الدخول هذا مخصّص لخدمة أخرى.",
      issuer: "رابط تسجيل الدخول هذا لم يصدر عن LinkoJob.",
      signature: "توقيع رابط تسجيل الدخول ليس توقيع LinkoJob.",
      claims: "رابط تسجيل الدخول لا يحدّد هويتكم.",
      replayed: "سبق استعمال رابط تسجيل الدخول هذا: كل رابط يُستعمل مرة واحدة.",
      not_configured: "تسجيل الدخول عبر LinkoJob غير مفعّل في هذه الخدمة.",
      unknown_client: "ليس لشركتكم حساب واتساب لدى LinkoJob بعد.",
      suspended: "حساب شركتكم موقوف من طرف LinkoJob.",
      email_taken: "بريدكم الإلكتروني مستعمل في حساب تابع لشركة أخرى.",
      disabled: "عطّل أحد مسؤولي شركتكم وصولكم.",
    },
  },
};

/** The error code each refusal answers with (its HTTP status comes from the code, as everywhere). */
const CODES: Record<SsoRefusal, ErrorCode> = {
  missing: "sso_token_invalid",
  malformed: "sso_token_invalid",
  expired: "sso_token_invalid",
  too_long_lived: "sso_token_invalid",
  audience: "sso_token_invalid",
  issuer: "sso_token_invalid",
  signature: "sso_token_invalid",
  claims: "sso_token_invalid",
  replayed: "sso_token_invalid",
  not_configured: "not_found",
  unknown_client: "not_found",
  suspended: "client_suspended",
  email_taken: "conflict",
  disabled: "forbidden",
};

/** The page's language: the first of fr, en, ar the browser asks for; French otherwise. */
export function pageLanguage(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === "fr" || tag === "en" || tag === "ar") return tag;
  }
  return "fr";
}

/** The refusal page: plain HTML, no script, in the recruiter's language; its status from the code. */
export function refusalPage(
  reason: SsoRefusal,
  lang: Lang,
): { status: number; code: ErrorCode; html: string } {
  const words = WORDS[lang];
  const code = CODES[reason];
  const html = `<!doctype html>
<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${words.title} · LinkoJob WhatsApp</title>
<style>body{font-family:system-ui,"Noto Sans Arabic",sans-serif;background:#f4f6f8;color:#1b2733;display:grid;place-items:center;min-height:100vh;margin:0}main{background:#fff;border-radius:12px;padding:2rem;max-width:28rem;box-shadow:0 2px 12px #0002}h1{font-size:1.3rem;margin-top:0}code{color:#5b6b7b}</style>
</head>
<body><main role="alert">
<h1>${words.title}</h1>
<p id="reason">${words.reasons[reason]}</p>
<p>${words.back}</p>
<p><code data-code="${code}" data-reason="${reason}">${code} · ${reason}</code></p>
</main></body>
</html>`;
  return { status: ERROR_STATUS[code], code, html };
}
