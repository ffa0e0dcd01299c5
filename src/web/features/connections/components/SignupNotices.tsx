import type { ReactNode } from "react";
import type { ConnectionResponse } from "../../../../contracts/connections";
import { ErrorCode } from "../../../../contracts/constants";
import { describeError, failedWith } from "../../../api/errors";
import { Icon } from "../../../ui/Icon";
import { isolateLtr, known } from "../format";
import { useConnectionsI18n } from "../i18n";
import type { SignupOutcome, SignupPhase } from "../useEmbeddedSignup";

/** The built-in simulator stands in for Meta: say so, and where candidates can be played. */
export function SandboxNotice() {
  const { tc } = useConnectionsI18n();
  return (
    <aside className="sandbox-notice" aria-label={tc.sandbox.title}>
      <span className="sandbox-notice__badge">{tc.sandbox.title}</span>
      <p>
        {tc.sandbox.body}{" "}
        <a href="/simulator/phone" target="_blank" rel="noreferrer">
          {tc.sandbox.phone}
        </a>
      </p>
    </aside>
  );
}

export type PageOutcome = SignupOutcome | { kind: "redirectError"; message: string };

/**
 * Where the signup stands (a polite live region, always present so changes are read out), and how
 * the last attempt ended: cancelled, connecting then active or stopped, or refused with the reason.
 */
export function SignupNotices(props: {
  phase: SignupPhase;
  outcome: PageOutcome | null;
  connections: readonly ConnectionResponse[];
  onDismiss(): void;
}) {
  const { tc } = useConnectionsI18n();
  const { outcome } = props;
  const problem =
    outcome?.kind === "error" || outcome?.kind === "sdkError" || outcome?.kind === "redirectError";
  return (
    <>
      <div id="connect-phase" className="signup-status" role="status">
        {props.phase !== "idle" ? (
          <p className="signup-status__phase">
            <span className="spinner" aria-hidden="true" />
            {tc.phases[props.phase]}
          </p>
        ) : outcome && !problem && !settledElsewhere(outcome, props.connections) ? (
          <Notice tone={toneOf(outcome, props.connections)} onDismiss={props.onDismiss}>
            <OutcomeText outcome={outcome} connections={props.connections} />
          </Notice>
        ) : null}
      </div>
      {props.phase === "idle" && outcome && problem ? (
        <div role="alert">
          <Notice tone="danger" onDismiss={props.onDismiss}>
            <ProblemText outcome={outcome} />
          </Notice>
        </div>
      ) : null}
    </>
  );
}

/** A connecting outcome about a number since disconnected has nothing left to say. */
function settledElsewhere(outcome: PageOutcome, connections: readonly ConnectionResponse[]): boolean {
  if (outcome.kind !== "connecting") return false;
  return connections.find((c) => c.id === outcome.connectionId)?.state === "disconnected";
}

type Tone = "success" | "warning" | "danger" | "info";

function toneOf(outcome: PageOutcome, connections: readonly ConnectionResponse[]): Tone {
  if (outcome.kind !== "connecting") return "warning";
  const state = connections.find((c) => c.id === outcome.connectionId)?.state;
  if (state === "active") return "success";
  if (state === "failed" || state === "needs_reconnect") return "warning";
  return "info";
}

function Notice(props: { tone: Tone; onDismiss(): void; children: ReactNode }) {
  const { t } = useConnectionsI18n();
  return (
    <div className={`notice notice--${props.tone}`}>
      <div className="notice__body">{props.children}</div>
      <button
        type="button"
        className="icon-button notice__close"
        aria-label={t.common.close}
        onClick={props.onDismiss}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}

function OutcomeText({
  outcome,
  connections,
}: {
  outcome: PageOutcome;
  connections: readonly ConnectionResponse[];
}) {
  const { tc } = useConnectionsI18n();
  if (outcome.kind === "cancelled") {
    return (
      <>
        <p>{tc.outcome.cancelled}</p>
        {outcome.detail ? (
          <p className="notice__detail">
            {tc.outcome.cancelledDetail} <bdi>{known(tc.metaSteps, outcome.detail)}</bdi>
          </p>
        ) : null}
      </>
    );
  }
  if (outcome.kind !== "connecting") return null;
  const connection = connections.find((c) => c.id === outcome.connectionId);
  const number = isolateLtr(connection?.displayPhoneNumber ?? tc.numberFallback);
  switch (connection?.state) {
    case "active":
      return <p>{tc.outcome.active(number)}</p>;
    case "failed":
    case "needs_reconnect":
      return <p>{tc.outcome.failed(number)}</p>;
    default:
      return <p>{tc.outcome.connecting}</p>;
  }
}

function ProblemText({ outcome }: { outcome: PageOutcome }) {
  const { t, tc, fmt } = useConnectionsI18n();
  if (outcome.kind === "sdkError") return <p>{tc.errors.sdk}</p>;
  if (outcome.kind === "redirectError") {
    return (
      <>
        <p className="notice__title">{tc.outcome.failedTitle}</p>
        <p>
          {tc.errors.serverSaid} <bdi>{outcome.message}</bdi>
        </p>
      </>
    );
  }
  if (outcome.kind !== "error") return null;
  const { error } = outcome;
  // Here a conflict can only be a number another account holds: say that rather than "reload".
  if (failedWith(error, ErrorCode.conflict)) return <p>{tc.errors.conflict}</p>;
  if (failedWith(error, ErrorCode.metaError)) {
    // Meta's reason, which the server relays, is what the recruiter needs to fix the number.
    return (
      <>
        <p className="notice__title">{describeError(error, t, fmt)}</p>
        <p>
          {tc.errors.serverSaid} <bdi>{error.message}</bdi>
        </p>
      </>
    );
  }
  return <p>{describeError(error, t, fmt)}</p>;
}
