import { Icon } from "../../../ui/Icon";
import { useConnectionsI18n } from "../i18n";
import type { SignupPhase } from "../useEmbeddedSignup";

/**
 * "Connect WhatsApp" (Embedded Signup in Meta's popup), the same for a number that stays on the
 * WhatsApp Business app (coexistence), and, for when popups fail, the signup through a redirect in
 * this tab.
 */
export function ConnectActions(props: {
  label: string;
  primary: boolean;
  phase: SignupPhase;
  oauthUrl: string | null;
  onConnect(): void;
  onConnectBusinessApp(): void;
  onRedirect(): void;
}) {
  const { tc } = useConnectionsI18n();
  const busy = props.phase !== "idle";
  return (
    <div className="connect-actions">
      <button
        type="button"
        className={props.primary ? "button button--primary" : "button"}
        // Not `disabled`: the focused button would drop focus to the page while Meta's window is open.
        aria-disabled={busy}
        aria-describedby="connect-phase"
        onClick={busy ? undefined : props.onConnect}
      >
        <Icon name={props.primary ? "phone" : "plus"} />
        {props.label}
      </button>
      <button
        type="button"
        className="button"
        aria-disabled={busy}
        aria-describedby="connect-phase business-app-hint"
        onClick={busy ? undefined : props.onConnectBusinessApp}
      >
        {tc.businessApp.connect}
      </button>
      <p id="business-app-hint" className="connect-actions__hint">
        {tc.businessApp.connectHint}
      </p>
      {props.oauthUrl && !busy ? (
        <a className="connect-actions__redirect" href={props.oauthUrl} onClick={props.onRedirect}>
          {tc.useRedirect}
        </a>
      ) : (
        <span className="connect-actions__redirect connect-actions__redirect--off" aria-disabled="true">
          {tc.useRedirect}
        </span>
      )}
    </div>
  );
}
