import { plural } from "../../../i18n/plural";

// The Costs page's own strings, loaded with the page. Same rules as the main catalogue: U+00A0
// before ":", U+202F before "; ? !" and inside « ».
const NBSP = "\u00a0";
const NNBSP = "\u202f";

export const costsFr = {
  title: "Coûts",
  intro:
    "Ce que WhatsApp a coûté, message par message, au tarif de Meta du jour de chaque envoi, comparé au même échange par SMS.",
  month: "Mois",
  groupBy: "Regrouper par",
  groups: {
    client: "Total",
    number: "Numéro",
    recruiter: "Recruteur",
    campaign: "Campagne",
    category: "Catégorie",
  },
  categories: {
    marketing: "Marketing",
    marketing_lite: "Marketing (Lite)",
    utility: "Utilitaire",
    authentication: "Authentification",
    authentication_international: "Authentification internationale",
    service: "Service",
    inbound: "Messages reçus",
    virtual_number: "Numéro LinkoJob (abonnement mensuel)",
  } as Record<string, string>,
  none: {
    number: "Numéro supprimé",
    recruiter: "Sans recruteur (API, réponses reçues)",
    campaign: "Hors campagne",
    client: "Ce client",
    category: "Autre",
  },
  total: "Coût WhatsApp du mois",
  billable: (n: number, f: string) =>
    plural("fr-MA", n, { one: `${f} message facturé`, other: `${f} messages facturés` }),
  free: (n: number, f: string) =>
    plural("fr-MA", n, { one: `${f} message gratuit`, other: `${f} messages gratuits` }),
  inbound: (n: number, f: string) =>
    plural("fr-MA", n, { one: `${f} message reçu`, other: `${f} messages reçus` }),
  sms: "Le même échange par SMS",
  smsHelp: (price: string) => `${price} par SMS, dans les deux sens`,
  saving: (amount: string) => `Économie${NBSP}: ${amount}`,
  chartTitle: "Les 12 derniers mois",
  chartLegendWhatsapp: "WhatsApp",
  chartLegendSms: "SMS",
  chartSummary: (month: string, whatsapp: string, sms: string) =>
    `${month}${NBSP}: WhatsApp ${whatsapp}, SMS ${sms}`,
  table: "Détail du mois",
  columns: {
    group: "Groupe",
    amount: "Coût",
    billable: "Facturés",
    free: "Gratuits",
    inbound: "Reçus",
    sms: "Par SMS",
  },
  empty: "Aucun message facturé ce mois-ci.",
  export: "Exporter en CSV",
  budget: "Budget mensuel",
  noBudget: "Aucun budget fixé.",
  budgetOf: (spent: string, budget: string) => `${spent} dépensés sur ${budget}`,
  levels: {
    none: "Sans budget",
    ok: "Dans le budget",
    warning: `Plus de 80${NNBSP}% dépensés`,
    exceeded: "Budget dépensé",
  },
  budgetInput: "Budget mensuel (MAD)",
  saveBudget: "Enregistrer le budget",
  removeBudget: "Supprimer le budget",
  saved: "Budget enregistré.",
  ownersOnly: "Seul un propriétaire peut fixer ou relever le budget.",
  recruiterBudgets: "Budgets des recruteurs",
  recruiter: "Recruteur",
};
export type CostsMessages = typeof costsFr;
