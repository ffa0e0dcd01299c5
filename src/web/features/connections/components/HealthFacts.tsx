import type { ReactNode } from "react";
import type { ConnectionResponse } from "../../../../contracts/connections";
import { known, limitTierText } from "../format";
import { useConnectionsI18n } from "../i18n";
import { qualityKey } from "../quality";

/** Number health: verified name, quality, the portfolio's messaging limit (and how many numbers share it), name status, throughput, token, dates. */
export function HealthFacts({
  connection,
  portfolioNumbers = 1,
}: {
  connection: ConnectionResponse;
  /** The client's current numbers in the same business portfolio, sharing its messaging limit. */
  portfolioNumbers?: number;
}) {
  const { t, tc, fmt } = useConnectionsI18n();
  const quality = qualityKey(connection.qualityRating);
  const unknown = t.connections.unknown;
  const disconnected = connection.state === "disconnected";
  const { tokenExpiresAt, tokenCheckedAt, connectedAt, disconnectedAt } = connection;

  return (
    <dl className="connection__facts">
      <Fact label={tc.health.verifiedName}>
        {connection.verifiedName ? <bdi>{connection.verifiedName}</bdi> : unknown}
      </Fact>
      <Fact label={tc.health.quality}>
        {quality ? (
          <span className="quality">
            <span className={`quality__dot quality__dot--${quality}`} aria-hidden="true" />
            {tc.qualities[quality]}
          </span>
        ) : (
          (connection.qualityRating ?? unknown)
        )}
      </Fact>
      <Fact label={tc.health.limit}>
        {limitTierText(connection.messagingLimitTier, tc, fmt) ?? unknown}
        {portfolioNumbers > 1 ? (
          <span className="connection__fact-note"> ({tc.limitShared(fmt.number(portfolioNumbers))})</span>
        ) : null}
      </Fact>
      <Fact label={tc.health.nameStatus}>{known(tc.nameStatuses, connection.nameStatus) ?? unknown}</Fact>
      <Fact label={tc.health.throughput}>
        {connection.businessApp
          ? tc.businessApp.throughputFact(fmt.number(connection.throughputPerSecond))
          : (known(tc.throughputs, connection.throughputLevel) ?? unknown)}
      </Fact>
      {disconnected ? null : (
        <Fact label={tc.health.token}>
          {tokenExpiresAt ? (
            <time dateTime={tokenExpiresAt}>{tc.tokenUntil(fmt.date(tokenExpiresAt))}</time>
          ) : tokenCheckedAt ? (
            tc.tokenNoExpiry
          ) : (
            unknown
          )}
        </Fact>
      )}
      {connectedAt ? (
        <Fact label={tc.health.connectedAt}>
          <time dateTime={connectedAt}>{fmt.date(connectedAt)}</time>
        </Fact>
      ) : null}
      {disconnected && disconnectedAt ? (
        <Fact label={tc.health.disconnectedAt}>
          <time dateTime={disconnectedAt}>{fmt.dateTime(disconnectedAt)}</time>
        </Fact>
      ) : null}
      {!disconnected && tokenCheckedAt ? (
        <Fact label={tc.health.checkedAt}>
          <time dateTime={tokenCheckedAt}>{fmt.dateTime(tokenCheckedAt)}</time>
        </Fact>
      ) : null}
    </dl>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div className="connection__fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
