import { useEffect, useState } from "react";
import type { ConnectionResponse } from "../../../../contracts/connections";
import { roleMay } from "../../../../contracts/roles";
import { describeError } from "../../../api/errors";
import { Page } from "../../../app/Page";
import { navigate, useLocation } from "../../../app/router";
import { EmptyState } from "../../../ui/EmptyState";
import { Icon } from "../../../ui/Icon";
import { useRequiredSession } from "../../auth/queries";
import { isolateLtr, portfolioNumbers } from "../format";
import { useConnectionsI18n } from "../i18n";
import { useConnections, useLinkojobOffer } from "../queries";
import { useEmbeddedSignup } from "../useEmbeddedSignup";
import { ConnectActions } from "./ConnectActions";
import { ConnectionCard } from "./ConnectionCard";
import { LinkojobNumberAction, LinkojobNumberOption } from "./LinkojobNumber";
import { type PageOutcome, SandboxNotice, SignupNotices } from "./SignupNotices";
import "./connections.css";

/**
 * The client's WhatsApp numbers: connect one (or another) through Meta's Embedded Signup, or take one
 * of LinkoJob's (owners and admins, when LinkoJob offers them), follow its steps live, give the PIN
 * when Meta asks for it, see each number's health, reconnect, disconnect or give a LinkoJob number back.
 */
