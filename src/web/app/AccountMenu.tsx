import { useLogout, useRequiredSession, useUpdateMe } from "../features/auth/queries";
import { useT } from "../i18n/I18nProvider";
import { Avatar } from "../ui/Avatar";
import { Icon } from "../ui/Icon";
import { Popover } from "../ui/Popover";

/** The user's avatar: who is logged in, for which client, and the way out. */
export function AccountMenu() {
  const t = useT();
  const { user, client } = useRequiredSession();
  const logout = useLogout();
  const updateMe = useUpdateMe();
  const isAvailable = updateMe.isPending
    ? (updateMe.variables?.isAvailable ?? user.isAvailable)
    : user.isAvailable;
  return (
    <Popover
      label={t.nav.account}
      placement="rail"
      buttonClassName="rail__button rail__account"
      button={<Avatar id={user.id} name={user.name} size={32} />}
    >
      {() => (
        <div className="account">
          <div className="account__who">
            <Avatar id={user.id} name={user.name} size={40} />
            <div className="account__text">
              <bdi className="account__name">{user.name}</bdi>
              <bdi className="account__email" dir="ltr">
                {user.email}
              </bdi>
              <span className="account__meta">
                {t.roles[user.role]} · <bdi>{client.name}</bdi>
              </span>
            </div>
          </div>
          {/* Whether the automatic assignment gives this user new conversations (off while away). */}
          <label className="checkbox account__availability">
            <input
              type="checkbox"
              role="switch"
              aria-checked={isAvailable}
              checked={isAvailable}
              disabled={updateMe.isPending}
              onChange={(event) => updateMe.mutate({ isAvailable: event.target.checked })}
            />
            <span>
              {t.nav.available}
              <span className="field__hint">{t.nav.availableHint}</span>
            </span>
          </label>
          <button
            type="button"
            className="menu__item menu__item--danger"
            data-popover-item
            disabled={logout.isPending}
            onClick={() => logout.mutate()}
          >
            <Icon name="logout" />
            {t.nav.logout}
          </button>
        </div>
      )}
    </Popover>
  );
}
