import { useState } from "react";
import type { UserResponse } from "../../../../contracts/accounts";
import { ErrorCode } from "../../../../contracts/constants";
import { describeError, failedWith } from "../../../api/errors";
import { useI18n } from "../../../i18n/I18nProvider";
import { Icon } from "../../../ui/Icon";
import { useUsers } from "../queries";
import { CreateUserDialog } from "./CreateUserDialog";
import { UserRow } from "./UserRow";

/** The team's users; owners and admins also get the add, role and disable controls. */
export function UsersSection({ manage }: { manage: boolean }) {
  const { t, fmt } = useI18n();
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const list: UserResponse[] = users.data?.users ?? [];
  // Recruiters may not be allowed to list users at all: the notice above already says why.
  const hidden = failedWith(users.error, ErrorCode.forbidden) && !manage;
  if (hidden) return null;

  return (
    <section className="card section" aria-labelledby="users-title">
      <div className="section__head">
        <h2 id="users-title" className="section__title">
          {t.team.usersTitle}
          {users.data ? (
            <span className="section__count">
              {" "}
              · {t.team.userCount(list.length, fmt.number(list.length))}
            </span>
          ) : null}
        </h2>
        {manage ? (
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            <Icon name="plus" />
            {t.team.addUser}
          </button>
        ) : null}
      </div>
      {users.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(users.error, t, fmt)}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="table" aria-busy={users.isPending}>
          <thead>
            <tr>
              <th scope="col">{t.team.columns.name}</th>
              <th scope="col">{t.team.columns.role}</th>
              <th scope="col">{t.team.columns.status}</th>
              <th scope="col">{t.team.columns.lastLogin}</th>
              {manage ? (
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t.team.columns.actions}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {list.map((user) => (
              <UserRow key={user.id} user={user} manage={manage} />
            ))}
          </tbody>
        </table>
      </div>
      {creating ? <CreateUserDialog onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
