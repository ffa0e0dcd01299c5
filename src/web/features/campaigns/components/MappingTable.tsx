import { useCampaignsI18n } from "../i18n";
import type { Source } from "../mapping";
import type { CampaignDraftState } from "./useCampaignDraft";

const TEXT = "\u0000text";
const NONE = "";

/**
 * Which column of the file gives the phone, the name and each variable of the template (or a text
 * the same for everyone); guessed from the headers and the client's last mapping, changed here. The
 * same column may give both the name and a variable (the first name).
 */
export function MappingTable({ draft }: { draft: CampaignDraftState }) {
  const { tc } = useCampaignsI18n();
  const { bulk, table, mapping } = draft;
  if (!bulk || !table) return null;
  const targets = [
    { key: "phone", label: tc.mapPhone },
    { key: "name", label: tc.mapName },
    ...bulk.variables.map((variable) => ({ key: variable.column, label: tc.mapVariable(variable.column) })),
  ];
  const selected = (source: Source | undefined) =>
    !source ? NONE : "header" in source ? `h:${source.header}` : TEXT;
  return (
    <div className="table-wrap">
      <table className="table campaign-mapping">
        <caption className="campaign-table__caption">{tc.mappingTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{tc.mapTarget}</th>
            <th scope="col">{tc.mapSource}</th>
            <th scope="col">{tc.mapExample}</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((target) => {
            const source = mapping[target.key];
            const first = draft.recipients[0];
            const sample =
              source && "header" in source
                ? (table.rows[0]?.[table.headers.indexOf(source.header)] ?? "")
                : source
                  ? source.text
                  : "";
            return (
              <tr key={target.key} data-target={target.key}>
                <th scope="row">{target.label}</th>
                <td>
                  <select
                    className="select"
                    aria-label={target.label}
                    value={selected(source)}
                    onChange={(event) => {
                      const value = event.target.value;
                      draft.mapTarget(
                        target.key,
                        value === NONE ? null : value === TEXT ? { text: "" } : { header: value.slice(2) },
                      );
                    }}
                  >
                    <option value={NONE}>{target.key === "name" ? tc.mapNoName : tc.mapChoose}</option>
                    {table.headers.map((header) => (
                      <option key={header} value={`h:${header}`}>
                        {header}
                      </option>
                    ))}
                    {target.key !== "phone" ? <option value={TEXT}>{tc.mapText}</option> : null}
                  </select>
                  {source && "text" in source ? (
                    <input
                      className="input"
                      aria-label={tc.mapTextFor(target.label)}
                      value={source.text}
                      maxLength={1024}
                      onChange={(event) => draft.mapTarget(target.key, { text: event.target.value })}
                    />
                  ) : null}
                </td>
                <td className="table__muted">
                  <bdi>{first ? sample : ""}</bdi>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {draft.missing.length > 0 ? (
        <p className="alert alert--warning">{tc.mapMissing(draft.missing.join(", "))}</p>
      ) : null}
    </div>
  );
}
