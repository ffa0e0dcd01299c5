import { useEffect, useId, useRef, useState } from "react";
import { Dialog } from "./Dialog";
import { Icon } from "./Icon";

/** The words of a secret's reveal: an API key's, a webhook endpoint's signing secret. */
export interface SecretRevealLabels {
  title: string;
  warning: string;
  label: string;
  copy: string;
  copied: string;
  done: string;
}

/**
 * Shows a new secret the only time it exists in clear, with a copy button; only the explicit
 * button closes it (Esc must not lose a secret not yet saved).
 */
export function SecretReveal(props: {
  secret: string;
  name: string;
  labels: SecretRevealLabels;
  onDone(): void;
}) {
  const { secret, name, labels, onDone } = props;
  const id = useId();
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
      title={labels.title}
      onClose={onDone}
      dismissible={false}
      footer={
        <button type="button" className="button button--primary" onClick={onDone}>
          {labels.done}
        </button>
      }
    >
      <p className="alert alert--warning">
        <Icon name="warning" />
        <span>{labels.warning}</span>
      </p>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {labels.label} · <bdi>{name}</bdi>
        </label>
        <div className="secret">
          <input
            ref={inputRef}
            id={id}
            className="input secret__value code"
            readOnly
            dir="ltr"
            value={secret}
            onFocus={(e) => e.target.select()}
          />
          <button type="button" className="button" onClick={copy}>
            <Icon name={copied ? "check" : "copy"} />
            {copied ? labels.copied : labels.copy}
          </button>
        </div>
        <p className="visually-hidden" role="status">
          {copied ? labels.copied : ""}
        </p>
      </div>
    </Dialog>
  );
}
