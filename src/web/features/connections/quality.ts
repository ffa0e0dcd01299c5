/** Meta reports quality as GREEN/YELLOW/RED (or HIGH/MEDIUM/LOW); the UI says Élevée/Moyenne/Faible. */
export function qualityKey(rating: string | null): "high" | "medium" | "low" | null {
  switch (rating?.toUpperCase()) {
    case "GREEN":
    case "HIGH":
      return "high";
    case "YELLOW":
    case "MEDIUM":
      return "medium";
    case "RED":
    case "LOW":
      return "low";
    default:
      return null;
  }
}
