import type { ConnectionResponse } from "../../../../contracts/connections";
import { useConnectionsI18n } from "../i18n";

/**
 * What differs for a number that stays on the WhatsApp Business app (coexistence): the app keeps
 * working, Meta's fixed throughput, no groups or calls, and how the app's history import stands.
 */
export function BusinessAppFacts({ connection }: { connection: ConnectionResponse }) {
  const { tc, fmt } = useConnectionsI18n();
  const t = tc.businessApp;
  const history = connection.historySync;
  const titleId = `business-app-${connection.id}`;
  return (
    <section className="connection__business-app" aria-labelledby={titleId}>
      <h3 id={titleId} className="connection__business-app-title">
        {t.title}
      </h3>
      <ul>
        <li>{t.appKeepsWorking}</li>
        <li>{t.throughput(fmt.number(connection.throughputPerSecond))}</li>
        <li>{t.noGroupsOrCalls}</li>
        <li className="connection__history" aria-live="polite">
          {!history
            ? t.historyWaiting
            : history.status === "declined"
              ? t.historyDeclined
              : t.historyProgress(
                  fmt.number(history.phase + 1),
                  fmt.number(history.progress),
                  fmt.number(history.messages),
                )}
        </li>
      </ul>
    </section>
  );
}
