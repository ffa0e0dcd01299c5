// The quick replies' strings (settings section and composer list). Same rules as the main
// catalogue: U+00A0 before ":", U+202F before "; ? !" and inside « ».
const NBSP = "\u00a0";
const NNBSP = "\u202f";

export const quickRepliesFr = {
  title: "Réponses rapides",
  intro: `Tapez «${NNBSP}/${NNBSP}» dans la zone de message pour insérer une réponse. Variables${NBSP}: {{prenom}} (prénom du candidat), {{poste}} (poste), {{recruteur}} (votre nom).`,
  shared: "Réponses de l’équipe",
  sharedHint: "Partagées avec toute l’équipe, gérées par les propriétaires et les administrateurs.",
  personal: "Mes réponses",
  personalHint: "Visibles par vous seul.",
  empty: "Aucune réponse pour l’instant.",
  add: "Nouvelle réponse",
  edit: "Modifier",
  delete: "Supprimer",
  confirmDelete: (shortcut: string) => `Supprimer la réponse /${shortcut}${NNBSP}?`,
  form: {
    newTitle: "Nouvelle réponse rapide",
    editTitle: "Modifier la réponse rapide",
    scope: (who: string) => `Visible par${NBSP}: ${who}`,
    scopeShared: "Toute l’équipe",
    scopePersonal: "Moi seulement",
    shortcut: "Raccourci",
    shortcutHint: "Un mot, sans espace (ex. entretien)",
    title: "Titre",
    language: "Langue",
    body: "Texte",
    insertVariable: "Insérer une variable",
    preview: "Aperçu",
    save: "Enregistrer",
    cancel: "Annuler",
  },
  variables: { prenom: "Prénom", poste: "Poste", recruteur: "Recruteur" },
  languages: { fr: "Français", ar: "Arabe", en: "Anglais" },
  errors: {
    shortcut: `Un seul mot${NBSP}: lettres, chiffres, - ou _, sans espace.`,
    title: "Donnez un titre.",
    body: "Écrivez le texte de la réponse.",
    unknownVariable: (names: string) => `Variable inconnue${NBSP}: ${names}`,
    taken: "Ce raccourci a déjà une réponse dans cette langue.",
  },
  composer: {
    list: "Réponses rapides",
    none: (query: string) => `Aucune réponse rapide pour «${NNBSP}/${query}${NNBSP}»`,
    manage: "Gérer les réponses rapides",
    personalBadge: "Perso",
    missingHint: "Complétez les variables restées entre {{ }} avant d’envoyer.",
  },
};
export type QuickRepliesMessages = typeof quickRepliesFr;
