import { type Ref, useState } from "react";
import { useT } from "../../../i18n/I18nProvider";
import { Icon } from "../../../ui/Icon";

/** A password input with a show/hide toggle; `Field` passes its id and ARIA wiring through `rest`. */
export function PasswordInput(props: {
  ref?: Ref<HTMLInputElement>;
  value: string;
  onChange(value: string): void;
  autoComplete?: string;
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  const { ref, value, onChange, autoComplete, ...aria } = props;
  return (
    <div className="password">
      <input
        {...aria}
        ref={ref}
        className="input password__input"
        type={visible ? "text" : "password"}
        name="password"
        autoComplete={autoComplete ?? "current-password"}
        dir="ltr"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <button
        type="button"
        className="icon-button password__toggle"
        aria-label={visible ? t.login.hidePassword : t.login.showPassword}
        aria-pressed={visible}
        onClick={() => setVisible((shown) => !shown)}
      >
        <Icon name={visible ? "eyeOff" : "eye"} />
      </button>
    </div>
  );
}
