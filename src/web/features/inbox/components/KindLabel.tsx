import { Icon, type IconName } from "../../../ui/Icon";
import type { InboxMessages } from "../i18n";
import type { PreviewKind } from "../model/preview";

const ICONS: Record<PreviewKind, IconName> = {
  image: "image",
  video: "play",
  audio: "mic",
  document: "file",
  sticker: "smile",
  location: "pin",
  contacts: "user",
  other: "chat",
};

/** A media kind in previews and quotes: a small icon and its word (`Photo`, `Document`). */
export function KindLabel({ kind, ti }: { kind: PreviewKind; ti: InboxMessages }) {
  return (
    <span className="kind-label">
      <Icon name={ICONS[kind]} size={16} />
      {ti.list.kinds[kind]}
    </span>
  );
}
