/**
 * The transcript's navigation state (issue 13): find's matches from the transcript state (items
 * out of the DOM included) and its bar's stepping; the scroll anchor kept per thread; loading
 * older turns until a focused item is there, bounded; the inline editor of "Edit and resend".
 */
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../../../protocol/schema/item';
import { closedFind, currentIndex, findMatches, itemText, reduceFind } from '../../../../renderer/state/find';
import { reduceMessageEdit } from '../../../../renderer/state/message-edit';
import { loadAnchor, loadOlderUntil, saveAnchor } from '../../../../renderer/state/scroll-anchor';
import { emptyTranscript, type TranscriptState } from '../../../../renderer/state/transcript';

const turn = (id: string, items: ThreadItem[]): TranscriptState['turns'][number] => ({
  id,
  status: 'completed',
  error: null,
  startedAt: null,
  items: items.map((item) => ({ item, done: true })),
  plan: null,
  diff: '',
  errors: [],
});

const transcript: TranscriptState = {
  ...emptyTranscript('t'),
  turns: [
    turn('a', [
      { type: 'userMessage', id: 'u1', content: [{ type: 'text', text: 'Fix the Parser, please' }] },
      { type: 'agentMessage', id: 'm1', text: 'The parser and the PARSER tests' },
    ]),
    turn('b', [
      {
        type: 'commandExecution',
        id: 'c1',
        command: 'npm test parser',
        cwd: '/w',
        status: 'completed',
        commandActions: [{ type: 'unknown', command: 'npm test parser' }],
        aggregatedOutput: 'parser ok',
        exitCode: 0,
        durationMs: 1,
      },
      {
        type: 'fileChange',
        id: 'f1',
        status: 'completed',
        changes: [{ path: 'src/parser.ts', kind: { type: 'update' }, diff: '+x' }],
      },
    ]),
  ],
};

describe('find in thread', () => {
  it('finds every occurrence, case-insensitively, in messages, commands, output and file paths', () => {
    const matches = findMatches(transcript, 'parser');
    expect(matches.map((m) => `${m.key}#${m.occurrence}`)).toEqual([
      'a:u1#0',
      'a:m1#0',
      'a:m1#1',
      'b:c1#0',
      'b:c1#1',
      'b:f1#0',
    ]);
    expect(findMatches(transcript, '   ')).toEqual([]);
    expect(findMatches(transcript, 'nowhere')).toEqual([]);
    expect(itemText(transcript.turns[1]!.items[0]!.item)).toBe('npm test parser\nparser ok');
  });

  it('steps forward and back around the matches; a new query starts again', () => {
    let s = reduceFind(closedFind, { type: 'open' });
    s = reduceFind(s, { type: 'query', query: 'parser' });
    expect(currentIndex(s, 6)).toBe(0);
    s = reduceFind(s, { type: 'step', delta: -1, total: 6 });
    expect(currentIndex(s, 6)).toBe(5);
    s = reduceFind(s, { type: 'step', delta: 1, total: 6 });
    expect(currentIndex(s, 6)).toBe(0);
    expect(currentIndex(s, 0)).toBe(-1);
    s = reduceFind(s, { type: 'query', query: 'p' });
    expect(s.index).toBe(0);
    expect(reduceFind(s, { type: 'close' }).open).toBe(false);
  });
});

describe('scroll anchor', () => {
  it('is kept per thread and read back; anything else in storage is ignored', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    saveAnchor(storage, 't1', { key: 'turn-3:item-2', offset: 40, atBottom: false });
    expect(loadAnchor(storage, 't1')).toEqual({ key: 'turn-3:item-2', offset: 40, atBottom: false });
    expect(loadAnchor(storage, 't2')).toBeNull();
    store.set('tandem.scroll.t3', '{"key": 3}');
    expect(loadAnchor(storage, 't3')).toBeNull();
    store.set('tandem.scroll.t4', 'not json');
    expect(loadAnchor(storage, 't4')).toBeNull();
  });

  it('loads older turns until the item is there, and no further', async () => {
    let pages = 0;
    const found = await loadOlderUntil(
      () => pages >= 3,
      () => true,
      async () => (pages++, true),
    );
    expect(found).toBe(true);
    expect(pages).toBe(3);
  });

  it('stops when nothing older is left, a page fails, or at the bound', async () => {
    let pages = 0;
    expect(
      await loadOlderUntil(
        () => false,
        () => pages < 2,
        async () => (pages++, true),
      ),
    ).toBe(false);
    expect(pages).toBe(2);
    pages = 0;
    expect(
      await loadOlderUntil(
        () => false,
        () => true,
        async () => (pages++, false),
      ),
    ).toBe(false);
    expect(pages).toBe(1);
    pages = 0;
    expect(
      await loadOlderUntil(
        () => false,
        () => true,
        async () => (pages++, true),
        5,
      ),
    ).toBe(false);
    expect(pages).toBe(5);
  });
});

describe('edit and resend', () => {
  it('keeps the text through a failed resend', () => {
    let e = reduceMessageEdit(null, { type: 'start', key: 'a:u1', text: 'Fix the Parser, please' });
    e = reduceMessageEdit(e, { type: 'text', text: 'Fix the lexer' });
    e = reduceMessageEdit(e, { type: 'sending' });
    expect(e?.busy).toBe(true);
    e = reduceMessageEdit(e, { type: 'failed', error: 'Disconnected' });
    expect(e).toEqual({ key: 'a:u1', text: 'Fix the lexer', busy: false, error: 'Disconnected' });
    expect(reduceMessageEdit(e, { type: 'done' })).toBeNull();
  });
});
