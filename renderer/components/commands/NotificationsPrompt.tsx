/**
 * "Get notified…?": offered the first time a thread in the background needed the user and the
 * browser was never asked (in Electron notifications are allowed already). Asking happens on the
 * user's click, never on load; "Not now" is remembered.
 */
import { useState } from 'react';
import { enableNotifications, useNotifyPermission } from '../../attention/desktop';
import './commands.css';

const DISMISSED = 'tandem.notifications.notNow';

export function NotificationsPrompt({ wanted }: { wanted: boolean }): React.JSX.Element | null {
  const permission = useNotifyPermission();
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED) === '1');
  if (!wanted || dismissed || permission !== 'default') return null;
  return (
    <div className="notify-prompt" role="region" aria-label="Notifications">
      <span className="codicon codicon-bell" aria-hidden />
      <p>A thread in the background needs you. Get a desktop notification next time?</p>
      <div className="notify-actions">
        <button className="primary" onClick={() => void enableNotifications()}>
          Enable notifications
        </button>
        <button
          onClick={() => {
            localStorage.setItem(DISMISSED, '1');
            setDismissed(true);
          }}
        >
          Not now
        </button>
      </div>
    </div>
  );
}
