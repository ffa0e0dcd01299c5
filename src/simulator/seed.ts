import { newObjectId } from "./ids";
import type { PhoneNumber, SimState, Template, TemplateComponent, Waba } from "./state";

type TemplateSeed = Pick<Template, "name" | "language" | "category" | "parameterFormat" | "components"> & {
  status?: Template["status"];
};

const STOP_BUTTONS: TemplateComponent = {
  type: "BUTTONS",
  buttons: [
    { type: "QUICK_REPLY", text: "Oui, intéressé(e)" },
    { type: "QUICK_REPLY", text: "Non merci" },
  ],
};

/** The templates the product offers by default, in the forms Meta stores them. */
export const DEFAULT_TEMPLATES: TemplateSeed[] = [
  {
    name: "hello_world",
    language: "en_US",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    components: [
      { type: "HEADER", format: "TEXT", text: "Hello World" },
      {
        type: "BODY",
        text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.",
      },
      { type: "FOOTER", text: "WhatsApp Business Platform sample message" },
    ],
  },
  {
    name: "job_opportunity",
    language: "fr",
    category: "MARKETING",
    parameterFormat: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Bonjour {{1}}, nous avons une opportunité de {{2}} à {{3}} qui correspond à votre profil. Souhaitez-vous en savoir plus ?",
        example: { body_text: [["Youssef", "technicien de maintenance", "Casablanca"]] },
      },
      { type: "FOOTER", text: "LinkoJob · Répondez STOP pour ne plus recevoir d'offres" },
      STOP_BUTTONS,
    ],
  },
  {
    name: "job_opportunity",
    language: "en",
    category: "MARKETING",
    parameterFormat: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Hello {{1}}, we have a {{2}} opening in {{3}} that matches your profile. Would you like to hear more?",
        example: { body_text: [["Youssef", "maintenance technician", "Casablanca"]] },
      },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Yes, tell me more" },
          { type: "QUICK_REPLY", text: "No thanks" },
        ],
      },
    ],
  },
  {
    name: "job_opportunity",
    language: "ar",
    category: "MARKETING",
    parameterFormat: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "مرحبا {{1}}، لدينا فرصة عمل {{2}} في {{3}} تناسب ملفك. هل تود معرفة المزيد؟",
        example: { body_text: [["يوسف", "تقني صيانة", "الدار البيضاء"]] },
      },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "نعم" },
          { type: "QUICK_REPLY", text: "لا شكرا" },
        ],
      },
    ],
  },
  {
    name: "interview_schedule",
    language: "fr",
    category: "UTILITY",
    parameterFormat: "NAMED",
    components: [
      {
        type: "HEADER",
        format: "TEXT",
        text: "Entretien : {{job_title}}",
        example: { header_text_named_params: [{ param_name: "job_title", example: "Comptable" }] },
      },
      {
        type: "BODY",
        text: "Bonjour {{first_name}}, votre entretien est prévu le {{date}} à {{time}}. Merci de confirmer votre présence.",
        example: {
          body_text_named_params: [
            { param_name: "first_name", example: "Fatima" },
            { param_name: "date", example: "12 mars" },
            { param_name: "time", example: "10h00" },
          ],
        },
      },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Je confirme" },
          { type: "QUICK_REPLY", text: "Reporter" },
        ],
      },
    ],
  },
  {
    name: "application_received",
    language: "fr",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Bonjour {{1}}, nous avons bien reçu votre candidature au poste de {{2}}. Nous revenons vers vous rapidement.",
        example: { body_text: [["Karim", "chef de projet"]] },
      },
      {
        type: "BUTTONS",
        buttons: [
          {
            type: "URL",
            text: "Voir l'offre",
            url: "https://linkojob.ma/offres/{{1}}",
            example: ["https://linkojob.ma/offres/42"],
          },
        ],
      },
    ],
  },
  {
    name: "job_fair_invitation",
    language: "fr",
    category: "MARKETING",
    parameterFormat: "POSITIONAL",
    components: [
      { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1hZ2UvanBlZw==:ARZ..."] } },
      {
        type: "BODY",
        text: "Rejoignez-nous au salon de l'emploi de {{1}} le {{2}} ! Des dizaines de postes à pourvoir.",
        example: { body_text: [["Tanger", "15 avril"]] },
      },
    ],
  },
  {
    name: "documents_request",
    language: "fr",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    status: "PENDING",
    components: [
      {
        type: "BODY",
        text: "Bonjour {{1}}, pourriez-vous nous envoyer votre CV à jour et une pièce d'identité ?",
        example: { body_text: [["Fatima"]] },
      },
    ],
  },
];

