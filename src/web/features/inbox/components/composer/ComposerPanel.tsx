import { Link } from "../../../../app/Link";
import { Icon, type IconName } from "../../../../ui/Icon";

/** What replaces the input when free text cannot go out: the reason, and the one action that helps. */
export function ComposerPanel(props: {
  icon: IconName;
  text: string;
  tone?: "muted" | "danger";
  action?: { label: string; onClick(): void } | { label: string; to: string };
}) {
  const { action } = props;
  return (
    <div className={`composer-panel composer-panel--${props.tone ?? "muted"}`} role="status">
      <Icon name={props.icon} size={20} />
      <p className="composer-panel__text">{props.text}</p>
      {action && "to" in action ? (
        <Link to={action.to} className="button button--primary">
          {action.label}
        </Link>
      ) : action ? (
        <button type="button" className="button button--primary" onClick={action.onClick}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
