-- From 2026-10-01 Meta charges free-form (service) replies, and utility templates sent inside the
-- customer service window (Meta, "Upcoming pricing updates for Meta Business Agent, service and
-- utility messages", updated 2026-07-01; the rule itself is `contracts/meta-charges.ts`). Partners
-- report that a service message costs the market's utility rate. A utility template in the window
-- now comes as `regular` and takes the utility row already on the card; a reply needs a row of its
-- own, added here.
--
-- The price is a floor, and says so: Meta moved Morocco out of "Rest of Africa" onto rates of its
-- own on the same day, higher for utility and authentication, and that figure is not in this
-- release. The row carries Rest of Africa's utility rate, the last Moroccan figure confirmed, until
-- the operator enters Meta's (npm run rates:set -- --market MA --category service ...).
INSERT INTO "rate_cards" ("market", "category", "pricing_type", "price", "currency", "effective_from", "source", "entered_by") VALUES
  ('MA', 'service', 'regular', 0.0040, 'USD', '2026-10-01', 'Meta charges service messages from 2026-10-01 at the market''s utility rate (partners'' reading of Meta''s pricing update of 2026-07-01); Rest of Africa''s utility rate as a floor until Morocco''s own rate of 2026-10-01 is entered', 'seed');
