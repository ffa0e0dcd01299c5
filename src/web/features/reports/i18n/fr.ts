import { plural } from "../../../i18n/plural";

// The Reports page's own strings, loaded with the page. Same rules as the main catalogue: U+00A0
// before ":", U+202F before "; ? !" and inside « ».
const NBSP = "\u00a0";
const NNBSP = "\u202f";

export const reportsFr = {
  title: "Rapports",
  intro:
    "Le temps que les candidats attendent une réponse d’une personne de l’équipe, le temps jusqu’à la résolution d’une conversation, et les conversations traitées, semaine par semaine.",
  period: "Période",
  weeks: (n: number, f: string) =>
    plural("fr-MA", n, { one: `La dernière semaine`, other: `Les ${f} dernières semaines` }),
  ownOnly: `Vos propres chiffres${NBSP}: les recruteurs ne voient pas ceux de leurs collègues.`,
  range: (from: string, to: string) => `Du ${from} au ${to}`,
  handled: "Conversations traitées",
  firstResponse: "Première réponse (médiane)",
  resolution: "Résolution (médiane)",
  p90: (duration: string) => `90${NBSP}% en moins de ${duration}`,
  responses: (n: number, f: string) =>
    plural("fr-MA", n, { one: `${f} attente mesurée`, other: `${f} attentes mesurées` }),
  resolutions: (n: number, f: string) =>
    plural("fr-MA", n, { one: `${f} conversation résolue`, other: `${f} conversations résolues` }),
  chartTitle: "Première réponse, semaine par semaine",
  chartMedian: "Médiane",
  chartP90: "90e centile",
  chartSummary: (week: string, median: string, p90: string, handled: string) =>
    `Semaine du ${week}${NBSP}: médiane ${median}, 90e centile ${p90}, ${handled} conversations traitées`,
  week: "Semaine du",
  recruitersTitle: "Par recruteur",
  columns: {
    recruiter: "Recruteur",
    handled: "Conversations traitées",
    responses: "Réponses",
    firstResponseMedian: "1re réponse, médiane",
    firstResponseP90: "1re réponse, 90e centile",
    resolutions: "Résolutions",
    resolutionMedian: "Résolution, médiane",
    resolutionP90: "Résolution, 90e centile",
  },
  emptyTitle: "Pas encore de chiffres sur cette période",
  emptyBody:
    "Ils apparaissent dès qu’un membre de l’équipe répond à un candidat ou résout une conversation. Les réponses automatiques, les campagnes et les envois par API ne comptent pas comme des réponses.",
  definitions: `Une attente commence au premier message du candidat depuis la dernière réponse de l’équipe et finit à la réponse suivante d’une personne (comptée la semaine de la réponse). La résolution se mesure de l’ouverture de la conversation (ou de sa réouverture) à son passage en «${NNBSP}Résolue${NNBSP}».`,
  retry: "Réessayer",
};
export type ReportsMessages = typeof reportsFr;
