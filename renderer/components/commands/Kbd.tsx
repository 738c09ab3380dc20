/**
 * A shortcut's keys as a <kbd> hint, hidden from assistive technology: the control it sits in
 * carries the shortcut in `aria-keyshortcuts`, and its accessible name stays its label.
 */
import { formatShortcut, onMac, shortcutKeys } from '../../commands/shortcuts';
import './commands.css';

export function Kbd({
  shortcut,
  split = false,
  hidden = true,
}: {
  shortcut: string;
  /** One <kbd> per key (the shortcuts sheet). */
  split?: boolean;
  /** Hidden from assistive technology (on a control that has aria-keyshortcuts); the sheet shows them. */
  hidden?: boolean;
}): React.JSX.Element {
  const mac = onMac();
  if (!split)
    return (
      <kbd className="kbd" aria-hidden={hidden}>
        {formatShortcut(shortcut, mac)}
      </kbd>
    );
  return (
    <span className="kbd-keys" aria-hidden={hidden}>
      {shortcutKeys(shortcut, mac).map((k, i) => (
        <kbd key={i} className="kbd">
          {k}
        </kbd>
      ))}
    </span>
  );
}
