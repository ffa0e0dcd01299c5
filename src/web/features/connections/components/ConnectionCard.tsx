import { useEffect, useId, useRef, useState } from "react";
import type { ConnectionResponse } from "../../../../contracts/connections";
import { describeError } from "../../../api/errors";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { Icon } from "../../../ui/Icon";
import { isolateLtr } from "../format";
import { useConnectionsI18n } from "../i18n";
import {
  useCheckConnection,
  useDisconnectConnection,
  useOnboardingPoll,
  useRetryConnection,
} from "../queries";
import { BusinessAppFacts } from "./BusinessAppFacts";
import { HealthFacts } from "./HealthFacts";
import { OnboardingStepper } from "./OnboardingStepper";
import { PinForm } from "./PinForm";

/**
 * One number: its steps while it connects (live), the PIN prompt or "Reprendre" when a step failed,
 * the reason and "Reconnecter" when Meta dropped the access, and its health once connected. A
 * LinkoJob number says so, shows its display name under Meta's review, and is given back to
 * LinkoJob instead of disconnected (never reconnected through Meta: it is LinkoJob's).
 */
export function ConnectionCard(props: {
  connection: ConnectionResponse;
  /** The client's current numbers sharing this number's portfolio limit, itself included. */
  portfolioNumbers?: number;
  canDisconnect: boolean;
  /** Runs Embedded Signup again (the server reuses this connection for the same number). */
  onReconnect(): void;
  signupBusy: boolean;
  headingLevel?: 2 | 3;
  /** Just connected from this page: focus moves to it (the button that started it may be gone). */
  focusOnMount?: boolean;
  onDisconnected(): void;
}) {
  const { connection } = props;
  const { t, tc, fmt } = useConnectionsI18n();
  useOnboardingPoll(connection);
  const retry = useRetryConnection();
  const check = useCheckConnection();
  const disconnect = useDisconnectConnection();
  const [confirming, setConfirming] = useState(false);
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { focusOnMount } = props;
  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);
  const Heading = props.headingLevel === 3 ? "h3" : "h2";
  const number = connection.displayPhoneNumber;
  const { state } = connection;
  const showSteps = state === "onboarding" || state === "failed";
  // A LinkoJob number is LinkoJob's to restore and is given back, not reconnected through Meta.
  const linkojob = connection.numberKind === "linkojob";
  const canReconnect = !linkojob && (state === "needs_reconnect" || state === "disconnected");
  const nameDeclined = connection.nameStatus === "DECLINED" || connection.nameStatus === "REJECTED";

  return (
    <article className={`card connection connection--${state}`} aria-labelledby={titleId}>
      <header className="connection__head">
        <div className="connection__identity">
          <Heading id={titleId} ref={headingRef} tabIndex={-1} className="connection__number">
            {number ? <bdi dir="ltr">{number}</bdi> : tc.numberFallback}
          </Heading>
          {connection.verifiedName ? (
            <p className="connection__name">
              <bdi>{connection.verifiedName}</bdi>
            </p>
          ) : null}
          {/* A declined name of the client's own number is the health warning's (WhatsApp Manager). */}
          {connection.requestedName && state !== "disconnected" && (linkojob || !nameDeclined) ? (
            <p
              className={
                nameDeclined ? "connection__review connection__review--declined" : "connection__review"
              }
            >
              {/* The name in its own direction (Arabic or Latin) inside the sentence. */}
              {(nameDeclined ? tc.linkojob.nameDeclined : tc.linkojob.nameUnderReview)(
                `\u2068${connection.requestedName}\u2069`,
              )}
            </p>
          ) : null}
        </div>
        <div className="connection__tags">
          {linkojob ? <span className="tag connection__kind">{tc.linkojob.tag}</span> : null}
          {connection.businessApp ? <span className="tag connection__kind">{tc.businessApp.tag}</span> : null}
          <span className={`tag connection__state connection__state--${state}`}>
            <span className={`status-dot status-dot--${state}`} aria-hidden="true" />
            {t.connections.states[state]}
          </span>
        </div>
      </header>

      {showSteps ? <OnboardingStepper connection={connection} /> : null}

      {state === "failed" && connection.needsPin ? <PinForm connectionId={connection.id} /> : null}
      {state === "failed" && !connection.needsPin ? (
        <div className="connection__problem">
          <p>{tc.failedIntro}</p>
          <div className="connection__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={retry.isPending}
              onClick={() => retry.mutate({ id: connection.id })}
            >
              {retry.isPending ? tc.actions.retrying : tc.actions.retry}
            </button>
          </div>
          {retry.isError ? (
            <p className="alert alert--danger" role="alert">
              {describeError(retry.error, t, fmt)}
            </p>
          ) : null}
        </div>
      ) : null}

      {state === "needs_reconnect" ? (
        <div className="alert alert--warning connection__alert">
          <Icon name="warning" />
          <div>
            <p>{linkojob ? tc.linkojob.reconnectIntro : tc.reconnectIntro}</p>
            {connection.stateReason ? (
              <p className="connection__reason">
                {tc.reason} <bdi>{connection.stateReason}</bdi>
              </p>
            ) : null}
          </div>
        </div>
      ) : null}

      {state === "active"
        ? connection.healthWarnings
            // A LinkoJob number's declined name is said above, with whom to ask (not WhatsApp Manager).
            .filter((warning) => !(linkojob && warning === "display_name_declined"))
            .map((warning) => (
              <p key={warning} className="alert alert--warning connection__alert">
                <Icon name="warning" />
                <span>{warningText(warning, tc.warnings)}</span>
              </p>
            ))
        : null}

      {state === "active" || state === "needs_reconnect" || state === "disconnected" ? (
        <section className="connection__health" aria-label={tc.health.title}>
          <HealthFacts connection={connection} portfolioNumbers={props.portfolioNumbers ?? 1} />
        </section>
      ) : null}
      {connection.businessApp && state !== "disconnected" ? (
        <BusinessAppFacts connection={connection} />
      ) : null}

      {state !== "onboarding" && state !== "failed" ? (
        <footer className="connection__actions">
          {canReconnect ? (
            <button
              type="button"
              className={state === "needs_reconnect" ? "button button--primary" : "button"}
              disabled={props.signupBusy}
              onClick={props.onReconnect}
            >
              {tc.actions.reconnect}
              {number ? (
                <span className="visually-hidden">
                  {" "}
                  <bdi dir="ltr">{number}</bdi>
                </span>
              ) : null}
            </button>
          ) : null}
          {state === "active" ? (
            <button
              type="button"
              className="button"
              disabled={check.isPending}
              onClick={() => check.mutate(connection.id)}
            >
              {check.isPending ? tc.actions.checking : tc.actions.check}
            </button>
          ) : null}
          {props.canDisconnect && state !== "disconnected" ? (
            <button type="button" className="button button--ghost-danger" onClick={() => setConfirming(true)}>
              {linkojob ? tc.linkojob.giveBack : tc.actions.disconnect}
              {number ? (
                <span className="visually-hidden">
                  {" "}
                  <bdi dir="ltr">{number}</bdi>
                </span>
              ) : null}
            </button>
          ) : null}
        </footer>
      ) : null}
      {check.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(check.error, t, fmt)}
        </p>
      ) : null}

      {confirming ? (
        <ConfirmDialog
          title={(linkojob ? tc.linkojob.giveBackTitle : tc.disconnect.title)(
            isolateLtr(number ?? tc.numberFallback),
          )}
          body={linkojob ? tc.linkojob.giveBackBody : tc.disconnect.body}
          confirmLabel={linkojob ? tc.linkojob.giveBack : tc.actions.disconnect}
          pending={disconnect.isPending}
          error={disconnect.isError ? describeError(disconnect.error, t, fmt) : null}
          onConfirm={() =>
            disconnect.mutate(connection.id, {
              onSuccess: () => {
                setConfirming(false);
                props.onDisconnected();
              },
            })
          }
          onClose={() => {
            disconnect.reset();
            setConfirming(false);
          }}
        />
      ) : null}
    </article>
  );
}

type Warnings = ReturnType<typeof useConnectionsI18n>["tc"]["warnings"];

function warningText(code: string, warnings: Warnings): string {
  switch (code) {
    case "token_expires_soon":
    case "quality_low":
    case "quality_medium":
    case "display_name_declined":
    case "payment_method_invalid":
    case "business_not_verified":
    case "account_banned":
    case "messaging_blocked":
    case "messaging_limited":
      return warnings[code];
    default:
      return warnings.other(code);
  }
}
