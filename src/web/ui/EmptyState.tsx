import type { ReactNode } from "react";
import { Icon, type IconName } from "./Icon";

/** A calm, centred explanation of what will appear here, with at most one call to action. */
export function EmptyState(props: {
  icon: IconName;
  title: string;
  titleId?: string;
  children?: ReactNode;
  action?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = props.headingLevel === 3 ? "h3" : "h2";
  return (
    <div className="empty-state">
      <span className="empty-state__icon">
        <Icon name={props.icon} size={32} />
      </span>
      <Heading className="empty-state__title" id={props.titleId}>
        {props.title}
      </Heading>
      {props.children ? <div className="empty-state__body">{props.children}</div> : null}
      {props.action ? <div className="empty-state__action">{props.action}</div> : null}
    </div>
  );
}
