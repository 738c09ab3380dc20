/** Search's matching and snippets (main/server/search): words, case folding, ranges in snippets. */
import { describe, expect, it } from 'vitest';
import { fold, itemDocs, type ThreadDocs } from '../../../../main/server/search/docs';
import { matchThread, parseQuery, snippet } from '../../../../main/server/search/match';

const docsOf = (...items: unknown[]): ThreadDocs => ({
  name: null,
  docs: items.flatMap((item, i) => itemDocs(item, `turn-${i}`)),
  bytes: 0,
});

describe('search matching', () => {
  it('splits a query into folded words, keeps quoted phrases, drops words inside others', () => {
    expect(parseQuery('  Parser  "Flaky Test" parser.test.ts ')).toEqual(['flaky test', 'parser.test.ts']);
    expect(parseQuery('""')).toEqual([]);
  });

  it('folds case without changing lengths, so offsets stay valid', () => {
    const text = 'İstanbul PARSER';
    expect(fold(text)).toHaveLength(text.length);
    expect(fold(text).indexOf('parser')).toBe(9);
  });

  it('matches a thread only when every word occurs, best docs first', () => {
    const thread = docsOf(
      { type: 'userMessage', id: 'u', content: [{ type: 'text', text: 'fix the parser' }] },
      { type: 'commandExecution', id: 'c', command: 'npm test', aggregatedOutput: 'parser.test.ts failed: timeout' },
      {
        type: 'fileChange',
        id: 'f',
        changes: [{ path: '/p/src/parser.ts', kind: { type: 'update' }, diff: '-a\n+b' }],
      },
    );
    expect(matchThread(thread, ['parser', 'missing'])).toBeUndefined();
    const m = matchThread(thread, ['parser', 'timeout']);
    expect(m?.map((x) => [x.doc.itemId, x.doc.field, x.words])).toEqual([
      ['c', 'output', 2],
      ['u', 'text', 1],
      ['f', 'path', 1],
    ]);
  });

  it('cuts a snippet around the first match, on one line, with ranges in the snippet', () => {
    const text = `${'word '.repeat(40)}the\nNeedle is here and a needle there`;
    const first = text.indexOf('Needle');
    const second = text.indexOf('needle');
    const s = snippet(text, [
      [first, first + 6],
      [second, second + 6],
    ]);
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet).not.toContain('\n');
    expect(s.ranges.map(([a, b]) => s.snippet.slice(a, b))).toEqual(['Needle', 'needle']);
  });
});
