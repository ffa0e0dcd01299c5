/**
 * What one delivered template costs, in MAD, by category: the rate card the server bills by
 * default (`PRICE_*_MAD` in its configuration). No API gives the live card yet, so the builder's
 * cost line says "≈"; a campaign's estimate, computed by the server, is the exact figure.
 */
export const PRICE_MAD: Record<string, number> = {
  MARKETING: 0.4,
  UTILITY: 0.07,
  AUTHENTICATION: 0.07,
};
