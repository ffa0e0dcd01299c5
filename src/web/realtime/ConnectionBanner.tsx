import { useEffect, useState } from "react";
import { useInboxI18n } from "../features/inbox/i18n";
import { useRealtime } from "./RealtimeProvider";

/** Shown only after 2 s without the socket (a blip stays silent); it reconnects and catches up by itself. */
const GRACE_MS = 2_000;

export function ConnectionBanner() {
  const { ti } = useInboxI18n();
  const { status, connection } = useRealtime();
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (status === "connected") {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [status]);

  if (!shown) return null;
  return (
    <div className="banner banner--warn" role="status">
      <span>{ti.banners.socketLost}</span>
      <button type="button" className="button button--small" onClick={() => connection.retry()}>
        {ti.banners.retry}
      </button>
    </div>
  );
}
