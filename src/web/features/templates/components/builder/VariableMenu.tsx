import { useId, useState } from "react";
import { isVariableName, type TemplateParameterFormat } from "../../../../../contracts/template-rules";
import { Icon } from "../../../../ui/Icon";
import { MenuItem } from "../../../../ui/MenuItem";
import { Popover } from "../../../../ui/Popover";
import { useTemplatesI18n } from "../../i18n";

type Suggestion = keyof ReturnType<typeof useTemplatesI18n>["tt"]["suggestions"];

/**
 * "Insert a variable": the usual ones of recruiting (first name, job, company, city, date, time,
 * place), each with a sample, or another by name. Positional templates get the next number; the
 * choice then only gives the sample.
 */
export function VariableMenu(props: {
  format: TemplateParameterFormat;
  /** The number the next positional variable takes. */
  nextNumber: string;
  onInsert(name: string, example: string | null): void;
}) {
  const { tt } = useTemplatesI18n();
  const [other, setOther] = useState<string | null>(null);
  const id = useId();
  const named = props.format === "NAMED";
  const suggestions = Object.keys(tt.suggestions) as Suggestion[];
  return (
    <Popover
      label={tt.builder.insertVariable}
      buttonClassName="button button--small"
      placement="below-start"
      button={
        <>
          <Icon name="plus" size={16} />
          {tt.builder.insertVariable}
        </>
      }
    >
      {(close) => (
        <div className="menu variable-menu">
          {suggestions.map((key) => (
            <MenuItem
              key={key}
              icon="plus"
              close={close}
              onSelect={() => props.onInsert(named ? key : props.nextNumber, tt.suggestions[key].example)}
            >
              <span>{tt.suggestions[key].label}</span>
              <bdi dir="ltr" className="variable-menu__token">{`{{${named ? key : props.nextNumber}}}`}</bdi>
            </MenuItem>
          ))}
          {named ? (
            other === null ? (
              <MenuItem icon="plus" onSelect={() => setOther("")}>
                {tt.builder.otherVariable}
              </MenuItem>
            ) : (
              <div className="variable-menu__other">
                <label className="field__label" htmlFor={`${id}-other`}>
                  {tt.builder.otherVariableName}
                </label>
                <input
                  id={`${id}-other`}
                  className="input"
                  dir="ltr"
                  data-popover-item
                  value={other}
                  aria-describedby={`${id}-other-hint`}
                  onChange={(event) => setOther(event.target.value.toLowerCase().replace(/[\s-]+/gu, "_"))}
                  onKeyDown={(event) => {
                    if (event.key === "Enter" && isVariableName(other, "NAMED")) {
                      event.preventDefault();
                      close();
                      props.onInsert(other, null);
                    }
                  }}
                />
                <p className="field__hint" id={`${id}-other-hint`}>
                  {tt.builder.otherVariableHint}
                </p>
                <button
                  type="button"
                  className="button button--small"
                  disabled={!isVariableName(other, "NAMED")}
                  onClick={() => {
                    close();
                    props.onInsert(other, null);
                  }}
                >
                  {tt.builder.insert}
                </button>
              </div>
            )
          ) : (
            <MenuItem icon="plus" close={close} onSelect={() => props.onInsert(props.nextNumber, null)}>
              {tt.builder.otherVariable}
            </MenuItem>
          )}
        </div>
      )}
    </Popover>
  );
}
