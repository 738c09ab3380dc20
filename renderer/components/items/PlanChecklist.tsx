/**
 * The agent's plan as one checklist: each step pending, in progress or done. A turn shows its
 * latest plan only (earlier plan items of the turn render nothing), and a plan item's text keeps
 * the steps' states, so the checklist is the same after a reload.
 */
import { useContext } from 'react';
import type { PlanItem } from '../../../protocol/schema/item';
import { parsePlanText, type PlanView } from '../../state/item-format';
import { ItemActionsContext } from './item-actions';
import '@vscode/codicons/dist/codicon.css';
import './item-kinds.css';

const STEP = {
  pending: { icon: 'codicon-circle-large', word: 'Pending' },
  inProgress: { icon: 'codicon-circle-large-filled', word: 'In progress' },
  completed: { icon: 'codicon-pass-filled', word: 'Completed' },
} as const;

export function PlanChecklist({ plan }: { plan: PlanView }): React.JSX.Element {
  const done = plan.steps.filter((s) => s.status === 'completed').length;
  return (
    <div className="item plan">
      <div className="item-head">
        <span className="codicon codicon-checklist" aria-hidden />
        <span className="item-title">Plan</span>
        <span className="muted">
          {done} of {plan.steps.length} done
        </span>
      </div>
      {plan.explanation ? <p className="plan-explanation">{plan.explanation}</p> : null}
      <ul className="checklist" aria-label="Plan">
        {plan.steps.map((s, i) => (
          <li key={i} data-status={s.status} aria-label={`${s.step} (${STEP[s.status].word})`}>
            <span className={`codicon ${STEP[s.status].icon} step-icon`} aria-hidden />
            <span className="step-text">{s.step}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PlanItemView({ item }: { item: PlanItem }): React.JSX.Element {
  const { supersededPlans } = useContext(ItemActionsContext);
  if (supersededPlans.has(item.id)) return <div className="item plan-superseded" hidden />;
  const plan = parsePlanText(item.text);
  if (!plan)
    return (
      <div className="item plan">
        <div className="item-head">
          <span className="codicon codicon-checklist" aria-hidden />
          <span className="item-title">Plan</span>
        </div>
        <p className="plan-explanation">{item.text}</p>
      </div>
    );
  return <PlanChecklist plan={plan} />;
}
