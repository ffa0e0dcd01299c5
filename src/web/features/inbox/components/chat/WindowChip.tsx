import { Icon } from "../../../../ui/Icon";
import { useInboxI18n } from "../../i18n";
import type { WindowState } from "../../model/window";

/** The 24-hour window: teal with hours left, amber under 2 h, grey when closed or never opened. */
export function WindowChip({ state }: { state: WindowState }) {
  const { ti, ifmt } = useInboxI18n();
  let text: string;
  switch (state.kind) {
    case "never":
      text = ti.window.never;
      break;
    case "closed":
      text = ti.window.closed;
      break;
    case "closing": {
      const { hours, minutes } = ifmt.hoursMinutes(state.minutesLeft);
      text = ti.window.closing(hours, hours > 0 ? String(minutes).padStart(2, "0") : ifmt.number(minutes));
      break;
    }
    case "open":
      text =
        state.minutesLeft >= 60
          ? ti.window.open(ifmt.number(Math.floor(state.minutesLeft / 60)))
          : ti.window.openMinutes(ifmt.number(state.minutesLeft));
      break;
  }
  return (
    <span className={`window-chip window-chip--${state.kind}`} title={ti.window.rule}>
      <Icon name={state.kind === "closing" ? "hourglass" : "clock"} size={14} />
      <span className="window-chip__text">{text}</span>
      <span className="visually-hidden">. {ti.window.rule}</span>
    </span>
  );
}
