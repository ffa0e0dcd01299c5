import { type FormEvent, useState } from "react";
import type { ConnectionResponse } from "../../../../contracts/connections";
import { ErrorCode } from "../../../../contracts/constants";
import type { LinkojobNumberOffer } from "../../../../contracts/virtual-numbers";
import { describeError, failedWith } from "../../../api/errors";
import { formatMad, isolateLtr } from "../../../i18n/format";
import { Dialog } from "../../../ui/Dialog";
import { Field } from "../../../ui/Field";
import { Icon } from "../../../ui/Icon";
import { useRequiredSession } from "../../auth/queries";
import { useConnectionsI18n } from "../i18n";
import { useTakeLinkojobNumber } from "../queries";

type Texts = ReturnType<typeof useConnectionsI18n>["tc"]["linkojob"];

/** Why no LinkoJob number can be taken now, in words; null when one can. */
export function linkojobUnavailable(offer: LinkojobNumberOffer, texts: Texts): string | null {
  if (!offer.offered) return texts.notOffered;
  if (offer.held >= offer.limit) return texts.limitReached(offer.held);
  if (!offer.available) return texts.poolEmpty;
  return null;
}

/** The server's refusal in words: its reason for `linkojob_number_unavailable`, else the code's headline. */
function refusalText(error: unknown, texts: Texts, describe: (error: unknown) => string, held: number) {
  if (failedWith(error, ErrorCode.linkojobNumberUnavailable)) {
    const reason = (error.details as { reason?: string } | undefined)?.reason;
    if (reason === "pool_empty") return texts.poolEmpty;
    if (reason === "limit_reached") return texts.limitReached(Math.max(1, held));
    if (reason === "not_offered") return texts.notOffered;
  }
  return describe(error);
}

/**
 * "A LinkoJob number": the button that opens the dialog, or why none can be taken now. The dialog
 * asks for the name candidates will see (the company's, prefilled), says the monthly fee, and takes
 * the number at once; the new connection appears in the list and onboards live.
 */
export function LinkojobNumberAction(props: {
  offer: LinkojobNumberOffer;
  primary: boolean;
  onTaken(connection: ConnectionResponse): void;
}) {
  const { tc } = useConnectionsI18n();
  const [open, setOpen] = useState(false);
  const texts = tc.linkojob;
  const blocked = linkojobUnavailable(props.offer, texts);
  return (
    <div className="linkojob-action">
      <button
        type="button"
        className={props.primary ? "button button--primary" : "button"}
        aria-disabled={blocked !== null}
        aria-describedby={blocked ? "linkojob-blocked" : undefined}
        onClick={blocked ? undefined : () => setOpen(true)}
      >
        <Icon name="plus" />
        {texts.take}
      </button>
      {blocked ? (
        <p id="linkojob-blocked" className="linkojob-action__blocked">
          {blocked}
        </p>
      ) : null}
      {open ? (
        <LinkojobNumberDialog
          offer={props.offer}
          onClose={() => setOpen(false)}
          onTaken={(connection) => {
            setOpen(false);
            props.onTaken(connection);
          }}
        />
      ) : null}
    </div>
  );
}

function LinkojobNumberDialog(props: {
  offer: LinkojobNumberOffer;
  onClose(): void;
  onTaken(connection: ConnectionResponse): void;
}) {
  const { t, tc, fmt, locale } = useConnectionsI18n();
  const texts = tc.linkojob;
  const { client } = useRequiredSession();
  const take = useTakeLinkojobNumber();
  const [name, setName] = useState(client.name.slice(0, 100));
  const [shown, setShown] = useState(false);
  const trimmed = name.trim();
  const invalid = trimmed.length < 3 || trimmed.length > 100;
  const fee = isolateLtr(formatMad(locale, props.offer.monthlyFeeMad));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    if (invalid || take.isPending) return;
    // Not mutate's own onSuccess: the list gains the number at once, which may unmount this
    // dialog's page section before it would run; the page's callback still has to.
    take.mutateAsync(trimmed).then(props.onTaken, () => {});
  };

  return (
    <Dialog
      title={texts.dialogTitle}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t.common.cancel}
          </button>
          <button
            type="submit"
            form="linkojob-number-form"
            className="button button--primary"
            disabled={take.isPending}
          >
            {take.isPending ? texts.taking : texts.confirm}
          </button>
        </>
      }
    >
      <form id="linkojob-number-form" className="linkojob-dialog" onSubmit={submit} noValidate>
        <p>{texts.dialogBody}</p>
        <Field
          label={texts.nameLabel}
          hint={texts.nameHint}
          error={shown && invalid ? texts.nameInvalid : null}
        >
          <input
            className="input"
            type="text"
            dir="auto"
            autoComplete="organization"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <p className="linkojob-dialog__fee">{texts.feeNote(fee)}</p>
        {take.isError ? (
          <p className="alert alert--danger" role="alert">
            {refusalText(take.error, texts, (error) => describeError(error, t, fmt), props.offer.held)}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

/** The option beside "my own number" when the client has none yet: what it is, its fee, the action. */
export function LinkojobNumberOption(props: {
  offer: LinkojobNumberOffer;
  onTaken(connection: ConnectionResponse): void;
}) {
  const { tc, locale } = useConnectionsI18n();
  const texts = tc.linkojob;
  return (
    <article className="connect-option" aria-labelledby="connect-option-linkojob">
      <h3 id="connect-option-linkojob" className="connect-option__title">
        {texts.title}
      </h3>
      <p className="connect-option__text">{texts.body}</p>
      <p className="connect-option__fee">
        {texts.fee(isolateLtr(formatMad(locale, props.offer.monthlyFeeMad)))}
      </p>
      <LinkojobNumberAction offer={props.offer} primary onTaken={props.onTaken} />
    </article>
  );
}
