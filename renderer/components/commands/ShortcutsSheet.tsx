/** The shortcuts sheet (Ctrl/Cmd+/ or ?): every action that has a shortcut, by group, as a dialog. */
import { Dialog } from 'radix-ui';
import type { Action, ActionGroup } from '../../commands/registry';
import { Kbd } from './Kbd';
import './commands.css';

const GROUPS: ActionGroup[] = ['Threads', 'Thread', 'Approvals', 'App'];

export function ShortcutsSheet(props: {
  open: boolean;
  actions: Action[];
  onClose: () => void;
  returnFocus: () => void;
}): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={(open) => (open ? undefined : props.onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content
          className="shortcuts-sheet"
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            props.returnFocus();
          }}
        >
          <header className="sheet-header">
            <Dialog.Title>Keyboard shortcuts</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close">
              <span className="codicon codicon-close" aria-hidden />
            </Dialog.Close>
          </header>
          <Dialog.Description className="sheet-description">
            Everything else is in the command palette.
          </Dialog.Description>
          <div className="sheet-groups">
            {GROUPS.map((group) => {
              const items = props.actions.filter((a) => a.group === group && a.shortcuts.length > 0);
              if (items.length === 0) return null;
              return (
                <section key={group} aria-label={group}>
                  <h3>{group}</h3>
                  <table>
                    <tbody>
                      {items.map((a) => (
                        <tr key={a.id}>
                          <th scope="row">{a.title}</th>
                          <td>
                            {a.shortcuts.map((s, i) => (
                              <span key={s}>
                                {i > 0 ? <span className="sheet-or"> or </span> : null}
                                <Kbd shortcut={s} split hidden={false} />
                              </span>
                            ))}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              );
            })}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
