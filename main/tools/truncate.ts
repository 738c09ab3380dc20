/** Keeping tool output within what the model should read: the head and the tail, marked. */

export const MODEL_OUTPUT_LIMIT = 16 * 1024;

/** Keep the first and last parts of `text` when it exceeds `limit` characters. */
export function truncateMiddle(text: string, limit = MODEL_OUTPUT_LIMIT): string {
  if (text.length <= limit) return text;
  const head = Math.floor(limit / 2);
  const tail = limit - head;
  const omitted = text.length - head - tail;
  const lines = text.slice(head, text.length - tail).split('\n').length - 1;
  return `${text.slice(0, head)}\n[… ${omitted} characters (${lines} lines) omitted …]\n${text.slice(text.length - tail)}`;
}
