/**
 * A command the agent ran: its status (running, succeeded, failed, declined) as an icon, the
 * command line, exit code, duration and folder, and its output in a terminal style with ANSI
 * colours — collapsible, and bounded to its last lines so huge outputs stay fast.
 */
import AnsiImport from 'ansi-to-react';
import { memo, useContext } from 'react';
import type { CommandExecutionItem } from '../../../protocol/schema/item';
import { formatDuration, tailBounded } from '../../state/item-format';
import { useDisclosure } from '../disclosures-context';
import { CopyButton } from './CopyButton';
import { ItemActionsContext } from './item-actions';
import { shownPath } from './ReadItem';
import '@vscode/codicons/dist/codicon.css';
import './item-kinds.css';

// ansi-to-react is CommonJS (`exports.default`): the bundler may hand over its module object.
const Ansi: typeof AnsiImport = (AnsiImport as unknown as { default?: typeof AnsiImport }).default ?? AnsiImport;

/** The output kept on screen: a terminal's scrollback, more when the user asks for it. */
const TAIL_LINES = 400;
const TAIL_CHARS = 64_000;
const FULL_LINES = 5_000;
const FULL_CHARS = 1_000_000;

type Outcome = 'running' | 'succeeded' | 'failed' | 'declined';

function commandOutcome(item: Pick<CommandExecutionItem, 'status' | 'exitCode'>): Outcome {
  if (item.status === 'inProgress') return 'running';
  if (item.status === 'declined') return 'declined';
  if (item.status === 'failed' || (item.exitCode != null && item.exitCode !== 0)) return 'failed';
  return 'succeeded';
}

const ICON: Record<Outcome, string> = {
  running: 'codicon-loading codicon-modifier-spin',
  succeeded: 'codicon-pass',
  failed: 'codicon-error',
  declined: 'codicon-circle-slash',
};

const WORD: Record<Outcome, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  declined: 'Declined',
};

/** Output as a terminal shows it, its colours rendered (classes, so they follow the theme). */
const TerminalOutput = memo(function TerminalOutput({ text, id }: { text: string; id: string }): React.JSX.Element {
  const [all, setAll] = useDisclosure(`output-all:${id}`);
  const shown = all ? tailBounded(text, FULL_LINES, FULL_CHARS) : tailBounded(text, TAIL_LINES, TAIL_CHARS);
  return (
    <div className="terminal" role="log" aria-label="Command output">
      {shown.omittedLines > 0 ? (
        <div className="terminal-omitted">
          {shown.omittedLines.toLocaleString()} earlier lines not shown
          {!all && text.length > shown.text.length ? (
            <button type="button" className="link" onClick={() => setAll(true)}>
              Show more
            </button>
          ) : null}
        </div>
      ) : null}
      <pre className="output terminal-text">
        <Ansi useClasses>{shown.text}</Ansi>
      </pre>
    </div>
  );
});

export function CommandItem({ item }: { item: CommandExecutionItem }): React.JSX.Element {
  // Collapsed is what is kept (default open): the windowed transcript unmounts rows out of view.
  const [collapsed, setCollapsed] = useDisclosure(`command-collapsed:${item.id}`);
  const outcome = commandOutcome(item);
  const output = item.aggregatedOutput ?? '';
  // The folder as the user knows it: relative to the thread's when inside it.
  const threadCwd = useContext(ItemActionsContext).cwd;
  const cwd = threadCwd && item.cwd !== threadCwd ? shownPath(item.cwd, threadCwd) : item.cwd;
  return (
    <div className="item command" data-status={item.status} data-outcome={outcome}>
      <div className="command-head">
        <span
          className={`codicon ${ICON[outcome]} command-status`}
          role="img"
          aria-label={WORD[outcome]}
          title={WORD[outcome]}
        />
        <code className="command-line" title={item.command}>
          <span className="command-prompt" aria-hidden>
            $
          </span>{' '}
          {item.command}
        </code>
        <span className="command-actions">
          <CopyButton text={() => item.command} label="Copy command" />
          {output ? (
            <button
              type="button"
              className="icon-button"
              aria-expanded={!collapsed}
              aria-label={collapsed ? 'Show output' : 'Hide output'}
              title={collapsed ? 'Show output' : 'Hide output'}
              onClick={() => setCollapsed(!collapsed)}
            >
              <span className={`codicon ${collapsed ? 'codicon-chevron-right' : 'codicon-chevron-down'}`} aria-hidden />
            </button>
          ) : null}
        </span>
      </div>
      <div className="command-meta">
        <span className="command-outcome">{outcome === 'running' ? 'Running…' : WORD[outcome]}</span>
        {item.exitCode != null ? (
          <span className={item.exitCode === 0 ? 'exit-code' : 'exit-code nonzero'}>exit {item.exitCode}</span>
        ) : null}
        {item.durationMs != null ? <span>{formatDuration(item.durationMs)}</span> : null}
        <span className="command-cwd" title={cwd}>
          <span className="codicon codicon-folder" aria-hidden /> {cwd}
        </span>
      </div>
      {output && !collapsed ? <TerminalOutput text={output} id={item.id} /> : null}
    </div>
  );
}
