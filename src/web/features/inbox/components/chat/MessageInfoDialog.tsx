import { Dialog } from "../../../../ui/Dialog";
import type { MessageResponse } from "../../api";
import { useInboxI18n } from "../../i18n";
import { failureText } from "./MessageBubble";

/** When each status came, the failure's reason and the billing category. */
export default function MessageInfoDialog({
  message,
  onClose,
}: {
  message: MessageResponse;
  onClose(): void;
}) {
  const { ti, ifmt } = useInboxI18n();
  const rows: [string, string | null][] =
    message.direction === "inbound"
      ? [[ti.actions.receivedAt, message.occurredAt]]
      : [
          [ti.actions.queued, message.occurredAt],
          [ti.actions.sentAt, message.sentAt],
          [ti.actions.deliveredAt, message.deliveredAt],
          [ti.actions.readAt, message.readAt],
          [ti.actions.failedAt, message.failedAt],
        ];
  return (
    <Dialog title={ti.actions.infoTitle} onClose={onClose}>
      <dl className="message-info">
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([label, iso]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                <time dateTime={iso}>{ifmt.full(iso)}</time>
              </dd>
            </div>
          ))}
        {message.status === "failed" ? (
          <div>
            <dt>{ti.actions.error}</dt>
            <dd>{failureText(message, ti)}</dd>
          </div>
        ) : null}
        {message.pricing?.category ? (
          <div>
            <dt>{ti.actions.pricing}</dt>
            <dd>
              <bdi dir="ltr">{message.pricing.category}</bdi>
            </dd>
          </div>
        ) : null}
      </dl>
    </Dialog>
  );
}
