import type { WebhookEventType } from "../../../../contracts/webhook-event-types";
import { plural } from "../../../i18n/plural";

// The Webhooks page's own strings, loaded with the page. Same rules as the main catalogue: U+00A0
// before ":", U+202F before "; ? !" and inside « ».
const NBSP = "\u00a0";
const NNBSP = "\u202f";

export const webhooksFr = {
  title: "Webhooks",
  intro:
    "Vos serveurs (ou ceux de LinkoJob) reçoivent les événements choisis, signés selon Standard Webhooks. Une livraison qui échoue est réessayée pendant 3 jours, dans l’ordre de chaque conversation.",
  readOnly: "Seuls les propriétaires et les administrateurs peuvent gérer les webhooks.",
  add: "Ajouter un endpoint",
  empty: "Aucun endpoint pour l’instant.",
  columns: {
    url: "Adresse",
    events: "Événements",
    state: "État",
    lastSuccess: "Dernière livraison réussie",
    actions: "Actions",
  },
  states: {
    active: "Actif",
    failing: (since: string) => `En échec depuis le ${since}`,
    disabledManual: "Désactivé",
    disabledFailing: "Désactivé après des échecs répétés",
    disabledOn: (date: string) => `le ${date}`,
  },
  rotating: (until: string) => `L’ancien secret signe aussi jusqu’au ${until}`,
  open: "Journal",
  openOf: (url: string) => `Journal de ${url}`,
  events: {
    "message.received": "Message reçu",
    "message.status": "Statut d’un message",
    "conversation.assigned": "Conversation assignée",
    "conversation.stage_changed": "Étape de recrutement changée",
    "conversation.labels_changed": "Étiquettes changées",
    "contact.opted_out": "Candidat désinscrit",
    "contact.opted_in": "Candidat réinscrit",
    "connection.updated": "Connexion modifiée",
    "template.updated": "Modèle modifié",
    "campaign.finished": "Campagne terminée",
  } satisfies Record<WebhookEventType, string>,
  eventsCount: (n: number, f: string) =>
    plural("fr-FR", n, { one: `${f}${NBSP}événement`, other: `${f}${NBSP}événements` }),
  form: {
    title: "Ajouter un endpoint",
    url: "Adresse (URL)",
    urlHint: "Une adresse https joignable depuis Internet.",
    urlInvalid: "Saisissez une adresse complète commençant par https:// ou http://.",
    description: "Description",
    descriptionHint: "Facultatif, pour la reconnaître (200 caractères au plus).",
    events: "Événements à envoyer",
    eventsRequired: "Cochez au moins un événement.",
    submit: "Ajouter",
  },
  edit: {
    action: "Modifier",
    title: (url: string) => `Modifier ${url}`,
    enabled: `Actif${NBSP}: reçoit les événements cochés`,
    submit: "Enregistrer",
  },
  secret: {
    title: "Copiez le secret de signature maintenant",
    warning:
      "Ce secret ne sera plus jamais affiché. Votre serveur en a besoin pour vérifier la signature de chaque livraison.",
    label: "Secret de signature",
    copy: "Copier le secret",
    copied: "Secret copié",
    done: "J’ai copié le secret",
  },
  rotate: {
    action: "Changer le secret",
    title: (url: string) => `Changer le secret de ${url}${NNBSP}?`,
    body: "Un nouveau secret est créé et affiché une seule fois. Pendant la période de chevauchement, chaque livraison est signée avec les deux secrets, le temps de mettre votre serveur à jour.",
    overlap: "Chevauchement (heures)",
    overlapHint: "De 0 (l’ancien secret cesse tout de suite) à 168 (une semaine).",
    overlapInvalid: "Saisissez un nombre entier d’heures entre 0 et 168.",
    submit: "Changer le secret",
  },
  disable: "Désactiver",
  enable: "Réactiver",
  remove: "Supprimer",
  removeTitle: (url: string) => `Supprimer ${url}${NNBSP}?`,
  removeBody:
    "L’endpoint et son journal de livraisons sont supprimés. Les événements en attente ne lui seront pas envoyés.",
  back: "Tous les endpoints",
  log: "Journal des livraisons",
  filter: "Afficher",
  filters: { all: "Toutes", pending: "En attente", delivered: "Livrées", failed: "En échec" },
  refresh: "Actualiser",
  replayFailed: "Renvoyer les livraisons en échec",
  replayed: (n: number, f: string) =>
    plural("fr-FR", n, {
      one: `${f}${NBSP}livraison renvoyée.`,
      other: `${f}${NBSP}livraisons renvoyées.`,
    }),
  noDeliveries: "Aucune livraison pour l’instant.",
  more: "Afficher les plus anciennes",
  deliveryColumns: {
    event: "Événement",
    state: "État",
    attempts: "Tentatives",
    response: "Réponse",
    latency: "Durée",
    time: "Date",
    actions: "Actions",
  },
  deliveryStates: { pending: "En attente", delivered: "Livrée", failed: "En échec" },
  nextAttempt: (at: string) => `Prochain essai ${at}`,
  noResponse: "Pas de réponse",
  details: "Détails",
  detailsOf: (type: string, time: string) => `Détails de ${type} du ${time}`,
  replay: "Renvoyer",
  detail: {
    title: "Livraison",
    eventId: "Identifiant de l’événement",
    request: "Corps envoyé",
    requestHeaders: "En-têtes envoyés",
    attempts: "Tentatives",
    noAttempts: "Aucune tentative pour l’instant.",
    attempt: (n: number) => `Tentative ${n}`,
    status: "Statut HTTP",
    latency: "Durée",
    latencyMs: (ms: string) => `${ms}${NBSP}ms`,
    error: "Erreur",
    response: "Début de la réponse",
    emptyResponse: "(réponse vide)",
  },
};

export type WebhooksMessages = typeof webhooksFr;