export function addTemplates(state: SimState, wabaId: string, now: number): void {
  for (const seed of DEFAULT_TEMPLATES) {
    state.templates.push({
      id: newObjectId(),
      wabaId,
      name: seed.name,
      language: seed.language,
      category: seed.category,
      status: seed.status ?? "APPROVED",
      parameterFormat: seed.parameterFormat,
      components: structuredClone(seed.components),
      rejectedReason: "NONE",
      createdAt: now,
    });
  }
}

function newWaba(state: SimState, businessId: string, name: string, now: number): Waba {
  const waba: Waba = {
    id: newObjectId(),
    businessId,
    name,
    currency: "USD",
    timezoneId: "85",
    subscribedApps: [],
  };
  state.wabas.push(waba);
  addTemplates(state, waba.id, now);
  return waba;
}

export function newPhoneNumber(wabaId: string, display: string, verifiedName: string): PhoneNumber {
  return {
    id: newObjectId(),
    wabaId,
    displayPhoneNumber: display,
    verifiedName,
    nameStatus: "APPROVED",
    qualityRating: "GREEN",
    codeVerificationStatus: "VERIFIED",
    registered: false,
    pin: null,
    registrationAttempts: [],
    messagingLimitTier: "TIER_2K",
    throughputLevel: "STANDARD",
  };
}

/** LinkoJob's own WABA, whose numbers LinkoJob lends its clients (the sandbox connects it at start). */
export const LINKOJOB_POOL_WABA_NAME = "LinkoJob Numbers";
/** The numbers of LinkoJob's own WABA, lent to clients. */
export const LINKOJOB_POOL_NUMBERS = ["+212 5 20 00 00 01", "+212 5 20 00 00 02", "+212 5 20 00 00 03"];

/** A small Moroccan recruiting world: what the demo Facebook user can pick in Embedded Signup. */
export function seedDemoWorld(state: SimState, now: number): void {
  const demo = { id: newObjectId(), name: "LinkoJob Démo Recrutement", verified: true, restricted: false };
  const atlas = { id: newObjectId(), name: "Atlas Talents SARL", verified: false, restricted: false };
  const sahara = {
    id: newObjectId(),
    name: "Sahara Intérim (compte restreint)",
    verified: false,
    restricted: true,
  };
  state.businesses.push(demo, atlas, sahara);

  const demoWaba = newWaba(state, demo.id, "LinkoJob Démo", now);
  const casablanca = newPhoneNumber(demoWaba.id, "+212 6 61 23 45 67", "LinkoJob Démo");
  const rabat = newPhoneNumber(demoWaba.id, "+212 6 62 34 56 78", "LinkoJob Rabat");
  // Rabat was registered before (by another tool): registering again needs its existing PIN.
  rabat.registered = true;
  rabat.pin = "246810";
  const atlasWaba = newWaba(state, atlas.id, "Atlas Talents", now);
  const atlasNumber = newPhoneNumber(atlasWaba.id, "+212 7 00 11 22 33", "Atlas Talents");
  atlasNumber.messagingLimitTier = "TIER_250";
  state.phoneNumbers.push(casablanca, rabat, atlasNumber);

  // LinkoJob's own account: its numbers are lent to clients (virtual numbers), reached with a
  // system-user token (`POST /control/tokens`), never through a client's signup dialog.
  const linkojob = {
    id: newObjectId(),
    name: "LinkoJob SARL",
    verified: true,
    restricted: false,
    systemUserOnly: true,
  };
  state.businesses.push(linkojob);
  const poolWaba = newWaba(state, linkojob.id, LINKOJOB_POOL_WABA_NAME, now);
  for (const display of LINKOJOB_POOL_NUMBERS)
    state.phoneNumbers.push(newPhoneNumber(poolWaba.id, display, "LinkoJob"));

  state.candidates.push(
    { waId: "212612345678", profileName: "Youssef El Amrani", undeliverable: false, stoppedMarketing: false },
    {
      waId: "212698765432",
      profileName: "Fatima Zahra Bennani",
      undeliverable: false,
      stoppedMarketing: false,
    },
    { waId: "212661112233", profileName: "Karim Idrissi", undeliverable: false, stoppedMarketing: false },
    {
      waId: "212600000404",
      profileName: "Numéro sans WhatsApp",
      undeliverable: true,
      stoppedMarketing: false,
    },
  );
}
