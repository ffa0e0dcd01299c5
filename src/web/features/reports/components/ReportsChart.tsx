import type { ReportsResponse } from "../api";
import { useReportsI18n } from "../i18n";

const HEIGHT = 160;
const BAR = 10;
const SLOT = 40;

/**
 * The weeks' first response times, median beside 90th percentile, as SVG bars drawn here like the
 * costs page's chart (same classes, same way of reading). Weeks run in the reading direction: right
 * to left in Arabic. The figures are also a table for screen readers; the drawing is hidden from them.
 */
export function ReportsChart({
  weeks,
  weekLabel,
}: {
  weeks: ReportsResponse["weeks"];
  weekLabel: (day: string) => string;
}) {
  const { tr, duration, fmt, locale } = useReportsI18n();
  const isRtl = locale === "ar";
  const max = Math.max(
    1,
    ...weeks.flatMap((w) => [w.firstResponseMedianSeconds ?? 0, w.firstResponseP90Seconds ?? 0]),
  );
  const width = weeks.length * SLOT;
  const y = (value: number | null) => HEIGHT - ((value ?? 0) / max) * (HEIGHT - 8);
  return (
    <figure className="costs-chart reports-chart">
      <figcaption className="costs-chart__title">{tr.chartTitle}</figcaption>
      <div className="costs-chart__legend" aria-hidden="true">
        <span className="costs-chart__key costs-chart__key--whatsapp">{tr.chartMedian}</span>
        <span className="costs-chart__key costs-chart__key--sms">{tr.chartP90}</span>
      </div>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT + 18}`}
        className="costs-chart__svg"
        aria-hidden="true"
        focusable="false"
      >
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="costs-chart__axis" />
        {weeks.map((w, i) => {
          const slot = isRtl ? weeks.length - 1 - i : i;
          const x = slot * SLOT + (SLOT - 2 * BAR - 2) / 2;
          return (
            <g key={w.weekStart}>
              <title>
                {tr.chartSummary(
                  weekLabel(w.weekStart),
                  duration(w.firstResponseMedianSeconds),
                  duration(w.firstResponseP90Seconds),
                  fmt.number(w.conversationsHandled),
                )}
              </title>
              <rect
                x={x}
                y={y(w.firstResponseMedianSeconds)}
                width={BAR}
                height={HEIGHT - y(w.firstResponseMedianSeconds)}
                className="costs-chart__bar--whatsapp"
              />
              <rect
                x={x + BAR + 2}
                y={y(w.firstResponseP90Seconds)}
                width={BAR}
                height={HEIGHT - y(w.firstResponseP90Seconds)}
                className="costs-chart__bar--sms"
              />
              <text
                x={slot * SLOT + SLOT / 2}
                y={HEIGHT + 14}
                textAnchor="middle"
                className="costs-chart__label"
              >
                {`${w.weekStart.slice(8, 10)}/${w.weekStart.slice(5, 7)}`}
              </text>
            </g>
          );
        })}
      </svg>
      {/* Hidden in a box, not on the table itself: a table is never narrower than its cells, so a
          hidden table would still widen the page on a phone. */}
      <div className="visually-hidden">
        <table>
          <caption>{tr.chartTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{tr.week}</th>
              <th scope="col">{tr.columns.handled}</th>
              <th scope="col">{tr.columns.firstResponseMedian}</th>
              <th scope="col">{tr.columns.firstResponseP90}</th>
              <th scope="col">{tr.columns.resolutionMedian}</th>
              <th scope="col">{tr.columns.resolutionP90}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{weekLabel(w.weekStart)}</th>
                <td>{fmt.number(w.conversationsHandled)}</td>
                <td>{duration(w.firstResponseMedianSeconds)}</td>
                <td>{duration(w.firstResponseP90Seconds)}</td>
                <td>{duration(w.resolutionMedianSeconds)}</td>
                <td>{duration(w.resolutionP90Seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
