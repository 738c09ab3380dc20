/**
 * Parses a bash script with tree-sitter-bash and extracts its commands, but only when the script
 * is nothing more than plain word commands joined by `&&`, `||`, `;` or `|` (a port of Codex's
 * `try_parse_word_only_commands_sequence`). Anything the parser cannot prove to be plain words —
 * expansions, substitutions, redirections, assignments, subshells, control flow, parse errors —
 * yields `null`, so callers fail closed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';

type TreeSitter = typeof import('web-tree-sitter');

/** One shell word after quote removal. */
export interface ShellWord {
  /** The text bash passes to the program (quotes removed, backslash escapes resolved). */
  value: string;
  /**
   * True when the word holds an unquoted glob (`*`, `?`, `[`) or brace (`{`, `}`) character, or
   * a `~` where bash expands it (at the start, or after `=` or `:`): bash may then turn it into different or several words (file names from the
   * workspace, say `-delete`), so `value` is not necessarily what the program receives.
   */
  expands: boolean;
}

// Named node kinds a word-only command sequence may contain (as in Codex).
const ALLOWED_KINDS = new Set([
  'program',
  'list',
  'pipeline',
  'command',
  'command_name',
  'word',
  'string',
  'string_content',
  'raw_string',
  'number',
  'concatenation',
]);
// Anonymous tokens that neither run nor redirect anything; `&`, `|&`, `;;`, `$`, `(` … are not here.
const ALLOWED_TOKENS = new Set(['&&', '||', ';', '|', '"', "'"]);
// Characters bash expands in an unquoted word (pathname and brace expansion) wherever they are.
const EXPANDING_CHARS = new Set(['*', '?', '[', '{', '}']);
// A `~` is expanded only at the start of a word, or after `=` or `:` in a word shaped like an
// assignment (`a=~/x`, `p=x:~/y`): `HEAD~1` is passed as written.
const TILDE_EXPANDS_AFTER = new Set(['=', ':']);
// Inside double quotes a backslash only escapes these; before anything else it stays literal.
const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n']);

let parserPromise: Promise<Parser> | undefined;

/** Finds `name` next to the running bundle (out/cli), else in node_modules. */
function wasmPath(bundledName: string, packagePath: string): string {
  // The esbuild CJS bundle ships the wasm files beside itself and may not see node_modules.
  if (typeof __dirname !== 'undefined') {
    const beside = join(__dirname, bundledName);
    if (existsSync(beside)) return beside;
  }
  // Deliberately no lookup relative to process.cwd(): that is the (untrusted) workspace, and a
  // planted grammar could make `rm -rf /` parse as `ls`.
  return require.resolve(packagePath);
}

async function createParser(): Promise<Parser> {
  // `require`, not `import`: esbuild must bundle web-tree-sitter's CommonJS build, because its ESM
  // build calls createRequire(import.meta.url), which is empty in a CJS bundle. Vitest, the CJS
  // bundle and electron-vite's CommonJS shims all provide `require`; elsewhere we fail closed.
  if (typeof require !== 'function') throw new Error('command-safety: CommonJS require is unavailable');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the comment above
  const { Parser: ParserClass, Language } = require('web-tree-sitter') as TreeSitter;
  const runtimeWasm = wasmPath('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm');
  const grammarWasm = wasmPath('tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm');
  await ParserClass.init({ locateFile: (file: string) => (file === 'web-tree-sitter.wasm' ? runtimeWasm : file) });
  // Bytes, not a path: given a path, web-tree-sitter reads the file through a dynamic import,
  // which a CommonJS bundle run from a V8 code cache cannot be sure to resolve.
  const bash = await Language.load(readFileSync(grammarWasm));
  const parser = new ParserClass();
  parser.setLanguage(bash);
  return parser;
}

/** The shared parser, loaded once; a failed load is forgotten so a later call can retry. */
function getParser(): Promise<Parser> {
  parserPromise ??= createParser().catch((e: unknown) => {
    parserPromise = undefined;
    throw e;
  });
  return parserPromise;
}

/** True when every node is an allowed kind and every anonymous token a harmless operator. */
function onlyAllowedNodes(root: Node): boolean {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.isNamed ? !ALLOWED_KINDS.has(node.type) : !ALLOWED_TOKENS.has(node.type) && node.type.trim() !== '') {
      return false;
    }
    stack.push(...node.children);
  }
  return true;
}

