/**
 * The shell's side of a page's attention messages (protocol/shell.ts): a window's frame channel
 * with the `tandem/shell/…` notifications taken off it before the server's transport reads it,
 * each handed to the shell (the dock/taskbar badge, focusing the window). Electron-free, so it
 * is tested without Electron; main/index.ts supplies the Electron calls.
 */
import type { FrameChannel } from '../protocol/rpc/frames';
import { readShellMessage, type ShellMessage } from '../protocol/shell';

export interface WindowShell {
  /** app.setBadgeCount: the count of approvals waiting (0 clears it). */
  setBadge(count: number): void;
  /** Show, restore and focus the window. */
  focus(): void;
}

function handleShellMessage(message: ShellMessage, shell: WindowShell): void {
  if (message.method === 'tandem/shell/badge') shell.setBadge(message.params.count);
  else shell.focus();
}

/** The channel as the server sees it: every frame but the shell's messages, which go to `shell`. */
export function withShellMessages(channel: FrameChannel, shell: WindowShell): FrameChannel {
  return {
    ...channel,
    onFrame: (listener) =>
      channel.onFrame((frame) => {
        if (typeof frame === 'string') {
          const shellMessage = readShellMessage(frame);
          if (shellMessage === 'invalid') return;
          if (shellMessage) return handleShellMessage(shellMessage, shell);
        }
        listener(frame);
      }),
  };
}
