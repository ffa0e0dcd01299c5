import type { ReactNode } from "react";
import { Icon, type IconName } from "./Icon";

/**
 * One item of a popover menu. With `close`, the menu closes before the action runs (focus returns
 * to the menu's button first); without it, the menu stays open (an item that opens a sub-picker).
 */
export function MenuItem(props: {
  icon: IconName;
  children: ReactNode;
  onSelect(): void;
  close?: () => void;
}) {
  return (
    <button
      type="button"
      className="menu__item"
      data-popover-item
      onClick={() => {
        props.close?.();
        props.onSelect();
      }}
    >
      <Icon name={props.icon} size={18} />
      {props.children}
    </button>
  );
}
