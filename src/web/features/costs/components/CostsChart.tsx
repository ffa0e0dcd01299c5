import type { CostsResponse } from "../api";
import { useCostsI18n } from "../i18n";

const HEIGHT = 160;
const BAR = 10;
const SLOT = 40;

/**
 * Twelve months of WhatsApp cost beside the same exchange by SMS, as SVG bars drawn here (two
 * series, no axis maths worth a library). Months run in the reading direction: right to left in
 * Arabic. The figures are also a table for screen readers; the drawing is hidden from them.
 */
export function CostsChart({
  history,
  monthLabel,
}: {
  history: CostsResponse["history"];
  monthLabel: (m: string) => string;
}) {
  const { tc, mad, locale } = useCostsI18n();
  const isRtl = locale === "ar";
  const max = Math.max(1, ...history.flatMap((h) => [h.amountMad, h.smsCostMad]));
  const width = history.length * SLOT;
  const y = (value: number) => HEIGHT - (value / max) * (HEIGHT - 8);
  return (
    <figure className="costs-chart">
      <figcaption className="costs-chart__title">{tc.chartTitle}</figcaption>
      <div className="costs-chart__legend" aria-hidden="true">
        <span className="costs-chart__key costs-chart__key--whatsapp">{tc.chartLegendWhatsapp}</span>
        <span className="costs-chart__key costs-chart__key--sms">{tc.chartLegendSms}</span>
      </div>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT + 18}`}
        className="costs-chart__svg"
        aria-hidden="true"
        focusable="false"
      >
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="costs-chart__axis" />
        {history.map((h, i) => {
          const slot = isRtl ? history.length - 1 - i : i;
          const x = slot * SLOT + (SLOT - 2 * BAR - 2) / 2;
          return (
            <g key={h.month}>
              <title>{tc.chartSummary(monthLabel(h.month), mad(h.amountMad), mad(h.smsCostMad))}</title>
              <rect
                x={x}
                y={y(h.amountMad)}
                width={BAR}
                height={HEIGHT - y(h.amountMad)}
                className="costs-chart__bar--whatsapp"
              />
              <rect
                x={x + BAR + 2}
                y={y(h.smsCostMad)}
                width={BAR}
                height={HEIGHT - y(h.smsCostMad)}
                className="costs-chart__bar--sms"
              />
              <text
                x={slot * SLOT + SLOT / 2}
                y={HEIGHT + 14}
                textAnchor="middle"
                className="costs-chart__label"
              >
                {h.month.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{tc.chartTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{tc.month}</th>
            <th scope="col">{tc.chartLegendWhatsapp}</th>
            <th scope="col">{tc.chartLegendSms}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.month}>
              <th scope="row">{monthLabel(h.month)}</th>
              <td>{mad(h.amountMad)}</td>
              <td>{mad(h.smsCostMad)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
