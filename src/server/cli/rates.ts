import { parseArgs } from "node:util";
import { rateCardHistory, setExchangeRate, setRate } from "../modules/costs/rate-cards.service";
import { loadConfig } from "../platform/config";
import { openDatabase } from "../platform/db/client";
import { AppError } from "../platform/errors";

// The rate card, by LinkoJob's operator. Prices are only ever added from a day on: the older ones
// stay in force for the days before, so past months keep their cost.
//
//   npm run rates:list [-- --market MA]
//   npm run rates:set -- --market MA --category marketing --price 0.0300 --currency USD \
//     --from 2026-10-01 --source "Meta pricing page, read 2026-09-20" --by "Rim"
//   npm run rates:set -- --fx USD --rate 9.12 --from 2026-10-01 --source "Bank Al-Maghrib" --by "Rim"
//   (--type free_customer_service|free_entry_point for a free type Meta starts charging; default regular)
const USAGE =
  "usage: rates.ts list [--market MA] | set --market --category [--type] --price --currency --from --source --by | set --fx USD --rate --from --source --by";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    market: { type: "string" },
    category: { type: "string" },
    type: { type: "string" },
    price: { type: "string" },
    currency: { type: "string" },
    fx: { type: "string" },
    rate: { type: "string" },
    from: { type: "string" },
    source: { type: "string" },
    by: { type: "string" },
  },
});

const database = await openDatabase(loadConfig());
try {
  const [command] = positionals;
  if (command === "list") {
    const { rates, exchangeRates } = await rateCardHistory(database.db, values.market);
    for (const r of rates)
      console.log(
        `${r.market}\t${r.category}\t${r.pricingType}\t${r.price} ${r.currency}\tfrom ${r.effectiveFrom}\t${r.enteredBy}\t${r.source}`,
      );
    for (const r of exchangeRates)
      console.log(
        `1 ${r.currency} = ${r.madPerUnit} MAD\tfrom ${r.effectiveFrom}\t${r.enteredBy}\t${r.source}`,
      );
  } else if (command === "set" && values.fx) {
    const row = await setExchangeRate(database.db, {
      currency: values.fx,
      madPerUnit: Number(values.rate),
      effectiveFrom: values.from ?? "",
      source: values.source ?? "",
      enteredBy: values.by ?? "operator",
    });
    console.log(`1 ${row.currency} = ${row.madPerUnit} MAD from ${row.effectiveFrom}`);
  } else if (command === "set") {
    const row = await setRate(database.db, {
      market: values.market ?? "",
      category: values.category ?? "",
      pricingType: values.type,
      price: Number(values.price),
      currency: values.currency ?? "",
      effectiveFrom: values.from ?? "",
      source: values.source ?? "",
      enteredBy: values.by ?? "operator",
    });
    console.log(
      `${row.market} ${row.category} ${row.pricingType}: ${row.price} ${row.currency} from ${row.effectiveFrom}`,
    );
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