export default function ConnectionsPage() {
  const { t, tc, fmt } = useConnectionsI18n();
  const { user } = useRequiredSession();
  const connections = useConnections();
  const signup = useEmbeddedSignup();
  const redirected = useRedirectOutcome();
  const [dismissedRedirect, setDismissedRedirect] = useState(false);
  // The button that started a connect or a disconnect is gone afterwards: focus goes to the number.
  const [focusId, setFocusId] = useState<string | null>(null);
  const connectedId = signup.outcome?.kind === "connecting" ? signup.outcome.connectionId : null;
  useEffect(() => {
    if (connectedId) setFocusId(connectedId);
  }, [connectedId]);
  const mayTakeLinkojob = roleMay(user.role, "connections.takeLinkojobNumber");
  const linkojobOffer = useLinkojobOffer(mayTakeLinkojob);
  // Offered at all (LinkoJob lends numbers here): the choice is shown, with why when none can be taken.
  const offer = mayTakeLinkojob && linkojobOffer.data?.offered ? linkojobOffer.data : null;
  const [given, setGiven] = useState<ConnectionResponse | null>(null);
  const onTaken = (connection: ConnectionResponse) => {
    setGiven(connection);
    setFocusId(connection.id);
  };

  const list = connections.data ?? [];
  const current = list.filter((connection) => connection.state !== "disconnected");
  const past = list.filter((connection) => connection.state === "disconnected");
  const outcome: PageOutcome | null = signup.outcome ?? (dismissedRedirect ? null : redirected);
  const busy = signup.phase !== "idle";

  const cards = (items: ConnectionResponse[], headingLevel: 2 | 3) =>
    items.map((connection) => (
      <ConnectionCard
        key={connection.id}
        connection={connection}
        portfolioNumbers={portfolioNumbers(connection, list)}
        canDisconnect={roleMay(user.role, "connections.disconnect")}
        onReconnect={() => signup.start({ businessApp: connection.businessApp })}
        signupBusy={busy}
        headingLevel={headingLevel}
        focusOnMount={focusId === connection.id}
        onDisconnected={() => setFocusId(connection.id)}
      />
    ));

  const actions = (first: boolean) => (
    <ConnectActions
      label={first ? tc.connect : tc.connectAnother}
      primary={first}
      phase={signup.phase}
      oauthUrl={signup.oauthUrl}
      onConnect={() => signup.start()}
      onConnectBusinessApp={() => signup.start({ businessApp: true })}
      onRedirect={signup.markRedirectUsed}
    />
  );

  const ownNumberSteps = (
    <ol className="steps">
      {Object.values(tc.stepNames).map((step, index) => (
        <li key={step} className="steps__item">
          <span className="steps__number num" aria-hidden="true">
            {fmt.number(index + 1)}
          </span>
          {step}
        </li>
      ))}
    </ol>
  );

  return (
    <Page title={t.connections.title}>
      {signup.mode === "sandbox" ? <SandboxNotice /> : null}
      <SignupNotices
        phase={signup.phase}
        outcome={outcome}
        connections={list}
        onDismiss={() => {
          signup.dismissOutcome();
          setDismissedRedirect(true);
        }}
      />
      {connections.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(connections.error, t, fmt)}
        </p>
      ) : null}
      {connections.isPending ? <CardSkeleton /> : null}

      {given ? (
        <div className="notice notice--success" role="status">
          <div className="notice__body">
            {tc.linkojob.given(isolateLtr(given.displayPhoneNumber ?? tc.numberFallback))}
          </div>
          <button
            type="button"
            className="icon-button notice__close"
            aria-label={t.common.close}
            onClick={() => setGiven(null)}
          >
            <Icon name="close" />
          </button>
        </div>
      ) : null}

      {connections.data && current.length === 0 && offer ? (
        // The choice: the company's own number (Meta's Embedded Signup) or one of LinkoJob's.
        <section className="card connect-choice" aria-labelledby="connect-choice-title">
          <div className="connect-choice__head">
            <h2 id="connect-choice-title" className="connect-choice__title">
              {tc.emptyTitle}
            </h2>
            <p className="section__intro">{tc.linkojob.choiceIntro}</p>
          </div>
          <div className="connect-choice__options">
            <article className="connect-option" aria-labelledby="connect-option-own">
              <h3 id="connect-option-own" className="connect-option__title">
                {tc.linkojob.ownTitle}
              </h3>
              <p className="connect-option__text">{tc.emptyBody}</p>
              {ownNumberSteps}
              {actions(true)}
            </article>
            <LinkojobNumberOption offer={offer} onTaken={onTaken} />
          </div>
        </section>
      ) : null}

      {connections.data && current.length === 0 && !offer ? (
        <section className="card">
          <EmptyState icon="phone" title={tc.emptyTitle} action={actions(true)}>
            <p>{tc.emptyBody}</p>
            {ownNumberSteps}
          </EmptyState>
        </section>
      ) : null}

      {current.length > 0 ? (
        <section className="connections" aria-label={t.connections.title}>
          <div className="connections__head">
            <p className="section__intro">{tc.intro}</p>
            <div className="connections__connect">
              {actions(false)}
              {offer ? <LinkojobNumberAction offer={offer} primary={false} onTaken={onTaken} /> : null}
            </div>
          </div>
          {cards(current, 2)}
        </section>
      ) : null}

      {past.length > 0 ? (
        <section className="connections" aria-labelledby="disconnected-title">
          <div>
            <h2 id="disconnected-title" className="section__title">
              {tc.disconnectedTitle}
            </h2>
            <p className="section__intro">{tc.disconnectedIntro}</p>
          </div>
          {cards(past, 3)}
        </section>
      ) : null}
    </Page>
  );
}

/**
 * The redirect flow comes back as `/connections?connection=<id>` or `?signup_error=<message>`: read it
 * once, then drop it from the address so a reload does not show it again.
 */
function useRedirectOutcome(): PageOutcome | null {
  const { search } = useLocation();
  const [outcome] = useState<PageOutcome | null>(() => {
    const params = new URLSearchParams(search);
    const error = params.get("signup_error");
    if (error) return { kind: "redirectError", message: error.slice(0, 500) };
    const id = params.get("connection");
    return id ? { kind: "connecting", connectionId: id } : null;
  });
  useEffect(() => {
    const params = new URLSearchParams(search);
    if (params.has("signup_error") || params.has("connection")) navigate("/connections", { replace: true });
  }, [search]);
  return outcome;
}

/** The card's final geometry while the list loads, so nothing jumps when it arrives. */
function CardSkeleton() {
  return (
    <div className="card connection" aria-hidden="true">
      <span className="skeleton skeleton--line connection__skeleton-title" />
      <span className="skeleton skeleton--line" />
      <span className="skeleton skeleton--line skeleton--short" />
    </div>
  );
}
