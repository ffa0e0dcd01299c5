import { useEffect, useMemo, useState } from "react";
import { describeError } from "../../../../api/errors";
import { Dialog } from "../../../../ui/Dialog";
import { Field } from "../../../../ui/Field";
import { useInboxI18n } from "../../i18n";
import { extensionOf, middleEllipsis } from "../../model/preview";
import { sendErrorText } from "../../send";

/** A chosen, pasted or dropped file: preview, caption, then upload and send. */
export default function AttachmentSheet(props: {
  file: File;
  onClose(): void;
  onSend(file: File, caption: string): Promise<boolean>;
}) {
  const { t, ti, ifmt, fmt } = useInboxI18n();
  const { file } = props;
  const [caption, setCaption] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const url = useMemo(() => (/^(image|video)\//u.test(file.type) ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const captionAllowed = !/^audio\//u.test(file.type);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      if (await props.onSend(file, caption.trim())) props.onClose();
    } catch (failure) {
      setError(sendErrorText(failure, ti, describeError(failure, t, fmt)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={ti.composer.sheetTitle}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t.common.cancel}
          </button>
          <button type="button" className="button button--primary" disabled={busy} onClick={send}>
            {busy ? ti.composer.uploading : ti.composer.sendFile}
          </button>
        </>
      }
    >
      <div className="attachment">
        {url && file.type.startsWith("image/") ? (
          <img className="attachment__preview" src={url} alt="" />
        ) : null}
        {url && file.type.startsWith("video/") ? (
          // biome-ignore lint/a11y/useMediaCaption: a preview of the recruiter's own file
          <video className="attachment__preview" src={url} controls />
        ) : null}
        <p className="attachment__file">
          <span className="document__tile document__tile--other" aria-hidden="true">
            {extensionOf(file.name, file.type)}
          </span>
          <bdi>{middleEllipsis(file.name, 40)}</bdi>
          <span className="attachment__size">{ifmt.size(file.size)}</span>
        </p>
      </div>
      {captionAllowed ? (
        <Field label={ti.composer.caption}>
          <input
            className="input"
            dir="auto"
            value={caption}
            maxLength={1024}
            onChange={(e) => setCaption(e.target.value)}
          />
        </Field>
      ) : null}
      {error ? (
        <p className="alert alert--danger" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
