/**
 * The command palette (Ctrl/Cmd+K): every action, fuzzy filtered as the user types, run with
 * Enter or a click. cmdk inside a Radix dialog, which traps focus and gives it back on close.
 */
import { Command } from 'cmdk';
import { Dialog } from 'radix-ui';
import { useMemo } from 'react';
import type { Action, ActionGroup } from '../../commands/registry';
import { fuzzyScore } from '../../commands/fuzzy';
import { ariaShortcut } from '../../commands/shortcuts';
import { Kbd } from './Kbd';
import './commands.css';

const GROUPS: ActionGroup[] = ['Threads', 'Thread', 'Approvals', 'App', 'Go to thread'];

export function CommandPalette(props: {
  open: boolean;
  actions: Action[];
  mac: boolean;
  onClose: () => void;
  /** Focus back where it was (there is no trigger button to return to). */
  returnFocus: () => void;
}): React.JSX.Element {
  const text = useMemo(
    () => new Map(props.actions.map((a) => [a.id, [a.title, a.group, ...(a.keywords ?? [])].join(' ')])),
    [props.actions],
  );
  const run = (a: Action): void => {
    props.onClose();
    // After the dialog has closed and given focus back: the action may move it (the composer).
    requestAnimationFrame(() => a.run());
  };
  return (
    <Dialog.Root open={props.open} onOpenChange={(open) => (open ? undefined : props.onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content
          className="palette"
          aria-describedby={undefined}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            props.returnFocus();
          }}
        >
          <Dialog.Title className="visually-hidden">Command palette</Dialog.Title>
          <Command label="Commands" loop filter={(value, search) => fuzzyScore(text.get(value) ?? value, search)}>
            <div className="palette-input">
              <span className="codicon codicon-search" aria-hidden />
              <Command.Input placeholder="Type a command or a thread’s name…" aria-label="Command" />
            </div>
            <Command.List className="palette-list">
              <Command.Empty className="palette-empty">No matching command</Command.Empty>
              {GROUPS.map((group) => {
                const items = props.actions.filter((a) => a.group === group);
                if (items.length === 0) return null;
                return (
                  <Command.Group key={group} heading={group}>
                    {items.map((a) => {
                      const shortcut = a.shortcuts[0];
                      return (
                        <Command.Item
                          key={a.id}
                          value={a.id}
                          disabled={!a.enabled()}
                          onSelect={() => run(a)}
                          {...(shortcut ? { 'aria-keyshortcuts': ariaShortcut(shortcut, props.mac) } : {})}
                        >
                          <span className="palette-title">{a.title}</span>
                          {shortcut ? <Kbd shortcut={shortcut} /> : null}
                        </Command.Item>
                      );
                    })}
                  </Command.Group>
                );
              })}
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
