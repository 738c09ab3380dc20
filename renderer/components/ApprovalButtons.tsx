/**
 * Approve / Approve for session / Decline — the same answers everywhere an approval is asked; on
 * an engine that says which answers it takes (Codex's `availableDecisions`), only those.
 */
import { useEffect, useRef } from 'react';
import type { ApprovalDecision } from '../../protocol/schema/approval';
import { focusAfterAnswer, registerApprovalTarget } from '../commands/approval-targets';
import { APPROVAL_SHORTCUTS } from '../commands/app-actions';
import { Kbd } from './commands/Kbd';
import { ariaShortcut, onMac } from '../commands/shortcuts';

/** Keyboard shortcuts for the answers. */
export const APPROVAL_KEYS: Record<string, ApprovalDecision> = { a: 'accept', s: 'acceptForSession', d: 'decline' };

const DEFAULT_ANSWERS: ApprovalDecision[] = ['accept', 'acceptForSession', 'decline'];
const LABELS: Record<ApprovalDecision, string> = {
  accept: 'Approve',
  acceptForSession: 'Approve for session',
  decline: 'Decline',
  cancel: 'Decline and stop the turn',
};

/** The plain decisions among an engine's `availableDecisions` (amendment objects aside); default all but cancel. */
export function offeredDecisions(available: readonly unknown[] | null | undefined): ApprovalDecision[] {
  if (!available) return DEFAULT_ANSWERS;
  return (Object.keys(LABELS) as ApprovalDecision[]).filter((d) => available.includes(d));
}

export function ApprovalButtons({
  onAnswer,
  offered = DEFAULT_ANSWERS,
}: {
  onAnswer: (d: ApprovalDecision) => void;
  offered?: ApprovalDecision[];
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  // The latest answer, for the keyboard's Approve / Decline (commands/approval-targets.ts).
  const latest = useRef(onAnswer);
  latest.current = onAnswer;
  const offeredKey = offered.join(' ');
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    return registerApprovalTarget({
      element,
      offered: offeredKey.split(' ') as ApprovalDecision[],
      answer: (d) => latest.current(d),
    });
  }, [offeredKey]);
  const mac = onMac();
  return (
    <div className="buttons" ref={box}>
      {offered.map((d, i) => {
        const shortcut = APPROVAL_SHORTCUTS[d];
        return (
          <button
            key={d}
            // The first answer is where focus goes when this approval is next (after another's answer).
            {...(i === 0 ? { 'data-primary': '' } : {})}
            {...(shortcut ? { 'aria-keyshortcuts': ariaShortcut(shortcut, mac) } : {})}
            onClick={() => {
              onAnswer(d);
              if (box.current) focusAfterAnswer(box.current);
            }}
          >
            {LABELS[d]}
            {shortcut ? <Kbd shortcut={shortcut} /> : null}
          </button>
        );
      })}
    </div>
  );
}
