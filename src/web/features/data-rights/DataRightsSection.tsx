import { useState } from "react";
import { ERASE_CONFIRMATION } from "../../../contracts/data-rights";
import { roleMay } from "../../../contracts/roles";
import { describeError } from "../../api/errors";
import { navigate } from "../../app/router";
import { Dialog } from "../../ui/Dialog";
import { Field } from "../../ui/Field";
import { useRequiredSession } from "../auth/queries";
import { useInboxI18n } from "../inbox/i18n";
import { exportUrl } from "./api";
import { useEraseContact } from "./queries";

/** A candidate's data rights in the details panel (owners and admins): download their file, erase them. */
export function DataRightsSection({ contactId }: { contactId: string }) {
  const { user } = useRequiredSession();
  const { ti } = useInboxI18n();
  const [isConfirming, setConfirming] = useState(false);
  if (!roleMay(user.role, "dataRights.manage")) return null;
  return (
    <section className="details__section" aria-labelledby="details-data-rights">
      <h3 id="details-data-rights" className="details__section-title">
        {ti.details.dataRights}
      </h3>
      <p className="field__hint">{ti.details.dataRightsHint}</p>
      <div className="details__actions">
        <a className="button button--small" href={exportUrl(contactId)} download>
          {ti.details.exportCandidate}
        </a>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => setConfirming(true)}
        >
          {ti.details.eraseCandidate}
        </button>
      </div>
      {isConfirming ? <EraseDialog contactId={contactId} onClose={() => setConfirming(false)} /> : null}
    </section>
  );
}

/** The erasure cannot be undone: it is confirmed by typing a word, not by a click. */
function EraseDialog(props: { contactId: string; onClose(): void }) {
  const { t, ti, fmt } = useInboxI18n();
  const erase = useEraseContact();
  const [typed, setTyped] = useState("");
  const isConfirmed = typed.trim() === ERASE_CONFIRMATION;
  return (
    <Dialog
      title={ti.details.eraseTitle}
      role="alertdialog"
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={!isConfirmed || erase.isPending}
            onClick={() =>
              erase.mutate(props.contactId, {
                onSuccess: () => {
                  props.onClose();
                  navigate("/inbox");
                },
              })
            }
          >
            {ti.details.eraseConfirm}
          </button>
        </>
      }
    >
      <p>{ti.details.eraseBody}</p>
      <Field label={ti.details.eraseTypeWord(ERASE_CONFIRMATION)}>
        <input
          className="input"
          dir="ltr"
          autoComplete="off"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </Field>
      {erase.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(erase.error, t, fmt)}
        </p>
      ) : null}
    </Dialog>
  );
}
