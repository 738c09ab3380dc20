/**
 * What search looks at in a thread: one "doc" per searchable field of each item — a message's
 * text, a command and its output, each changed file's path and diff — plus the thread's name.
 * Read straight from the thread file's JSON (no schema validation: search only reads strings,
 * each checked for its type) or from a loaded thread's turns.
 */
import { constants } from 'node:fs';
import type { ThreadItem } from '../../../protocol/schema/item';
import type { SearchHitField, ThreadSearchHit } from '../../../protocol/schema/thread-search';
import type { Turn } from '../../../protocol/schema/turn';
import { openOwnFile } from '../threads/thread-file';

/** A field longer than this is searched in its first MAX_FIELD characters only (huge outputs). */
const MAX_FIELD = 64 * 1024;

export interface Doc {
  itemId: string;
  turnId: string;
  itemType: ThreadSearchHit['itemType'];
  field: SearchHitField;
  path: string | null;
  text: string;
  /** `text` case-folded, the same length (offsets in one are offsets in the other). */
  folded: string;
}

export interface ThreadDocs {
  name: string | null;
  /** In thread order; an item recorded again (its status changed) keeps its place. */
  docs: Doc[];
  /** Rough size in memory (UTF-16 bytes of the texts), for the cache's budget. */
  bytes: number;
}

/** Lower-case `text` without changing its length (a character whose lower case is longer stays). */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

const cap = (s: string): string => (s.length > MAX_FIELD ? s.slice(0, MAX_FIELD) : s);

function doc(
  item: { id: string },
  turnId: string,
  itemType: Doc['itemType'],
  field: SearchHitField,
  text: string,
  path: string | null = null,
): Doc {
  const t = cap(text);
  return { itemId: item.id, turnId, itemType, field, path, text: t, folded: fold(t) };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The docs of one item (any JSON value: unknown kinds and malformed fields give none). */
export function itemDocs(item: unknown, turnId: string): Doc[] {
  if (typeof item !== 'object' || item === null) return [];
  const it = item as Record<string, unknown> & { id: unknown; type: unknown };
  if (typeof it.id !== 'string') return [];
  const ref = { id: it.id };
  switch (it.type) {
    case 'userMessage': {
      const content = Array.isArray(it.content) ? (it.content as unknown[]) : [];
      const text = content
        .map((c) =>
          typeof c === 'object' && c !== null && (c as { type?: unknown }).type === 'text'
            ? str((c as { text?: unknown }).text)
            : '',
        )
        .filter(Boolean)
        .join('\n');
      return text ? [doc(ref, turnId, 'userMessage', 'text', text)] : [];
    }
    case 'agentMessage':
    case 'plan': {
      const text = str(it.text);
      return text ? [doc(ref, turnId, it.type, 'text', text)] : [];
    }
    case 'commandExecution': {
      const out: Doc[] = [];
      if (str(it.command)) out.push(doc(ref, turnId, 'commandExecution', 'command', str(it.command)));
      if (str(it.aggregatedOutput)) out.push(doc(ref, turnId, 'commandExecution', 'output', str(it.aggregatedOutput)));
      return out;
    }
    case 'fileChange': {
      const changes = Array.isArray(it.changes) ? (it.changes as unknown[]) : [];
      return changes.flatMap((c): Doc[] => {
        if (typeof c !== 'object' || c === null) return [];
        const change = c as { path?: unknown; diff?: unknown; kind?: { move_path?: unknown } };
        const path = str(change.path);
        const moved = str(change.kind?.move_path);
        const out: Doc[] = [];
        if (path) out.push(doc(ref, turnId, 'fileChange', 'path', moved ? `${path} → ${moved}` : path, path));
        if (str(change.diff)) out.push(doc(ref, turnId, 'fileChange', 'diff', str(change.diff), path || null));
        return out;
      });
    }
    default:
      return [];
  }
}

/** Builds a thread's docs as its records come, an item recorded again replacing its docs. */
class DocsBuilder {
  name: string | null = null;
  private readonly items = new Map<string, Doc[]>();

  item(item: unknown, turnId: string): Doc[] {
    const docs = itemDocs(item, turnId);
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && (docs.length || this.items.has(id))) this.items.set(id, docs);
    return docs;
  }

  build(): ThreadDocs {
    const docs = [...this.items.values()].flat();
    let bytes = 2 * (this.name?.length ?? 0) + 64;
    for (const d of docs) bytes += 4 * d.text.length + 96;
    return { name: this.name, docs, bytes };
  }
}

/** Docs of a thread held in memory. */
export function docsOfTurns(name: string | null, turns: Turn[]): ThreadDocs {
  const b = new DocsBuilder();
  b.name = name;
  for (const turn of turns) for (const item of turn.items as ThreadItem[]) b.item(item, turn.id);
  return b.build();
}

/** Docs of a thread file (read without following a link); undefined when it cannot be read. */
export async function readThreadDocs(path: string): Promise<ThreadDocs | undefined> {
  let text: string;
  try {
    const fh = await openOwnFile(path, constants.O_RDONLY);
    try {
      text = await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
  const b = new DocsBuilder();
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    if (end < 0) break; // a torn last line is not a record
    const line = text.slice(start, end);
    start = end + 1;
    // Only the records search reads are parsed.
    const head = line.slice(0, 48);
    if (!head.includes('"t":"item"') && !head.includes('"t":"name"')) continue;
    try {
      const r = JSON.parse(line) as { t?: unknown; turnId?: unknown; item?: unknown; name?: unknown };
      if (r.t === 'item' && typeof r.turnId === 'string') b.item(r.item, r.turnId);
      else if (r.t === 'name') b.name = typeof r.name === 'string' ? r.name : null;
    } catch {
      // a damaged line: skipped, as the thread's own reader skips it
    }
  }
  return b.build();
}
