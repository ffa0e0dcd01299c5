import { useState, useSyncExternalStore } from "react";
import { useInboxI18n } from "../i18n";
import {
  askPermission,
  isSoundOn,
  notificationPermission,
  setSoundOn,
  subscribeSound,
} from "../notifications";

/** Settings: browser notifications (asked from this button) and the optional chime, per device. */
export function NotificationSettings() {
  const { ti } = useInboxI18n();
  const sound = useSyncExternalStore(subscribeSound, isSoundOn);
  const [permission, setPermission] = useState(notificationPermission);
  return (
    <section className="card section" aria-labelledby="notifications-title">
      <h2 id="notifications-title" className="section__title">
        {ti.notifications.settingsTitle}
      </h2>
      <div className="notification-setting">
        <p>
          <strong>{ti.notifications.browser}</strong>
          <br />
          <span className="field__hint">
            {permission === "granted"
              ? ti.notifications.granted
              : permission === "denied"
                ? ti.notifications.denied
                : permission === "unsupported"
                  ? ti.notifications.unsupported
                  : ti.notifications.enableHint}
          </span>
        </p>
        {permission === "default" ? (
          <button type="button" className="button" onClick={async () => setPermission(await askPermission())}>
            {ti.notifications.enable}
          </button>
        ) : null}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={sound} onChange={(event) => setSoundOn(event.target.checked)} />
        <span>
          {ti.notifications.sound}
          <span className="field__hint"> · {ti.notifications.soundHint}</span>
        </span>
      </label>
    </section>
  );
}
