import { useEffect, useRef, useState } from "react";
import { useT } from "../../../i18n/I18nProvider";
import { Dialog } from "../../../ui/Dialog";
import { Icon } from "../../../ui/Icon";

/** Shows a new API key's secret the only time it exists in clear, with a copy button. */
export function SecretReveal({ secret, name, onDone }: { secret: string; name: string; onDone(): void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions, insecure context): leave it selected for Ctrl+C.
      inputRef.current?.select();
    }
  }

  return (
    <Dialog
      title={t.apiKeys.secret.title}
      onClose={onDone}
      dismissible={false}
      footer={
        <button type="button" className="button button--primary" onClick={onDone}>
          {t.apiKeys.secret.done}
        </button>
      }
    >
      <p className="alert alert--warning">
        <Icon name="warning" />
        <span>{t.apiKeys.secret.warning}</span>
      </p>
      <div className="field">
        <label className="field__label" htmlFor="api-key-secret">
          {t.apiKeys.secret.label} · <bdi>{name}</bdi>
        </label>
        <div className="secret">
          <input
            ref={inputRef}
            id="api-key-secret"
            className="input secret__value code"
            readOnly
            dir="ltr"
            value={secret}
            onFocus={(e) => e.target.select()}
          />
          <button type="button" className="button" onClick={copy}>
            <Icon name={copied ? "check" : "copy"} />
            {copied ? t.apiKeys.secret.copied : t.apiKeys.secret.copy}
          </button>
        </div>
        <p className="visually-hidden" role="status">
          {copied ? t.apiKeys.secret.copied : ""}
        </p>
      </div>
    </Dialog>
  );
}
