/**
 * The keyboard and attention for App.tsx in one call: the actions over the app's state and
 * callbacks (use-commands.ts), and the badge and notifications (attention/use-attention.ts).
 */
import { enableNotifications, inDesktopShell, useNotifyPermission } from '../attention/desktop';
import { useAttention } from '../attention/use-attention';
import type { AppState } from '../state/app';
import { useCommands, type Commands } from './use-commands';

export function useAppCommands(i: {
  state: AppState;
  selected: string | null;
  connected: boolean;
  running: boolean;
  /** Show a thread (the sidebar's click). */
  open: (threadId: string) => void;
  /** What the desktop menu's commands do. */
  command: (command: 'openFolder' | 'newThread' | 'settings') => void;
  stop: () => void;
  toggleSidebar: () => void;
  toggleChanges: () => void;
}): { commands: Commands; notificationsWanted: boolean } {
  const permission = useNotifyPermission();
  const attention = useAttention({
    approvals: i.state.approvals.pending,
    threads: i.state.threads,
    selected: i.selected,
    open: i.open,
  });
  const commands = useCommands({
    threads: i.state.threads,
    selected: i.selected,
    connected: i.connected,
    running: i.running,
    approvalsInView: i.state.approvals.pending.filter(
      (a) => a.params.threadId === i.selected && a.method !== 'item/tool/requestUserInput',
    ).length,
    desktop: inDesktopShell(),
    canEnableNotifications: permission === 'default',
    open: i.open,
    newThread: () => i.command('newThread'),
    openFolder: () => i.command('openFolder'),
    settings: () => i.command('settings'),
    stop: i.stop,
    toggleSidebar: i.toggleSidebar,
    toggleChanges: i.toggleChanges,
    enableNotifications: () => void enableNotifications(),
  });
  return { commands, notificationsWanted: attention.wanted };
}
