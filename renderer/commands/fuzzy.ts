/**
 * The palette's filter: each word of the query found in the text, whole (best at a word's start)
 * or as letters in order ("nthr" finds "New thread"). 0: no match; higher is better, at most 1.
 * Pure.
 */
const boundary = (t: string, i: number): boolean => i === 0 || /[\s:./_-]/.test(t[i - 1] ?? ' ');

export function fuzzyScore(text: string, query: string): number {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 1;
  const t = text.toLowerCase();
  let score = 0;
  for (const word of words) {
    const at = t.indexOf(word);
    if (at >= 0) {
      score += boundary(t, at) ? 3 : 2;
      continue;
    }
    let last = -1;
    let s = 0;
    for (const ch of word) {
      const next = t.indexOf(ch, last + 1);
      if (next < 0) return 0;
      s += next === last + 1 ? 1 : boundary(t, next) ? 0.8 : 0.3;
      last = next;
    }
    score += s / word.length;
  }
  return score / (words.length * 3);
}
