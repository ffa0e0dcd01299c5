import { describeError } from "../../../api/errors";
import { Dialog } from "../../../ui/Dialog";
import type { CampaignEstimate } from "../api";
import { useCampaignsI18n } from "../i18n";

/** The last word before a bulk send: how many, what it costs, which template; a refusal stays in view. */
export function ConfirmSendDialog(props: {
  estimate: CampaignEstimate;
  templateName: string;
  sending: boolean;
  /** Why the send was refused, when it was. */
  error: Error | null;
  /** The schedule: off (send now) or a date and time of the client's time zone. */
  scheduled: boolean;
  scheduledAt: string;
  timeZone: string;
  onSchedule(on: boolean): void;
  onScheduledAt(value: string): void;
  onConfirm(): void;
  onClose(): void;
}) {
  const { t, tc, fmt, mad } = useCampaignsI18n();
  return (
    <Dialog
      title={tc.confirmTitle}
      role="alertdialog"
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={props.sending}
            onClick={props.onConfirm}
          >
            {props.sending ? tc.sending : props.scheduled ? tc.confirmSchedule : tc.confirm}
          </button>
        </>
      }
    >
      <p>
        {tc.confirmBody(
          fmt.number(props.estimate.sendable),
          mad(props.estimate.estimatedCostMad),
          props.templateName,
        )}
      </p>
      <label className="campaign-schedule__toggle">
        <input
          type="checkbox"
          checked={props.scheduled}
          onChange={(event) => props.onSchedule(event.target.checked)}
        />{" "}
        {tc.schedule}
      </label>
      {props.scheduled ? (
        <label className="field">
          <span className="field__label">{tc.scheduleAt(props.timeZone)}</span>
          <input
            type="datetime-local"
            step={1}
            className="input"
            value={props.scheduledAt}
            onChange={(event) => props.onScheduledAt(event.target.value)}
          />
        </label>
      ) : null}
      {props.error ? (
        <p className="alert alert--danger" role="alert">
          {describeError(props.error, t, fmt)}
        </p>
      ) : null}
    </Dialog>
  );
}
