import { plural } from "../../../i18n/plural";

// The Campaigns page's own strings, loaded with the page (not in the first bundle). Same rules as
// the main catalogue: U+00A0 before ":" and in "24 h", U+202F before "; ? !" and inside « ».
const NBSP = "\u00a0";
const NNBSP = "\u202f";
const quote = (text: string) => `«${NNBSP}${text}${NNBSP}»`;

export const campaignsFr = {
  title: "Campagnes",
  intro:
    "Envoyez un modèle approuvé à de nombreux candidats à la fois, voyez combien seront facturés avant l’envoi, puis suivez les envois en direct.",
  newTitle: "Nouvelle campagne",
  name: "Nom de la campagne",
  defaultName: (date: string) => `Campagne du ${date}`,
  number: "Numéro WhatsApp",
  noNumber: "Connectez un numéro WhatsApp pour envoyer une campagne.",
  connect: "Connecter WhatsApp",
  template: "Modèle",
  chooseTemplate: "Choisissez un modèle approuvé",
  templatesLoading: "Chargement des modèles…",
  noTemplate: `Aucun modèle approuvé sur ce numéro${NBSP}: seuls les modèles approuvés par Meta peuvent démarrer une conversation.`,
  mediaHeader: "en-tête avec fichier, pas encore pris en charge",
  /** Why a template of the list can't be chosen, after its name. */
  unavailable: {
    pending: "en attente de validation par Meta",
    rejected: "refusé par Meta",
    paused: `en pause${NBSP}: trop de blocages ou de signalements`,
    disabled: "désactivé par Meta",
    unavailable: "indisponible",
  },
  noneFits: `Aucun modèle ne convient${NNBSP}?`,
  createTemplate: "Créer un modèle",
  preview: "Aperçu",
  categories: { MARKETING: "Marketing", UTILITY: "Utilitaire", AUTHENTICATION: "Authentification" },
  recipients: "Destinataires",
  csvHelp: `Une ligne par candidat${NBSP}: le numéro, le nom puis une colonne par variable du modèle. Séparateur virgule ou point-virgule, champs entre guillemets acceptés. Ligne d’en-tête attendue${NBSP}:`,
  csvLabel: "Coller le CSV",
  upload: "Importer un fichier CSV",
  uploaded: `Fichier importé${NBSP}:`,
  example: "Insérer un exemple",
  /** A cell of the example CSV where the template gives no example value. */
  exampleValue: (position: string) => `valeur ${position}`,
  readRows: (count: number, formatted: string) =>
    plural("fr-MA", count, {
      one: `${formatted} candidat prêt`,
      other: `${formatted} candidats prêts`,
    }),
  lineErrorsTitle: (count: number, formatted: string) =>
    plural("fr-MA", count, {
      one: `${formatted} ligne ignorée`,
      other: `${formatted} lignes ignorées`,
    }),
  line: (line: string) => `Ligne ${line}`,
  lineProblems: {
    columns: (expected: string, found: string) => `${found} colonnes au lieu de ${expected}`,
    noPhone: "numéro manquant",
    emptyValue: (column: string) => `valeur vide pour ${column}`,
    duplicate: (line: string) => `doublon de la ligne ${line}`,
    unclosedQuote: "guillemet non fermé",
  },
  fileProblems: {
    empty: "Le fichier est vide.",
    missingColumns: (columns: string) => `Colonnes manquantes dans l’en-tête${NBSP}: ${columns}.`,
    unknownColumns: (columns: string) => `Colonnes non reconnues${NBSP}: ${columns}.`,
    tooMany: (max: string) => `Au plus ${max} destinataires par campagne.`,
  },
  estimate: "Estimer",
  estimating: "Estimation…",
  estimateTitle: "Vérification",
  estimateStale: "Les destinataires ou le modèle ont changé depuis l’estimation. Estimez à nouveau.",
  sendable: "Recevront le message",
  excluded: "Exclus",
  excludedWhy: `Désinscrits${NBSP}: ils ont répondu STOP ou demandé à ne plus être contactés.`,
  excludedWhyUtility: "Les modèles utilitaires restent autorisés pour les candidats désinscrits.",
  invalid: "Lignes invalides",
  invalidTitle: "Lignes refusées par le serveur",
  invalidRow: "Ligne",
  invalidPhone: "Numéro",
  invalidReason: "Raison",
  duplicates: "Doublons retirés",
  duplicatesTitle: "Numéros en double (un seul message par candidat)",
  duplicateOf: (line: string) => `même numéro que la ligne ${line}`,
  reasons: {
    phone: "numéro invalide (indicatif du pays manquant ou chiffres en trop)",
    values: (count: string) => `le modèle attend ${count} valeurs`,
    emptyValue: "une valeur est vide",
    optedOut: "désinscrit (STOP)",
    missingValue: (names: string) => `valeur manquante pour ${names}`,
  },
  category: "Catégorie",
  marketingNote: `Les messages marketing sont toujours facturés, même si le candidat vous a écrit dans les dernières 24${NBSP}h.`,
  utilityNote: `Les messages utilitaires sont gratuits pour les candidats qui vous ont écrit dans les dernières 24${NBSP}h.`,
  billable: "Facturés",
  pricePer: `Par message${NBSP}:`,
  cost: "Coût estimé",
  smsCost: "Par SMS",
  smsCompare: "Le même envoi par SMS, pour comparer",
  send: (count: number, formatted: string) =>
    plural("fr-MA", count, {
      one: `Envoyer à ${formatted} candidat`,
      other: `Envoyer à ${formatted} candidats`,
    }),
  nothingToSend: "Aucun candidat ne peut recevoir ce message.",
  confirmTitle: "Confirmer l’envoi",
  confirmBody: (count: string, cost: string, template: string) =>
    `Le modèle ${quote(template)} partira vers ${count} candidats, pour un coût estimé de ${cost}. Un envoi ne peut pas être annulé.`,
  confirm: "Envoyer maintenant",
  sending: "Envoi…",
  progressTitle: "Suivi",
  progressLabel: (done: string, total: string) => `${done} sur ${total} traités`,
  counters: {
    queued: "En file",
    sent: "Envoyés",
    delivered: "Distribués",
    read: "Lus",
    failed: "Échoués",
  },
  waiting: {
    waiting_for_messaging_limit: (until: string) =>
      `En attente${NBSP}: la limite d’envoi de WhatsApp pour cette entreprise est atteinte (nouveaux candidats contactés sur 24${NBSP}h). L’envoi reprendra de lui-même à ${until}.`,
    template_paused: (until: string) =>
      `En pause${NBSP}: WhatsApp a mis ce modèle en pause pour qualité insuffisante. La campagne le vérifie de nouveau à ${until} et reprend dès que WhatsApp lève la pause.`,
    spam_rate_limit: (until: string) =>
      `En pause${NBSP}: WhatsApp limite ce numéro parce que des candidats ont bloqué ou signalé ses messages. L’envoi reprendra de lui-même à ${until}.`,
  },
  finished: (sent: string, failed: string) => `Envoi terminé${NBSP}: ${sent} envoyés, ${failed} en échec.`,
  live: "Mise à jour en direct",
  failuresTitle: "Non envoyés",
  noFailures: "Aucun échec.",
  failureCount: (count: number, formatted: string) =>
    plural("fr-MA", count, { one: `${formatted} candidat`, other: `${formatted} candidats` }),
  newCampaign: "Nouvelle campagne",
  pastTitle: "Campagnes envoyées",
  pastEmpty: "Aucune campagne pour l’instant.",
  columns: {
    name: "Campagne",
    date: "Date",
    template: "Modèle",
    recipients: "Destinataires",
    progress: "Progression",
    cost: "Coût estimé",
  },
  open: "Voir le suivi",
  pastProgress: (sent: number, sentText: string, failed: number, failedText: string) =>
    `${plural("fr-MA", sent, { one: `${sentText} envoyé`, other: `${sentText} envoyés` })} · ${plural("fr-MA", failed, { one: `${failedText} échec`, other: `${failedText} échecs` })}`,
  error: "Impossible de charger les campagnes.",
};

export type CampaignsMessages = typeof campaignsFr;
