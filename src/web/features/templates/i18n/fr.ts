import type { TemplateProblemCode, TemplateRejectionReason } from "../../../../contracts/template-rules";
import { plural } from "../../../i18n/plural";

// The Templates page's own strings, loaded with the page (not in the first bundle). Same rules as
// the main catalogue: U+00A0 before ":" and in "24 h", U+202F before "; ? !" and inside « ».
const NBSP = "\u00a0";
const NNBSP = "\u202f";
const quote = (text: string) => `«${NNBSP}${text}${NNBSP}»`;
const n = (count: number, one: string, other: string) => plural("fr-MA", count, { one, other });

/** Meta's reason in words and what to change; every reason Meta gives has one (checked by the type). */
type Explained = { reason: string; advice: string };

/** Figures a rule's problem quotes (a limit, a variable), already formatted. */
export type ProblemParams = Record<string, string>;

export const templatesFr = {
  title: "Modèles",
  intro: `Les messages que Meta doit approuver avant qu’ils puissent ouvrir une conversation avec un candidat${NBSP}: créez-les ici, suivez leur validation et sachez quoi corriger quand ils sont refusés.`,
  newTemplate: "Nouveau modèle",
  starterPack: "Pack recrutement",
  sync: "Synchroniser avec Meta",
  syncing: "Synchronisation…",
  synced: (count: number, formatted: string) =>
    n(count, `${formatted} modèle synchronisé.`, `${formatted} modèles synchronisés.`),
  readOnly: `Seuls les propriétaires et les administrateurs créent, modifient et suppriment les modèles${NBSP}: chacun est soumis à Meta au nom de l’entreprise.`,
  loadError: "Impossible de charger les modèles.",
  connect: "Connecter WhatsApp",
  needsConnection: `Connectez d’abord un numéro WhatsApp${NBSP}: ses modèles apparaîtront ici.`,
  filters: {
    label: "Filtrer les modèles",
    search: "Rechercher un modèle",
    number: "Numéro",
    allNumbers: "Tous les numéros",
    status: "Statut",
    allStatuses: "Tous les statuts",
    category: "Catégorie",
    allCategories: "Toutes les catégories",
    language: "Langue",
    allLanguages: "Toutes les langues",
    clear: "Effacer les filtres",
    count: (count: number, formatted: string) => n(count, `${formatted} modèle`, `${formatted} modèles`),
  },
  table: {
    caption: "Modèles de message",
    name: "Nom",
    language: "Langue",
    category: "Catégorie",
    status: "Statut",
    quality: "Qualité",
    changed: "Dernier changement",
    number: "Numéro",
  },
  noMatch: "Aucun modèle ne correspond à ces filtres.",
  emptyNumber: {
    title: `Aucun modèle sur ce numéro pour l’instant`,
    body: `Un modèle approuvé est obligatoire pour écrire en premier à un candidat, ou pour le relancer quand la fenêtre de 24${NBSP}h est fermée. Commencez par le pack recrutement${NBSP}: six messages prêts à soumettre, à votre nom.`,
    action: "Voir le pack recrutement",
  },
  statuses: {
    PENDING: "En attente de Meta",
    APPROVED: "Approuvé",
    REJECTED: "Refusé",
    PAUSED: "En pause",
    DISABLED: "Désactivé",
    FLAGGED: "Signalé",
    IN_APPEAL: "En appel",
    LIMIT_EXCEEDED: "Limite atteinte",
    LOCKED: "Verrouillé",
    ARCHIVED: "Archivé",
    PENDING_DELETION: "Suppression en cours",
    DELETED: "Supprimé",
  } as Record<string, string>,
  quality: {
    GREEN: "Élevée",
    YELLOW: "Moyenne",
    RED: "Faible",
    UNKNOWN: "Pas encore notée",
  } as Record<string, string>,
  categories: {
    MARKETING: "Marketing",
    UTILITY: "Utilitaire",
    AUTHENTICATION: "Authentification",
  } as Record<string, string>,
  /** What each category may contain, in one line. */
  categoryHints: {
    MARKETING: `Offres d’emploi, salons, invitations à postuler${NBSP}: tout ce qui fait la promotion d’un poste ou de l’entreprise.`,
    UTILITY: `Le suivi d’une candidature en cours${NBSP}: accusé de réception, entretien, documents, rappel. Rien de promotionnel.`,
    AUTHENTICATION: `Codes à usage unique, dans une mise en page imposée par Meta${NBSP}: ils ne s’écrivent pas ici.`,
  } as Record<string, string>,
  /** What one send costs, the price already formatted (`0,40 MAD`). */
  cost: {
    MARKETING: (price: string) => `Un envoi coûte ≈${NBSP}${price}, facturé à chaque message distribué.`,
    UTILITY: (price: string) =>
      `Un envoi coûte ≈${NBSP}${price} hors fenêtre de 24${NBSP}h${NNBSP}; gratuit quand le candidat vous a écrit dans les 24${NBSP}h.`,
    AUTHENTICATION: (price: string) => `Un envoi coûte ≈${NBSP}${price}, facturé à chaque message distribué.`,
  } as Record<string, (price: string) => string>,
  costNote: `Tarif indicatif de Meta pour le Maroc${NNBSP}; la campagne affiche le montant exact avant l’envoi.`,
  detail: {
    back: "Tous les modèles",
    notFound: `Ce modèle n’existe pas ou n’est plus sur ce numéro.`,
    deleted: `Ce modèle a été supprimé.`,
    metaName: "Nom chez Meta",
    number: "Numéro",
    language: "Langue",
    category: "Catégorie",
    status: "Statut",
    quality: "Qualité",
    changed: "Dernier changement",
    translations: "Autres langues",
    preview: "Aperçu",
    previewHint: `Tel que le candidat le verra, avec les valeurs d’exemple`,
    unreadable: `Ce modèle utilise des éléments que l’aperçu ne sait pas afficher (carrousel, code à usage unique).`,
    history: "Historique",
    noHistory: `Aucun changement enregistré pour l’instant.`,
    edit: "Modifier",
    delete: "Supprimer",
    deleteTitle: `Supprimer ce modèle${NNBSP}?`,
    deleteBody: (name: string, language: string) =>
      `${quote(name)} en ${language} sera supprimé chez Meta. Les messages déjà envoyés restent dans les conversations.`,
    deleteApproved: `Meta bloque ce nom pendant 30${NBSP}jours après la suppression d’un modèle approuvé${NNBSP}: vous ne pourrez pas le réutiliser avant.`,
    deleteConfirm: "Supprimer le modèle",
    deleteDisabled: `Meta ne permet pas de supprimer un modèle désactivé.`,
    readOnly: "Réservé aux propriétaires et aux administrateurs.",
  },
  /** Why Meta refused, in words, and what to change: by Meta's rejection reason. */
  rejection: {
    title: "Refusé par Meta",
    INVALID_FORMAT: {
      reason: `Le format ne respecte pas les règles de Meta.`,
      advice: `Vérifiez les variables (écrites {{1}} ou {{first_name}}, jamais en tout début ou en toute fin de texte, jamais collées l’une à l’autre), donnez un exemple réaliste pour chacune, et retirez les caractères spéciaux du titre.`,
    },
    TAG_CONTENT_MISMATCH: {
      reason: `Le texte ne correspond pas à la catégorie ou à la langue choisie.`,
      advice: `Écrivez le texte dans la langue indiquée et choisissez la catégorie qui correspond à son contenu${NBSP}: une offre d’emploi est du marketing, le suivi d’une candidature est utilitaire.`,
    },
    INCORRECT_CATEGORY: {
      reason: `La catégorie choisie ne correspond pas au contenu.`,
      advice: `Un message qui fait la promotion d’un poste ou de l’entreprise est du marketing. Gardez la catégorie utilitaire pour le suivi d’une candidature, sans aucune promotion.`,
    },
    INVALID_CATEGORY: {
      reason: `La catégorie choisie ne correspond pas au contenu.`,
      advice: `Choisissez marketing si le message promeut un poste ou l’entreprise, utilitaire s’il suit une candidature en cours.`,
    },
    CATEGORY_NOT_AVAILABLE: {
      reason: `Cette catégorie n’est pas ouverte à ce compte WhatsApp.`,
      advice: `Soumettez le modèle dans une autre catégorie, ou vérifiez l’état du compte dans le gestionnaire WhatsApp de Meta.`,
    },
    PROMOTIONAL: {
      reason: `Le texte contient de la promotion alors que la catégorie n’en permet pas.`,
      advice: `Retirez les formules promotionnelles (offres, «${NNBSP}ne manquez pas${NNBSP}», liens vers des annonces) ou soumettez-le en marketing.`,
    },
    ABUSIVE_CONTENT: {
      reason: `Meta juge le contenu contraire à ses règles (menace, harcèlement, contenu choquant).`,
      advice: `Reformulez le message sur un ton neutre et professionnel, sans pression ni promesse excessive.`,
    },
    SCAM: {
      reason: `Meta soupçonne une arnaque.`,
      advice: `Ne demandez ni paiement, ni frais de dossier, ni données bancaires${NNBSP}; indiquez clairement l’entreprise et utilisez des liens vers votre propre site.`,
    },
    other: {
      reason: `Meta n’a pas précisé la raison.`,
      advice: `Relisez le texte, les exemples et la catégorie, corrigez ce qui pourrait prêter à confusion et soumettez à nouveau.`,
    },
    metaSays: (text: string) => `Meta précise${NBSP}: ${quote(text)}`,
    fix: "Corriger le modèle",
  } satisfies Record<TemplateRejectionReason, Explained> & Record<string, unknown>,
  /** Pauses and deactivation, by Meta's title. */
  pause: {
    PAUSED: {
      title: "En pause",
      body: `Trop de candidats ont bloqué ce message ou l’ont signalé. Meta le suspend pour protéger la qualité du numéro${NBSP}: il ne peut pas être envoyé pendant la pause.`,
      advice: `Envoyez-le seulement à des candidats qui attendent vos messages, rendez-le plus personnel et proposez une façon simple de ne plus en recevoir.`,
    },
    FIRST_PAUSE: {
      title: "En pause pour 3 heures",
      body: `Trop de candidats ont bloqué ce message ou l’ont signalé. Meta le suspend 3${NBSP}heures${NNBSP}; il reprendra tout seul.`,
      advice: `Envoyez-le seulement à des candidats qui attendent vos messages, rendez-le plus personnel et proposez une façon simple de ne plus en recevoir.`,
    },
    SECOND_PAUSE: {
      title: "En pause pour 6 heures",
      body: `Deuxième pause pour qualité faible${NBSP}: Meta le suspend 6${NBSP}heures. Une nouvelle baisse le désactivera.`,
      advice: `Modifiez le texte avant de l’envoyer à nouveau, et limitez-le aux candidats qui ont postulé ou donné leur accord.`,
    },
    RATE_LIMITING_PAUSE: {
      title: "Envoi ralenti",
      body: `Meta espace les envois de ce modèle le temps de mesurer comment les candidats le reçoivent.`,
      advice: `Il reste utilisable${NBSP}: les messages partent simplement plus lentement.`,
    },
    DISABLED: {
      title: "Désactivé",
      body: `Après des pauses répétées pour qualité faible, Meta a désactivé ce modèle${NBSP}: il ne peut plus être envoyé ni modifié.`,
      advice: `Créez un nouveau modèle au texte revu, envoyé seulement aux candidats intéressés.`,
    },
  },
  pending: `Meta examine ce modèle, en général en quelques minutes et au plus en 24${NBSP}h. Il pourra être envoyé dès son approbation${NNBSP}; cette page se met à jour toute seule.`,
  /** Why an edit is not possible now. */
  editRefusal: {
    status_not_editable: (status: string) =>
      `Meta ne permet pas de modifier un modèle ${String(status).toLocaleLowerCase("fr")}.`,
    edited_today: (date: string) =>
      `Meta accepte une modification par jour sur un modèle approuvé${NBSP}: prochaine possible le ${date}.`,
    edit_limit_month: (date: string) =>
      `Meta accepte 10 modifications par mois sur un modèle approuvé${NBSP}: prochaine possible le ${date}.`,
    category_locked: `La catégorie d’un modèle approuvé ne peut plus changer.`,
    unreadable: `Ce modèle utilise des éléments que l’éditeur ne gère pas (carrousel, code à usage unique)${NBSP}: modifiez-le dans le gestionnaire WhatsApp de Meta.`,
  },
  history: {
    submitted: "Soumis à Meta",
    edited: "Modifié et soumis à nouveau",
    deleted: "Supprimé",
    status: (status: string) => status,
    category: (category: string) => `Catégorie changée par Meta${NBSP}: ${category}`,
    categoryAtSubmit: (category: string) => `Catégorie${NBSP}: ${category}`,
    quality: (quality: string) => `Qualité${NBSP}: ${quality}`,
    reason: (reason: string) => `Motif${NBSP}: ${reason}`,
  },
  /** Meta's creation and edit refusals, by the rule behind Meta's error subcode. */
  metaRules: {
    duplicate_name_language: `Un modèle de ce nom existe déjà dans cette langue sur ce numéro.`,
    name_being_deleted: `Un modèle de ce nom est en cours de suppression${NBSP}: choisissez un autre nom.`,
    template_count_limit: `Ce compte WhatsApp a atteint le nombre maximal de modèles${NBSP}: supprimez-en qui ne servent plus.`,
    text_too_long: "Un texte dépasse la longueur permise par Meta.",
    name_format: "Le nom ne respecte pas les règles de Meta.",
    variables_or_examples: `Les variables ou leurs exemples ne respectent pas les règles de Meta.`,
    header_format: `Le titre ne respecte pas les règles de Meta.`,
    body_format: `Le texte du message ne respecte pas les règles de Meta.`,
    footer_format: `Le pied de page ne respecte pas les règles de Meta.`,
    too_many_variables: `Trop de variables pour la longueur du texte.`,
    variable_at_edge: `Le texte ne peut pas commencer ni finir par une variable.`,
    status_not_editable: `Meta ne permet pas de modifier ce modèle dans son état actuel.`,
    category_locked: `La catégorie d’un modèle approuvé ne peut plus changer.`,
    edit_limit: `Meta limite les modifications d’un modèle approuvé (une par jour, dix par mois).`,
    template_not_found: `Meta ne trouve plus ce modèle.`,
  } as Record<string, string>,
  metaRefused: (language: string, words: string) => `${language}${NBSP}: ${words}`,
  builder: {
    newTitle: "Nouveau modèle",
    editTitle: (name: string) => `Modifier ${quote(name)}`,
    intro: `Meta relit chaque modèle avant qu’il puisse être envoyé. Les règles de Meta sont vérifiées pendant que vous écrivez.`,
    number: "Numéro WhatsApp",
    name: "Nom du modèle",
    nameHint: `Lettres minuscules, chiffres et _ uniquement, par exemple offre_magasinier. Visible seulement par votre équipe et Meta.`,
    nameLocked: `Le nom et la langue d’un modèle existant ne changent pas.`,
    category: "Catégorie",
    categoryLocked: `La catégorie d’un modèle approuvé ne peut plus changer.`,
    unsupported: "Non disponible ici",
    languages: "Langues",
    languagesHint: `Un seul modèle, une traduction par langue${NBSP}: chacune est relue par Meta séparément.`,
    variables: "Variables",
    named: "Nommées, comme {{first_name}}",
    positional: "Numérotées, comme {{1}}",
    variablesHint: `Les variables nommées disent ce qu’elles contiennent, ce qui aide l’équipe à les remplir.`,
    contentTabs: "Contenu par langue",
    problemsInTab: (count: number, formatted: string) =>
      n(count, `${formatted} problème`, `${formatted} problèmes`),
    header: "Titre",
    headerNone: "Aucun",
    headerText: "Texte",
    headerImage: "Image",
    headerVideo: "Vidéo",
    headerDocument: "Document",
    headerTextLabel: "Texte du titre",
    headerTextHint: `60 caractères au plus, une variable au plus, sans emoji ni mise en forme.`,
    headerFile: "Fichier d’exemple",
    headerFileHint: {
      IMAGE: `Une image JPEG ou PNG (5${NBSP}Mo au plus), montrée à Meta comme exemple${NNBSP}; chaque envoi pourra avoir la sienne.`,
      VIDEO: `Une vidéo MP4 (16${NBSP}Mo au plus), montrée à Meta comme exemple${NNBSP}; chaque envoi pourra avoir la sienne.`,
      DOCUMENT: `Un PDF (100${NBSP}Mo au plus), montré à Meta comme exemple${NNBSP}; chaque envoi pourra avoir le sien.`,
    } as Record<string, string>,
    uploading: "Envoi du fichier…",
    uploaded: (name: string) => `Fichier envoyé${NBSP}: ${name}`,
    uploadError: `Le fichier n’a pas pu être envoyé.`,
    body: "Message",
    bodyHint: `1${NBSP}024 caractères au plus. *gras*, _italique_ et ~barré~ comme dans WhatsApp.`,
    insertVariable: "Insérer une variable",
    otherVariable: "Autre variable…",
    otherVariableName: "Nom de la variable",
    otherVariableHint: "Minuscules, chiffres et _, par exemple date_limite.",
    insert: "Insérer",
    examples: "Exemples",
    examplesHint: `Meta demande une valeur réaliste pour chaque variable${NNBSP}; elles servent aussi à l’aperçu.`,
    exampleFor: (words: string) => `Exemple pour ${words}`,
    valueN: (position: string) => `la valeur ${position}`,
    noVariables: `Aucune variable${NBSP}: le message est le même pour tous les candidats.`,
    footer: "Pied de page (facultatif)",
    footerHint: `60 caractères au plus, sans variable. Par exemple${NBSP}: Répondez STOP pour ne plus recevoir nos offres.`,
    buttons: "Boutons (facultatif)",
    buttonsHint: `Jusqu’à 10 boutons. Les réponses rapides se suivent, avant ou après les autres.`,
    addButton: "Ajouter un bouton",
    buttonTypes: {
      QUICK_REPLY: "Réponse rapide",
      URL: "Lien",
      PHONE_NUMBER: "Appel",
      COPY_CODE: "Copier un code",
    } as Record<string, string>,
    buttonText: "Texte du bouton",
    buttonUrl: "Adresse du lien",
    buttonUrlHint: `Peut finir par {{1}}, complété à chaque envoi (par exemple la référence de l’offre).`,
    buttonUrlExample: "Exemple pour {{1}}",
    buttonPhone: "Numéro à appeler",
    buttonPhoneHint: "Au format international, par exemple +212 5 22 12 34 56.",
    buttonCode: "Code d’exemple",
    copyCodeLabel: "Copier le code",
    removeButton: (label: string) => `Retirer le bouton ${quote(label)}`,
    moveUp: "Monter",
    moveDown: "Descendre",
    previewTitle: "Aperçu",
    previewHint: "Avec les valeurs d’exemple, comme sur le téléphone du candidat",
    costTitle: "Coût",
    summaryTitle: (count: number, formatted: string) =>
      n(
        count,
        `${formatted} problème à corriger avant de soumettre${NBSP}:`,
        `${formatted} problèmes à corriger avant de soumettre${NBSP}:`,
      ),
    inLanguage: (language: string, text: string) => `${language} · ${text}`,
    serverRefused: `Le serveur a refusé le modèle${NBSP}: les problèmes sont indiqués à leur champ, votre brouillon est conservé.`,
    submit: "Soumettre à Meta",
    submitEdit: "Soumettre la modification",
    submitting: "Envoi à Meta…",
    cancel: "Annuler",
    submitted: (name: string) =>
      `${quote(name)} est soumis à Meta${NBSP}: il apparaît «${NNBSP}En attente de Meta${NNBSP}» jusqu’à sa validation.`,
    partlyRefused: `Meta a refusé certaines langues${NBSP}:`,
    readOnly: `Seuls les propriétaires et les administrateurs peuvent soumettre des modèles à Meta.`,
    noConnection: `Connectez d’abord un numéro WhatsApp actif.`,
    fromLanguage: (language: string) => `Partir du texte en ${language}`,
    emptyTab: `Écrivez le message dans cette langue, ou partez d’une traduction existante.`,
  },
  /** The variables the "insert" menu offers, with their example. */
  suggestions: {
    first_name: { label: "Prénom", example: "Yassine" },
    job_title: { label: "Poste", example: "Technicien de maintenance" },
    company_name: { label: "Entreprise", example: "Atlas Industrie" },
    city: { label: "Ville", example: "Casablanca" },
    date: { label: "Date", example: "12 mars" },
    time: { label: "Heure", example: "10h00" },
    location: { label: "Lieu", example: "Agence Maârif, 45 bd Zerktouni" },
  },
  /** A rule's problem at its field, by code; figures in `p`. */
  problems: {
    name_required: () => "Donnez un nom au modèle.",
    name_format: () =>
      `Le nom ne peut contenir que des lettres minuscules sans accent, des chiffres et _ (par exemple offre_magasinier).`,
    name_too_long: (p: ProblemParams) => `Le nom fait ${p.max} caractères au plus.`,
    category_unsupported: () =>
      `Les modèles d’authentification (codes à usage unique) ont une mise en page imposée par Meta${NBSP}: ils ne s’écrivent pas ici.`,
    translations_required: () => "Choisissez au moins une langue.",
    language_unsupported: (p: ProblemParams) => `${p.language} n’est pas une langue proposée ici.`,
    language_duplicate: (p: ProblemParams) => `${p.language} est choisi deux fois.`,
    header_text_required: () => `Écrivez le titre, ou choisissez «${NNBSP}Aucun${NNBSP}».`,
    header_text_too_long: (p: ProblemParams) =>
      `Le titre fait ${p.length} caractères${NBSP}: ${p.max} au plus.`,
    header_text_format: () => "Le titre ne peut contenir ni retour à la ligne, ni emoji, ni * _ ~ `.",
    header_too_many_variables: () => "Le titre ne peut contenir qu’une variable.",
    header_media_required: () => `Envoyez un fichier d’exemple pour le titre.`,
    body_required: () => "Écrivez le message.",
    body_too_long: (p: ProblemParams) => `Le message fait ${p.length} caractères${NBSP}: ${p.max} au plus.`,
    variable_malformed: (p: ProblemParams) =>
      p.variable
        ? `${p.variable} n’est pas une variable${NBSP}: écrivez {{1}} ou {{first_name}}.`
        : `Accolades mal fermées${NBSP}: écrivez les variables {{1}} ou {{first_name}}.`,
    variable_name_format: (p: ProblemParams) =>
      `${p.variable}${NBSP}: toutes les variables de ce modèle s’écrivent ${p.expected}.`,
    variables_not_sequential: (p: ProblemParams) =>
      `Numérotez les variables de {{1}} à {{${p.count}}}, sans en sauter.`,
    variable_at_edge: () =>
      `Le message ne peut ni commencer ni finir par une variable${NBSP}: ajoutez des mots autour.`,
    variables_adjacent: (p: ProblemParams) => `Ajoutez des mots entre ${p.first} et ${p.second}.`,
    too_many_variables: (p: ProblemParams) =>
      `Trop de variables pour un texte si court${NBSP}: ${p.variables} variables demandent au moins ${p.minimumWords} autres mots.`,
    example_required: (p: ProblemParams) => `Donnez un exemple pour ${p.variable}.`,
    example_format: (p: ProblemParams) =>
      `L’exemple de ${p.variable} ne peut contenir ni retour à la ligne, ni tabulation, ni plus de 4 espaces de suite.`,
    footer_too_long: (p: ProblemParams) =>
      `Le pied de page fait ${p.length} caractères${NBSP}: ${p.max} au plus.`,
    footer_format: () => "Le pied de page ne peut contenir ni variable, ni retour à la ligne.",
    buttons_too_many: (p: ProblemParams) => `${p.max} boutons au plus.`,
    buttons_type_limit: (p: ProblemParams) => `${p.max} bouton(s) ${p.type} au plus.`,
    quick_replies_not_grouped: () =>
      "Les réponses rapides doivent se suivre, avant ou après les autres boutons.",
    button_text_required: () => "Écrivez le texte du bouton.",
    button_text_too_long: (p: ProblemParams) => `Le texte d’un bouton fait ${p.max} caractères au plus.`,
    button_text_duplicate: () => "Deux boutons ne peuvent pas avoir le même texte.",
    url_format: () => `Écrivez une adresse web complète (https://…).`,
    url_too_long: (p: ProblemParams) => `L’adresse fait ${p.max} caractères au plus.`,
    url_variable_position: () => `Un lien ne peut contenir qu’une variable, {{1}}, tout à la fin.`,
    url_example_required: () => "Donnez un exemple pour le {{1}} du lien.",
    phone_format: () => "Écrivez le numéro au format international, par exemple +212661234567.",
    copy_code_example_required: () => "Donnez un code d’exemple.",
    copy_code_example_too_long: (p: ProblemParams) => `Un code fait ${p.max} caractères au plus.`,
  } satisfies Record<TemplateProblemCode, (p: ProblemParams) => string>,
  namedExpected: "en minuscules, comme {{first_name}}",
  positionalExpected: "avec un numéro, comme {{1}}",
  starter: {
    title: "Pack recrutement",
    intro: `Six modèles écrits pour le recrutement, en français, en arabe et en anglais. Vérifiez le nom de l’entreprise, choisissez les langues, puis soumettez chacun en un clic.`,
    number: "Numéro WhatsApp",
    company: `Nom de l’entreprise`,
    companyHint: "Il est écrit dans les messages, tel que les candidats le connaissent.",
    languages: "Langues",
    loading: "Chargement du pack…",
    loadError: "Impossible de charger le pack recrutement.",
    fromLibrary: `Modèle de la bibliothèque Meta${NBSP}: approuvé dès la soumission`,
    submit: "Soumettre",
    submitting: "Envoi…",
    submitAll: "Tout soumettre",
    exists: (status: string) => `Déjà sur ce numéro · ${status}`,
    submittedOne: "Soumis à Meta",
    chooseLanguage: "Choisissez au moins une langue.",
    open: "Voir",
    close: "Fermer",
    preview: (name: string) => `Aperçu de ${quote(name)}`,
  },
};

export type TemplatesMessages = typeof templatesFr;
