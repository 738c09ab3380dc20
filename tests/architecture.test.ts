/**
 * The layer rules of ../shared/design/ARCHITECTURE.md, enforced: every import of every source
 * file is checked against what its folder may import.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return sourceFiles(join(dir, name));
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [join(dir, name)] : [];
  });
}

/** Every module specifier a file imports, re-exports or requires. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs: string[] = [];
  const patterns = [
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g,
    /import\s*['"]([^'"]+)['"]/g,
    /(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) if (m[1]) specs.push(m[1]);
  return specs;
}

/** A specifier as a project path ("main/server/x") or a package name ("zod", "node:fs"). */
function target(file: string, spec: string): { kind: 'path'; path: string } | { kind: 'package'; name: string } {
  if (spec.startsWith('.')) return { kind: 'path', path: relative(ROOT, resolve(dirname(join(ROOT, file)), spec)) };
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
  return { kind: 'package', name: spec.startsWith('node:') ? 'node:' : name };
}

interface Rule {
  /** Files the rule applies to. */
  files: string[];
  /** Project folders (prefixes) they may import. */
  paths: string[];
  /** Packages they may import ('node:' stands for every Node built-in). */
  packages: string[];
}

const SERVER_PACKAGES = ['node:', 'zod', 'vscode-jsonrpc', 'uuid', 'write-file-atomic', 'diff', 'web-tree-sitter'];

const RULES: Record<string, Rule> = {
  'protocol/': { files: sourceFiles('protocol'), paths: ['protocol/'], packages: ['zod', 'vscode-jsonrpc'] },
  'main/server': {
    files: sourceFiles('main/server'),
    paths: ['protocol/', 'main/server/', 'main/agent/', 'main/tools/', 'main/model/', 'main/settings'],
    packages: SERVER_PACKAGES,
  },
  // The agent speaks to the server through its journal (main/agent/turn-journal.ts), never imports it.
  'main/agent': {
    files: sourceFiles('main/agent'),
    paths: ['protocol/', 'main/agent/', 'main/tools/', 'main/model/', 'main/settings'],
    // Ajv checks a turn's final message against its outputSchema (main/agent/output-schema.ts).
    packages: [...SERVER_PACKAGES, 'ajv', 'ajv-formats'],
  },
  'main/tools': {
    files: sourceFiles('main/tools'),
    paths: ['protocol/', 'main/tools/', 'main/model/', 'main/settings'],
    packages: SERVER_PACKAGES,
  },
  'main/model': {
    files: sourceFiles('main/model'),
    paths: ['protocol/', 'main/model/', 'main/settings'],
    packages: ['node:', 'openai', 'zod'],
  },
  // settings.json's one owner, read by the model layer (endpoint, key) and those above it.
  'main/settings.ts': {
    files: ['main/settings.ts'],
    paths: ['protocol/'],
    packages: ['node:', 'zod', 'write-file-atomic'],
  },
  'main/transports': {
    files: sourceFiles('main/transports'),
    paths: ['protocol/', 'main/transports/'],
    packages: ['node:', 'ws', 'electron', 'vscode-jsonrpc'],
  },
  // The CLI's parts (main/cli/): its command line, the Codex config it applies, the generated protocol.
  'main/cli': {
    files: sourceFiles('main/cli'),
    paths: ['protocol/', 'main/cli/', 'main/server/', 'main/model/'],
    packages: ['node:', 'zod'],
  },
  // The UI's engine choice: the built-in server, or a proxy to another Codex-compatible engine.
  'main/engine': {
    files: sourceFiles('main/engine'),
    paths: [
      'protocol/',
      'main/engine/',
      'main/transports/',
      'main/settings',
      'main/server/connection',
      'main/server/log',
    ],
    packages: ['node:', 'vscode-jsonrpc'],
  },
  'main/cli.ts': {
    files: ['main/cli.ts'],
    paths: [
      'package.json',
      'main/cli/',
      'main/engine/',
      'main/server/',
      'main/agent/',
      'main/model/',
      'main/settings',
      'main/transports/',
      'protocol/',
    ],
    packages: ['node:'],
  },
  'main/cli-loader.ts': { files: ['main/cli-loader.ts'], paths: [], packages: ['node:'] },
  'preload/': { files: sourceFiles('preload'), paths: ['protocol/bridge'], packages: ['electron'] },
  'renderer/': {
    files: sourceFiles('renderer').filter((f) => !f.startsWith('renderer/state/')),
    paths: ['protocol/', 'renderer/'],
    packages: [
      'react',
      'react-dom',
      'monaco-editor',
      'zod',
      'vscode-jsonrpc',
      '@monaco-editor/react',
      'react-markdown',
      '@tanstack/react-virtual',
      'radix-ui',
      'react-resizable-panels',
      '@vscode/codicons',
    ],
  },
  'renderer/state': {
    files: sourceFiles('renderer/state'),
    paths: ['protocol/', 'renderer/state/'],
    packages: ['zod'],
  },
};

describe('architecture: layer rules', () => {
  it.each(Object.entries(RULES))('%s imports only what it may', (_name, rule) => {
    const violations: string[] = [];
    for (const file of rule.files) {
      for (const spec of importsOf(file)) {
        const t = target(file, spec);
        const ok = t.kind === 'path' ? rule.paths.some((p) => t.path.startsWith(p)) : rule.packages.includes(t.name);
        if (!ok) violations.push(`${file} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has exactly one file that loads openai at run time, in main/model (others there may import its types)', () => {
    const all = ['main', 'preload', 'renderer', 'protocol'].flatMap(sourceFiles);
    const valueImport = /^import\s+(?!type\b)[^;]*?from\s*['"]openai(?:\/[^'"]*)?['"]/m;
    const typeImport = /^import\s+type\b[^;]*?from\s*['"]openai(?:\/[^'"]*)?['"]/m;
    const loaders = all.filter((f) => valueImport.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(loaders).toEqual(['main/model/openai-client.ts']);
    const typed = all.filter((f) => typeImport.test(readFileSync(join(ROOT, f), 'utf8')));
    for (const f of typed) expect(f.startsWith('main/model/')).toBe(true);
  });

  it('has no import circle among source files (type-only imports count too)', () => {
    const cycles = importCycles(['main', 'protocol', 'renderer', 'preload'].flatMap(sourceFiles));
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });
});

/** The project file a relative specifier names (extension or index file omitted), if any. */
function resolveFile(file: string, spec: string): string | null {
  const base = relative(ROOT, resolve(dirname(join(ROOT, file)), spec));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(join(ROOT, candidate))) return candidate;
  }
  return null;
}

/**
 * Every import circle among `files`, each as the path that closes it (a → b → a): a depth-first
 * walk over relative imports, where reaching a file still on the walk's stack is a circle.
 */
function importCycles(files: string[]): string[][] {
  const graph = new Map(
    files.map((f) => [
      f,
      [
        ...new Set(
          importsOf(f)
            .filter((s) => s.startsWith('.'))
            .map((s) => resolveFile(f, s)),
        ),
      ].filter((t) => t !== null),
    ]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}
