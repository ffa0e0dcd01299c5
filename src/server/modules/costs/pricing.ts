import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** One rate card row as the pricing reads it (prices are data: see `rate_cards`). */
export interface RateEntry {
  id: number;
  market: string;
  category: string;
  pricingType: string;
  price: number;
  currency: string;
  /** `YYYY-MM-DD`. */
  effectiveFrom: string;
}

export interface FxEntry {
  currency: string;
  madPerUnit: number;
  effectiveFrom: string;
}

/** The rows the pricing chooses from: every row of the markets at hand, all days. */
export interface RateCard {
  rates: RateEntry[];
  fx: FxEntry[];
}

/** The market a rate card row of any country falls back to. */
export const ANY_MARKET = "*";
/** Meta charges only this type; the others say why a message was free. */
export const REGULAR = "regular";
/** The months of the costs page are Morocco's. */
export const COST_TIME_ZONE = "Africa/Casablanca";

/**
 * Meta's category as a rate card key: lower case, `-` as `_` (`AUTHENTICATION`,
 * `authentication-international` → `authentication`, `authentication_international`). A category
 * Meta adds later (`marketing_lite` did) is kept as it comes, and priced once the card has it.
 */
export function categoryKey(category: string): string {
  return category.trim().toLowerCase().replace(/-/g, "_");
}

/** The ISO country of a WhatsApp id or E.164 number (`212612…` → `MA`), or `*` when unknown. */
/**
 * The market of a candidate: their number's country, else, for a candidate known only by their
 * business-scoped user id, the country the BSUID starts with (`MA.1349…`: Morocco).
 */
export function marketOfContact(contact: {
  waId?: string | null;
  phone?: string | null;
  bsuid?: string | null;
}): string {
  if (contact.waId || contact.phone) return marketOf(contact.waId ?? contact.phone);
  const country = /^([A-Z]{2})\./.exec(contact.bsuid ?? "")?.[1];
  return country ?? ANY_MARKET;
}

export function marketOf(waIdOrPhone: string | null | undefined): string {
  if (!waIdOrPhone) return ANY_MARKET;
  const digits = waIdOrPhone.replace(/[^\d]/g, "");
  return parsePhoneNumberFromString(`+${digits}`)?.country ?? ANY_MARKET;
}

/** `YYYY-MM-DD` of an instant in Morocco's time. */
export function dayOf(at: Date): string {
  return costDay.format(at);
}

/** Built once: a formatter costs far more to build than to use, and the webhook batch asks per message. */
const costDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: COST_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The first day (`YYYY-MM-01`) of an instant's month in Morocco's time. */
export function monthOf(at: Date): string {
  return `${dayOf(at).slice(0, 7)}-01`;
}

/** The newest row in force on `day` (later `effectiveFrom` wins, then the later entry). */
function inForce<T extends { effectiveFrom: string }>(rows: T[], day: string, order: (row: T) => number) {
  let best: T | undefined;
  for (const row of rows) {
    if (row.effectiveFrom > day) continue;
    if (
      !best ||
      row.effectiveFrom > best.effectiveFrom ||
      (row.effectiveFrom === best.effectiveFrom && order(row) > order(best))
    )
      best = row;
  }
  return best;
}

/** MAD for one unit of `currency` on `day`; undefined when the card has no rate for it yet. */
export function madPerUnit(card: RateCard, currency: string, day: string): number | undefined {
  if (currency === "MAD") return 1;
  const rows = card.fx.filter((row) => row.currency === currency);
  return inForce(rows, day, (row) => row.madPerUnit)?.madPerUnit;
}

export interface Price {
  amountMad: number;
  /** The row applied; null when the message is free by its type or the card has no price. */
  rateCardId: number | null;
  /** False when a charged type had no price on the card (the amount is then 0, and says so). */
  isPriced: boolean;
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * What one delivered message costs in MAD: the card's row for its market, category and pricing
 * type in force on its day (the market's own row, else the `*` row). A free type costs nothing
 * unless the card prices it (as Meta may, for service messages); `authentication_international`
 * without a row of its own is priced as `authentication`.
 */
export function priceMessage(
  card: RateCard,
  message: { market: string; category: string; pricingType: string; day: string },
): Price {
  const category = categoryKey(message.category);
  const find = (market: string, cat: string) =>
    inForce(
      card.rates.filter(
        (r) => r.market === market && r.category === cat && r.pricingType === message.pricingType,
      ),
      message.day,
      (r) => r.id,
    );
  const candidates = category === "authentication_international" ? [category, "authentication"] : [category];
  let row: RateEntry | undefined;
  for (const cat of candidates) {
    row = find(message.market, cat) ?? find(ANY_MARKET, cat);
    if (row) break;
  }
  if (!row) {
    const isFree = message.pricingType !== REGULAR;
    return { amountMad: 0, rateCardId: null, isPriced: isFree };
  }
  const fx = madPerUnit(card, row.currency, message.day);
  if (fx === undefined) return { amountMad: 0, rateCardId: null, isPriced: false };
  return { amountMad: round4(row.price * fx), rateCardId: row.id, isPriced: true };
}

/** The SMS price (each way) in MAD on `day` for a market, from the same card. */
export function smsPrice(card: RateCard, market: string, day: string): number {
  return priceMessage(card, { market, category: "sms", pricingType: REGULAR, day }).amountMad;
}
