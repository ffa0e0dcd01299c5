import { useState } from "react";
import type { UserResponse, UserRole } from "../../../../contracts/accounts";
import { assignableRoles } from "../../../../contracts/roles";
import { describeError } from "../../../api/errors";
import { useI18n } from "../../../i18n/I18nProvider";
import { Avatar } from "../../../ui/Avatar";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useRequiredSession } from "../../auth/queries";
import { canEditUser } from "../permissions";
import { useUpdateUser } from "../queries";

/** One user: who, role (a select when editable), state, last login, and disable/enable. */
export function UserRow({ user, manage }: { user: UserResponse; manage: boolean }) {
  const { t, fmt } = useI18n();
  const { user: me } = useRequiredSession();
  const update = useUpdateUser();
  const [confirmDisable, setConfirmDisable] = useState(false);
  const editable = canEditUser(me, user);
  const roles = assignableRoles(me.role);
  const isMe = user.id === me.id;

  function changeRole(role: UserRole) {
    update.mutate({ id: user.id, body: { role } });
  }

  return (
    <tr className={user.isDisabled ? "user-row user-row--disabled" : "user-row"}>
      <td>
        <div className="user-cell">
          <Avatar id={user.id} name={user.name} size={36} />
          <div className="user-cell__text">
            <span className="user-cell__name">
              <bdi>{user.name}</bdi>
              {isMe ? <span className="table__muted"> ({t.common.you})</span> : null}
            </span>
            <bdi className="user-cell__email" dir="ltr">
              {user.email}
            </bdi>
          </div>
        </div>
        {update.isError && !confirmDisable ? (
          <p className="field__error" role="alert">
            {describeError(update.error, t, fmt)}
          </p>
        ) : null}
      </td>
      <td>
        {editable ? (
          <select
            className="select"
            aria-label={t.team.roleOf(user.name)}
            value={user.role}
            disabled={update.isPending}
            onChange={(event) => changeRole(event.target.value as UserRole)}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t.roles[role]}
              </option>
            ))}
          </select>
        ) : (
          t.roles[user.role]
        )}
      </td>
      <td>
        <span className={user.isDisabled ? "tag tag--muted" : "tag tag--success"}>
          {user.isDisabled ? t.team.disabled : t.team.active}
        </span>
      </td>
      <td className="table__muted">
        {user.lastLoginAt ? (
          <time dateTime={user.lastLoginAt}>{fmt.dateTime(user.lastLoginAt)}</time>
        ) : (
          t.common.never
        )}
      </td>
      {manage ? (
        <td className="table__actions">
          {editable ? (
            <button
              type="button"
              className="button button--small"
              disabled={update.isPending}
              onClick={() =>
                user.isDisabled
                  ? update.mutate({ id: user.id, body: { isDisabled: false } })
                  : setConfirmDisable(true)
              }
            >
              {user.isDisabled ? t.team.enable : t.team.disable}
              <span className="visually-hidden">
                {" "}
                <bdi>{user.name}</bdi>
              </span>
            </button>
          ) : null}
          {confirmDisable ? (
            <ConfirmDialog
              title={t.team.disableTitle(user.name)}
              body={t.team.disableBody}
              confirmLabel={t.team.disable}
              pending={update.isPending}
              error={update.isError ? describeError(update.error, t, fmt) : null}
              onConfirm={() =>
                update.mutate(
                  { id: user.id, body: { isDisabled: true } },
                  { onSuccess: () => setConfirmDisable(false) },
                )
              }
              onClose={() => {
                update.reset();
                setConfirmDisable(false);
              }}
            />
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
