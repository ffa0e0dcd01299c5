import { type RoleAction, roleMay } from "../../contracts/roles";
import { useRequiredSession } from "../features/auth/queries";
import { MentionsMenu } from "../features/mentions/components/MentionsMenu";
import { useT } from "../i18n/I18nProvider";
import { Avatar } from "../ui/Avatar";
import { Icon, type IconName } from "../ui/Icon";
import { AccountMenu } from "./AccountMenu";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { Link } from "./Link";
import { href, type Route, type RouteName } from "./router";

type NavName = Extract<
  RouteName,
  "inbox" | "connections" | "templates" | "campaigns" | "costs" | "reports" | "team" | "webhooks" | "settings"
>;

const ITEMS: readonly { name: Exclude<NavName, "settings">; icon: IconName; action?: RoleAction }[] = [
  { name: "inbox", icon: "chat" },
  { name: "connections", icon: "phone" },
  { name: "templates", icon: "template" },
  { name: "campaigns", icon: "megaphone" },
  { name: "costs", icon: "coins" },
  { name: "reports", icon: "chart" },
  { name: "team", icon: "team" },
  { name: "webhooks", icon: "webhook", action: "webhooks.manage" },
];

/** The rail's section a route belongs to: a template's page and the builder are under Templates. */
function section(route: Route): RouteName {
  if (route.name === "webhook") return "webhooks";
  return route.name === "template" || route.name === "templateNew" || route.name === "templateEdit"
    ? "templates"
    : route.name;
}

/** The 64 px rail: the client, the sections, language and account (a bottom bar on phones). */
export function NavRail({ route }: { route: Route }) {
  const t = useT();
  const { client, user } = useRequiredSession();
  // Sections a role cannot use are left out (the server refuses them anyway).
  const items = ITEMS.filter((item) => !item.action || roleMay(user.role, item.action));
  return (
    <nav className="rail" aria-label={t.nav.label}>
      <div className="rail__workspace" title={client.name}>
        <Avatar id={client.id} name={client.name} size={36} />
        <span className="visually-hidden">{t.nav.workspace(client.name)}</span>
      </div>
      <ul className="rail__list">
        {items.map((item) => (
          <li key={item.name}>
            <RailLink name={item.name} icon={item.icon} current={section(route) === item.name} />
          </li>
        ))}
      </ul>
      <div className="rail__bottom">
        <div className="rail__language">
          <LanguageSwitcher variant="rail" />
        </div>
        <MentionsMenu />
        <RailLink name="settings" icon="settings" current={route.name === "settings"} />
        <AccountMenu />
      </div>
    </nav>
  );
}

function RailLink({ name, icon, current }: { name: NavName; icon: IconName; current: boolean }) {
  const t = useT();
  const path = name === "inbox" ? href({ name, conversationId: null }) : href({ name });
  return (
    <Link to={path} className="rail__button rail__link" aria-current={current ? "page" : undefined}>
      <Icon name={icon} size={22} />
      {/* Visible on hover and focus, and the link's accessible name at all times. */}
      <span className="rail__tooltip">{t.nav[name]}</span>
    </Link>
  );
}
