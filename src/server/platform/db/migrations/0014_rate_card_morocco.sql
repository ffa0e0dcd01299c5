-- The rate card shipped with the product: Meta's per-message prices for Moroccan numbers (+212),
-- the SMS price the costs page compares them with, and the dated USD → MAD rate that turns Meta's
-- USD prices into dirhams. Data, not code: the operator adds newer rows (`npm run rates:set`), and
-- the price of a day is the newest row in force on that day.
--
-- Meta (https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing): per-message
-- pricing since 2025-07-01; Morocco billed in the "Rest of Africa" group at USD 0.0225 marketing,
-- 0.0040 utility, 0.0040 authentication (no authentication-international rate in that group);
-- Marketing Messages Lite is billed at the marketing rate. Free types (free_customer_service,
-- free_entry_point) have no row: they cost nothing unless a row says otherwise.
INSERT INTO "rate_cards" ("market", "category", "pricing_type", "price", "currency", "effective_from", "source", "entered_by") VALUES
  ('MA', 'marketing', 'regular', 0.0225, 'USD', '2025-07-01', 'Meta WhatsApp Business Platform pricing, rate card of 2025-07-01, Morocco in "Rest of Africa" (developers.facebook.com/documentation/business-messaging/whatsapp/pricing)', 'seed'),
  ('MA', 'marketing_lite', 'regular', 0.0225, 'USD', '2025-07-01', 'Meta WhatsApp Business Platform pricing, rate card of 2025-07-01, Morocco in "Rest of Africa"; Marketing Messages Lite billed at the marketing rate', 'seed'),
  ('MA', 'utility', 'regular', 0.0040, 'USD', '2025-07-01', 'Meta WhatsApp Business Platform pricing, rate card of 2025-07-01, Morocco in "Rest of Africa" (developers.facebook.com/documentation/business-messaging/whatsapp/pricing)', 'seed'),
  ('MA', 'authentication', 'regular', 0.0040, 'USD', '2025-07-01', 'Meta WhatsApp Business Platform pricing, rate card of 2025-07-01, Morocco in "Rest of Africa" (developers.facebook.com/documentation/business-messaging/whatsapp/pricing)', 'seed'),
  ('MA', 'sms', 'regular', 0.29, 'MAD', '2025-07-01', 'LinkoJob cost analysis: an SMS in Morocco, each way (product plan, section 7)', 'seed');
--> statement-breakpoint
INSERT INTO "exchange_rates" ("currency", "mad_per_unit", "effective_from", "source", "entered_by") VALUES
  ('MAD', 1, '2000-01-01', 'the dirham itself', 'seed'),
  ('USD', 9.00, '2025-07-01', 'Bank Al-Maghrib reference rate, mid-2025, rounded (about 9.0 MAD per USD); set the rate of the invoices with npm run rates:set -- --fx', 'seed');
