/**
 * The agent's questions (request_user_input): each with its options as radio buttons and an
 * "Other" answer in the user's own words; one Send answers them all. A form, so it works from
 * the keyboard alone: Tab between questions, arrows between options, Enter sends.
 */
import { useState } from 'react';
import type { ToolRequestUserInputParams, ToolRequestUserInputResponse } from '../../protocol/schema/user-input';
import { keepQuestionDraft, questionDraft, type QuestionDraft } from '../state/question-drafts';

const OTHER = '\u0000other';

export function UserInputCard({
  params,
  onSubmit,
}: {
  params: ToolRequestUserInputParams;
  onSubmit: (response: ToolRequestUserInputResponse) => void;
}): React.JSX.Element {
  // The draft lives outside the card (state/question-drafts.ts): unmounting it loses nothing.
  const [draft, setDraft] = useState<QuestionDraft>(() => questionDraft(params.itemId));
  const secret = new Set(params.questions.filter((q) => q.isSecret).map((q) => q.id));
  const { chosen, other } = draft;
  const update = (next: QuestionDraft): void => {
    setDraft(next);
    keepQuestionDraft(params.itemId, next, secret);
  };
  const setChosen = (c: Record<string, string>): void => update({ chosen: c, other });
  const setOther = (o: Record<string, string>): void => update({ chosen, other: o });
  const answerOf = (id: string): string | null => {
    const c = chosen[id];
    if (c === undefined) return null;
    if (c !== OTHER) return c;
    const text = (other[id] ?? '').trim();
    return text === '' ? null : text;
  };
  const complete = params.questions.every((q) => answerOf(q.id) !== null);
  return (
    <form
      className="approval user-input"
      aria-label="Question from the agent"
      onSubmit={(e) => {
        e.preventDefault();
        if (!complete) return;
        const answers: ToolRequestUserInputResponse['answers'] = {};
        for (const q of params.questions) answers[q.id] = { answers: [answerOf(q.id) ?? ''] };
        keepQuestionDraft(params.itemId, null, secret);
        onSubmit({ answers });
      }}
    >
      <div className="item-title">The agent asks</div>
      {params.questions.map((q, qi) => (
        <fieldset key={q.id} className="question">
          <legend>
            {q.header ? <span className="question-header">{q.header}</span> : null} {q.question}
          </legend>
          {(q.options ?? []).map((o, oi) => (
            <label key={o.label} className="option">
              <input
                type="radio"
                name={`${params.itemId}:${q.id}`}
                value={o.label}
                checked={chosen[q.id] === o.label}
                autoFocus={qi === 0 && oi === 0}
                onChange={() => setChosen({ ...chosen, [q.id]: o.label })}
              />
              <span className="option-label">{o.label}</span>
              {o.description ? <span className="muted"> — {o.description}</span> : null}
            </label>
          ))}
          {q.isOther !== false || !q.options?.length ? (
            <label className="option">
              <input
                type="radio"
                name={`${params.itemId}:${q.id}`}
                value={OTHER}
                checked={chosen[q.id] === OTHER}
                onChange={() => setChosen({ ...chosen, [q.id]: OTHER })}
              />
              <span className="option-label">Other</span>{' '}
              <input
                type={q.isSecret ? 'password' : 'text'}
                aria-label={`Other answer to: ${q.question}`}
                value={other[q.id] ?? ''}
                onFocus={() => setChosen({ ...chosen, [q.id]: OTHER })}
                onChange={(e) => setOther({ ...other, [q.id]: e.target.value })}
              />
            </label>
          ) : null}
        </fieldset>
      ))}
      <div className="buttons">
        <button type="submit" disabled={!complete}>
          Send answer
        </button>
      </div>
    </form>
  );
}
