import { formatMad } from "../../../i18n/format";
import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { campaignsAr } from "./ar";
import { campaignsEn } from "./en";
import { type CampaignsMessages, campaignsFr } from "./fr";

export type { CampaignsMessages };

/** The Campaigns page's strings, shipped with the page's lazy chunk (not in the first bundle). */
export const CAMPAIGNS_CATALOGUES: Record<Locale, CampaignsMessages> = {
  fr: campaignsFr,
  en: campaignsEn,
  ar: campaignsAr,
};

/** `const { t, tc, fmt, mad } = useCampaignsI18n()`: main catalogue, this page's, and formatters. */
export function useCampaignsI18n() {
  const i18n = useI18n();
  return {
    ...i18n,
    tc: CAMPAIGNS_CATALOGUES[i18n.locale],
    mad: (amount: number) => formatMad(i18n.locale, amount),
  };
}
