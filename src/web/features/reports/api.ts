import type { ReportFigures, ReportsResponse } from "../../../contracts/reports";
import { apiRequest } from "../../api/client";

export type { ReportFigures, ReportsResponse };

/** The report from `from` (a Monday, `YYYY-MM-DD`) to today; the server's default range when null. */
export function fetchReports(from: string | null): Promise<ReportsResponse> {
  return apiRequest<ReportsResponse>(
    "GET",
    from ? `/api/reports?from=${encodeURIComponent(from)}` : "/api/reports",
  );
}
