/**
 * What a shell command looks at, as Codex's commandActions say it: `cat a.ts` reads a.ts, `ls src`
 * lists src, `rg foo src` searches src for foo. Best effort and conservative: anything with a
 * redirection, substitution or a program not known here is one `unknown` action (the whole
 * command), so nothing that may write is ever shown as a mere read. Display only: never used to
 * decide what may run (that is command-safety's job).
 */
import { basename, isAbsolute, resolve } from 'node:path';
import type { CommandExecutionItem } from '../../protocol/schema/item';

type CommandAction = CommandExecutionItem['commandActions'][number];

/** Split into words and the operators between commands; null when the text has shell syntax we do not follow. */
function lex(text: string): Array<{ word: string } | { op: string }> | null {
  const out: Array<{ word: string } | { op: string }> = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return null;
      const inner = text.slice(i + 1, end);
      if (ch === '"' && /[$`\\]/.test(inner)) return null;
      word = (word ?? '') + inner;
      i = end;
    } else if (/\s/.test(ch)) {
      if (word !== null) out.push({ word });
      word = null;
    } else if (ch === '|' || ch === ';' || ch === '&') {
      if (word !== null) out.push({ word });
      word = null;
      const two = text.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        out.push({ op: two });
        i++;
      } else if (ch === '&')
        return null; // background
      else out.push({ op: ch });
    } else if (/[<>$`(){}\\*?[\]!#~]/.test(ch)) return null;
    else word = (word ?? '') + ch;
  }
  if (word !== null) out.push({ word });
  return out;
}

const operands = (args: string[]): string[] => args.filter((a) => !a.startsWith('-'));

/** One simple command as an action; `filter`: it only reshapes the previous command's output. */
function actionOf(words: string[], command: string, cwd: string): CommandAction | 'filter' | null {
  const [program, ...args] = words;
  const readOf = (file: string | undefined): CommandAction | null =>
    file ? { type: 'read', command, name: basename(file), path: isAbsolute(file) ? file : resolve(cwd, file) } : null;
  switch (program) {
    case 'cat':
    case 'nl': {
      const files = operands(args);
      return files.length === 1 ? readOf(files[0]) : files.length === 0 ? 'filter' : null;
    }
    case 'head':
    case 'tail': {
      const rest = args.filter(
        (a, i) => !(a.startsWith('-') || (/^-[nc]$/.test(args[i - 1] ?? '') && /^\d+$/.test(a))),
      );
      return rest.length === 1 ? readOf(rest[0]) : rest.length === 0 ? 'filter' : null;
    }
    case 'sed': {
      if (args[0] !== '-n' || !/^\d+(,\d+)?p$/.test(args[1] ?? '')) return null;
      const files = args.slice(2);
      return files.length === 1 ? readOf(files[0]) : files.length === 0 ? 'filter' : null;
    }
    case 'wc':
    case 'sort':
    case 'uniq':
      return operands(args).length === 0 ? 'filter' : null;
    case 'ls':
    case 'tree': {
      const paths = operands(args);
      return paths.length <= 1 ? { type: 'listFiles', command, path: paths[0] ?? null } : null;
    }
    case 'rg':
    case 'grep': {
      // Flags that take a value would be read as the query; keep to the common plain forms.
      if (args.some((a) => /^-(e|f|g|t|A|B|C|m|-glob|-type)$/.test(a))) return null;
      const [query, ...paths] = operands(args);
      if (!query || paths.length > 1) return null;
      return { type: 'search', command, query, path: paths[0] ?? null };
    }
    default:
      return null;
  }
}

/** The actions of `text` run in `cwd`: one per command, or a single `unknown` for the whole text. */
export function commandActions(text: string, cwd: string): CommandAction[] {
  const unknown: CommandAction[] = [{ type: 'unknown', command: text }];
  const tokens = lex(text.trim());
  if (!tokens || tokens.length === 0) return unknown;
  const actions: CommandAction[] = [];
  let words: string[] = [];
  let afterPipe = false;
  const flush = (): boolean => {
    if (words.length === 0) return false;
    const action = actionOf(words, words.join(' '), cwd);
    words = [];
    if (action === 'filter') return afterPipe && actions.length > 0;
    if (!action) return false;
    actions.push(action);
    return true;
  };
  for (const t of tokens) {
    if ('word' in t) {
      words.push(t.word);
      continue;
    }
    if (!flush()) return unknown;
    afterPipe = t.op === '|';
  }
  return flush() ? actions : unknown;
}