/** Resolves backslashes in unquoted text the way bash does, noting unquoted expanding characters. */
function unquoted(text: string): ShellWord {
  let value = '';
  let expands = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      const next = text.charAt(++i);
      if (next !== '\n') value += next; // backslash-newline is a line continuation
    } else {
      // A part of a concatenation (`"a"~`) may not start its word: counting it as a start only
      // makes a harmless command ask.
      if (EXPANDING_CHARS.has(c) || (c === '~' && (i === 0 || TILDE_EXPANDS_AFTER.has(text.charAt(i - 1)))))
        expands = true;
      value += c;
    }
  }
  return { value, expands };
}

/** The contents of a double-quoted string with no expansions, escapes resolved. */
function doubleQuoted(node: Node): string | null {
  if (node.namedChildren.some((part) => part.type !== 'string_content')) return null;
  const inner = node.text.slice(1, -1);
  let value = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charAt(i);
    const next = inner.charAt(i + 1);
    if (c === '\\' && DOUBLE_QUOTE_ESCAPABLE.has(next)) {
      if (next !== '\n') value += next;
      i++;
    } else {
      value += c;
    }
  }
  return value;
}

/** One word-like node (or a part of a concatenation) as a shell word. */
function wordPart(node: Node): ShellWord | null {
  switch (node.type) {
    case 'word':
      return unquoted(node.text);
    case 'number':
      return { value: node.text, expands: false };
    case 'raw_string':
      return { value: node.text.slice(1, -1), expands: false };
    case 'string': {
      const value = doubleQuoted(node);
      return value === null ? null : { value, expands: false };
    }
    default:
      return null;
  }
}

/** Source between two sibling nodes with line continuations (backslash-newline) removed. */
function gapBetween(src: string, a: Node, b: Node): string {
  return src.slice(a.endIndex, b.startIndex).replaceAll('\\\n', '');
}

function concatenation(node: Node, src: string): ShellWord | null {
  const parts = node.namedChildren;
  let value = '';
  let expands = false;
  for (const [i, part] of parts.entries()) {
    const prev = parts[i - 1];
    // Parts of one word touch; anything else between them is not something we understand.
    if (prev && gapBetween(src, prev, part) !== '') return null;
    const word = wordPart(part);
    if (!word) return null;
    value += word.value;
    expands ||= word.expands;
  }
  return value === '' ? null : { value, expands };
}

/** A `command` node's words, or null when it holds anything but plain words. */
function commandWords(command: Node, src: string): ShellWord[] | null {
  const words: ShellWord[] = [];
  const children = command.namedChildren;
  for (const [i, child] of children.entries()) {
    const prev = children[i - 1];
    // tree-sitter splits `l\<newline>s` (and `a<CR>b`) into two words where bash sees one: words
    // must be separated by what bash itself splits on (space, tab, newline).
    if (prev && !/[ \t\n]/.test(gapBetween(src, prev, child))) return null;
    let word: ShellWord | null;
    if (child.type === 'command_name') {
      const name = child.namedChildren;
      word = name.length === 1 && name[0]?.type === 'word' ? unquoted(name[0].text) : null;
    } else if (child.type === 'concatenation') {
      word = concatenation(child, src);
    } else {
      word = wordPart(child);
    }
    if (!word) return null;
    words.push(word);
  }
  return words.length > 0 ? words : null;
}

function collectCommands(node: Node, out: Node[]): void {
  if (node.type === 'command') out.push(node);
  else for (const child of node.namedChildren) collectCommands(child, out);
}

/**
 * The commands of a script made only of plain word commands joined by `&&`, `||`, `;` or `|`,
 * with quoting details kept; `null` for anything else. An empty script gives `[]`.
 * Rejects (throws) only when tree-sitter cannot be loaded.
 */
export async function parseShellWords(script: string): Promise<ShellWord[][] | null> {
  const parser = await getParser();
  const tree = parser.parse(script);
  if (!tree) return null;
  try {
    const root = tree.rootNode;
    if (root.hasError || !onlyAllowedNodes(root)) return null;
    const commandNodes: Node[] = [];
    collectCommands(root, commandNodes);
    const commands: ShellWord[][] = [];
    for (const node of commandNodes) {
      const words = commandWords(node, script);
      if (!words) return null;
      commands.push(words);
    }
    return commands;
  } finally {
    tree.delete(); // trees live in wasm memory, not the JS heap
  }
}

/**
 * The argv of each command in a script made only of plain word commands joined by `&&`, `||`,
 * `;` or `|`; `null` for anything else (expansions, substitutions, redirections, assignments,
 * subshells, background `&`, control flow, parse errors). Quotes are removed and escapes
 * resolved. Globs stay as written: see {@link parseShellWords} to learn which words expand.
 */
export async function parseWordOnlyCommands(script: string): Promise<string[][] | null> {
  const commands = await parseShellWords(script);
  return commands && commands.map((words) => words.map((w) => w.value));
}
