import { Link } from "../../../../app/Link";
import { useT } from "../../../../i18n/I18nProvider";
import { Icon, type IconName } from "../../../../ui/Icon";

/** No chat open: "select a conversation" with three shortcuts. */
export function ChatIntro() {
  const t = useT();
  return (
    <main className="chat-pane chat-pane--intro">
      <div className="chat-intro">
        <span className="chat-intro__icon">
          <Icon name="chat" size={40} />
        </span>
        <h2 className="chat-intro__title">{t.inbox.selectTitle}</h2>
        <p className="chat-intro__body">{t.inbox.selectBody}</p>
        <ul className="shortcuts" aria-label={t.inbox.shortcutsLabel}>
          <Shortcut to="/connections" icon="phone" label={t.inbox.shortcuts.numbers} />
          <Shortcut to="/templates" icon="template" label={t.inbox.shortcuts.templates} />
          <Shortcut to="/team" icon="team" label={t.inbox.shortcuts.team} />
        </ul>
      </div>
    </main>
  );
}

function Shortcut({ to, icon, label }: { to: string; icon: IconName; label: string }) {
  return (
    <li>
      <Link to={to} className="shortcuts__link">
        <Icon name={icon} />
        <span>{label}</span>
      </Link>
    </li>
  );
}
