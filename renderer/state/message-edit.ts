/**
 * The user message being edited in place ("Edit and resend"): which row, the text so far, whether
 * the resend is under way, and what went wrong. Kept in state, not in the editor: the windowed
 * transcript unmounts the row when it scrolls out, and a failed resend keeps the text.
 */
export interface MessageEdit {
  key: string;
  text: string;
  busy: boolean;
  error: string | null;
}

export type MessageEditAction =
  | { type: 'start'; key: string; text: string }
  | { type: 'text'; text: string }
  | { type: 'sending' }
  | { type: 'failed'; error: string }
  | { type: 'done' };

export function reduceMessageEdit(state: MessageEdit | null, action: MessageEditAction): MessageEdit | null {
  switch (action.type) {
    case 'start':
      return { key: action.key, text: action.text, busy: false, error: null };
    case 'text':
      return state ? { ...state, text: action.text } : state;
    case 'sending':
      return state ? { ...state, busy: true, error: null } : state;
    case 'failed':
      return state ? { ...state, busy: false, error: action.error } : state;
    case 'done':
      return null;
  }
}
