/** What the keyboard and attention add on top of the app: the palette, the shortcuts sheet, the notifications offer. */
import '@vscode/codicons/dist/codicon.css';
import type { Commands } from '../../commands/use-commands';
import { CommandPalette } from './CommandPalette';
import { NotificationsPrompt } from './NotificationsPrompt';
import { ShortcutsSheet } from './ShortcutsSheet';

export function CommandLayer({
  commands,
  notificationsWanted,
}: {
  commands: Commands;
  notificationsWanted: boolean;
}): React.JSX.Element {
  return (
    <>
      <CommandPalette
        open={commands.overlay === 'palette'}
        actions={commands.actions}
        mac={commands.mac}
        onClose={commands.closeOverlay}
        returnFocus={commands.returnFocus}
      />
      <ShortcutsSheet
        open={commands.overlay === 'shortcuts'}
        actions={commands.actions}
        onClose={commands.closeOverlay}
        returnFocus={commands.returnFocus}
      />
      <NotificationsPrompt wanted={notificationsWanted} />
    </>
  );
}
