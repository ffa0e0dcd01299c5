import { useMemo, useState } from "react";
import { Avatar } from "../../../../ui/Avatar";
import { Icon } from "../../../../ui/Icon";
import { Popover } from "../../../../ui/Popover";
import { useUsers } from "../../../team/queries";
import type { ConversationResponse } from "../../api";
import { useInboxI18n } from "../../i18n";
import { useAssign, useIds } from "../../queries";

/** The header's assignee: avatar and name ▾ (or "Non assigné"); "M’assigner" first in the list. */
export function AssigneeButton({ conversation }: { conversation: ConversationResponse }) {
  const { ti } = useInboxI18n();
  const { userId } = useIds();
  const users = useUsers();
  const assign = useAssign(conversation.id);
  const [filter, setFilter] = useState("");
  const people = useMemo(
    () => (users.data?.users ?? []).filter((user) => !user.isDisabled && user.id !== userId),
    [users.data, userId],
  );
  const assignee = users.data?.users.find((user) => user.id === conversation.assigneeId);
  const shown = people.filter((user) => user.name.toLocaleLowerCase().includes(filter.toLocaleLowerCase()));

  return (
    <Popover
      label={`${ti.details.assign} · ${assignee ? assignee.name : ti.details.unassigned}`}
      buttonClassName="assignee-button"
      placement="below"
      button={
        <>
          {assignee ? (
            <Avatar id={assignee.id} name={assignee.name} size={24} />
          ) : (
            <span className="assignee-button__none" aria-hidden="true">
              <Icon name="user" size={16} />
            </span>
          )}
          <span className="assignee-button__name">{assignee ? assignee.name : ti.details.unassigned}</span>
          <Icon name="chevronDown" size={16} />
        </>
      }
    >
      {(close) => {
        const choose = (id: string | null) => {
          assign.mutate(id);
          close();
        };
        return (
          <div className="assignee-menu">
            {people.length > 5 ? (
              <input
                className="input assignee-menu__search"
                dir="auto"
                value={filter}
                aria-label={ti.details.assign}
                onChange={(event) => setFilter(event.target.value)}
              />
            ) : null}
            <button type="button" className="menu__item" data-popover-item onClick={() => choose(userId)}>
              <span className="menu__check">
                {conversation.assigneeId === userId ? <Icon name="check" size={16} /> : null}
              </span>
              {ti.details.assignToMe}
            </button>
            {shown.map((user) => (
              <button key={user.id} type="button" className="menu__item" onClick={() => choose(user.id)}>
                <span className="menu__check">
                  {conversation.assigneeId === user.id ? <Icon name="check" size={16} /> : null}
                </span>
                <Avatar id={user.id} name={user.name} size={24} />
                <bdi>{user.name}</bdi>
              </button>
            ))}
            <button type="button" className="menu__item" onClick={() => choose(null)}>
              <span className="menu__check">
                {conversation.assigneeId ? null : <Icon name="check" size={16} />}
              </span>
              {ti.details.unassigned}
            </button>
          </div>
        );
      }}
    </Popover>
  );
}
