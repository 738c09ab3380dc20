/**
 * The answers being chosen for the agent's pending questions (request_user_input), by item id:
 * kept outside the card, so a thread switch or the card scrolling out of the virtualized
 * transcript loses none, and in the tab's session storage, so a reload loses none either.
 * Secret answers stay in memory only.
 */
import { z } from 'zod';

const KEY = 'tandem.questionDrafts';

const Draft = z.object({ chosen: z.record(z.string(), z.string()), other: z.record(z.string(), z.string()) });
export type QuestionDraft = z.infer<typeof Draft>;
const Drafts = z.record(z.string(), Draft);

const EMPTY: QuestionDraft = { chosen: {}, other: {} };
let drafts: Record<string, QuestionDraft> | undefined;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function all(): Record<string, QuestionDraft> {
  if (!drafts) {
    let stored: unknown = {};
    try {
      stored = JSON.parse(storage()?.getItem(KEY) ?? '{}');
    } catch {
      // Unreadable: start with none.
    }
    drafts = Drafts.safeParse(stored).data ?? {};
  }
  return drafts;
}

export const questionDraft = (itemId: string): QuestionDraft => all()[itemId] ?? EMPTY;

/** Keep `draft` for `itemId` (null: answered, forget it); `secret` answers are not written to storage. */
export function keepQuestionDraft(itemId: string, draft: QuestionDraft | null, secret: ReadonlySet<string>): void {
  const next = { ...all() };
  if (draft) next[itemId] = draft;
  else delete next[itemId];
  drafts = next;
  const stored = Object.fromEntries(
    Object.entries(next).map(([id, d]) => [
      id,
      { chosen: d.chosen, other: Object.fromEntries(Object.entries(d.other).filter(([q]) => !secret.has(q))) },
    ]),
  );
  try {
    storage()?.setItem(KEY, JSON.stringify(stored));
  } catch {
    // Storage full or refused: the in-memory draft still serves this page.
  }
}
