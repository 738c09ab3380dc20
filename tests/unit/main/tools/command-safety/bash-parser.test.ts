import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { parseShellWords, parseWordOnlyCommands } from '../../../../../main/tools/command-safety/bash-parser';

describe('parseWordOnlyCommands (Codex bash.rs cases)', () => {
  it('splits plain commands joined by && || ; | and newlines', async () => {
    expect(await parseWordOnlyCommands('ls -1')).toEqual([['ls', '-1']]);
    expect(await parseWordOnlyCommands("ls && pwd; echo 'hi there' | wc -l")).toEqual([
      ['ls'],
      ['pwd'],
      ['echo', 'hi there'],
      ['wc', '-l'],
    ]);
    expect(await parseWordOnlyCommands('ls || true\npwd;')).toEqual([['ls'], ['true'], ['pwd']]);
    expect(await parseWordOnlyCommands('')).toEqual([]);
  });

  it('removes quotes and concatenates quoted parts', async () => {
    expect(await parseWordOnlyCommands('echo "hello world"')).toEqual([['echo', 'hello world']]);
    expect(await parseWordOnlyCommands('git commit -m "line1\nline2"')).toEqual([
      ['git', 'commit', '-m', 'line1\nline2'],
    ]);
    expect(await parseWordOnlyCommands(`echo "/usr"'/'"local"/bin`)).toEqual([['echo', '/usr/local/bin']]);
    expect(await parseWordOnlyCommands(`echo '/usr'"/"'local'/bin`)).toEqual([['echo', '/usr/local/bin']]);
    expect(await parseWordOnlyCommands('rg -n "foo" -g"*.py"')).toEqual([['rg', '-n', 'foo', '-g*.py']]);
    expect(await parseWordOnlyCommands("grep -n 'pattern' -g'*.txt'")).toEqual([['grep', '-n', 'pattern', '-g*.txt']]);
    expect(await parseWordOnlyCommands('echo 123 456 ""')).toEqual([['echo', '123', '456', '']]);
  });

  it('resolves backslash escapes like bash', async () => {
    expect(await parseWordOnlyCommands('echo foo\\ bar \\$HOME \\ls')).toEqual([['echo', 'foo bar', '$HOME', 'ls']]);
    expect(await parseWordOnlyCommands('echo "a\\"b \\$c \\\\d \\x \\`e\\`"')).toEqual([
      ['echo', 'a"b $c \\d \\x `e`'],
    ]);
    expect(await parseWordOnlyCommands("echo 'a\\nb'")).toEqual([['echo', 'a\\nb']]);
    expect(await parseWordOnlyCommands('ls \\\n  -la')).toEqual([['ls', '-la']]);
  });

  it('rejects words that a line continuation glues together (tree-sitter splits them, bash does not)', async () => {
    expect(await parseWordOnlyCommands('find . -del\\\nete')).toBeNull();
    expect(await parseWordOnlyCommands('echo "a"\\\nb')).toBeNull();
    expect(await parseWordOnlyCommands('find .\r-delete')).toBeNull(); // bash: one word ".\r-delete"
    expect(await parseWordOnlyCommands('ls\t-la')).toEqual([['ls', '-la']]);
  });

  it('rejects expansions, substitutions, redirections, assignments, subshells and other syntax', async () => {
    for (const script of [
      'echo $HOME',
      'echo "hi ${USER}"',
      'echo "$HOME"',
      'echo $(pwd)',
      'echo `pwd`',
      'echo "$(pwd)"',
      'rg -g"$VAR" pattern',
      'rg -g"$(echo \'*.py\')" pattern',
      "echo $'x'",
      'echo $((1+2))',
      'echo a$',
      'FOO=bar ls',
      '(ls)',
      'ls || (pwd && echo hi)',
      '{ ls; }',
      'ls > out.txt',
      'ls >> out.txt',
      'cat < in.txt',
      'ls &> out.txt',
      'ls 2>&1',
      'cat <<EOF\nhi\nEOF',
      'cat <<< hi',
      'cat <(ls)',
      'echo hi & echo bye',
      'ls &',
      'ls |& wc',
      'f() { ls; }',
      'if true; then ls; fi',
      'for f in a; do ls; done',
      '! ls',
      '[[ -f x ]]',
      'ls # comment',
      'ls &&',
      '&& ls',
      'ls ;; pwd',
      'ls | | wc',
      '"ls" -la',
      'echo "unterminated',
    ]) {
      expect(await parseWordOnlyCommands(script), script).toBeNull();
    }
  });

  it('marks unquoted glob, brace and tilde words as expanding', async () => {
    const words = await parseShellWords('ls *.txt \'*.md\' \\*.c a?b [ab] {a,b} -{del,}ete ~/x "~" plain');
    expect(words?.[0]?.map((w) => [w.value, w.expands])).toEqual([
      ['ls', false],
      ['*.txt', true],
      ['*.md', false],
      ['*.c', false],
      ['a?b', true],
      ['[ab]', true],
      ['{a,b}', true],
      ['-{del,}ete', true],
      ['~/x', true],
      ['~', false],
      ['plain', false],
    ]);
  });
});

describe('wasm loading outside node_modules', () => {
  const repo = resolve(__dirname, '../../../../..');
  const req = createRequire(join(repo, 'package.json'));
  const wasmFiles = ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm'].map((f) =>
    req.resolve(f),
  );
  const probe = `[${['ls && pwd', 'cat a.txt | wc -l', 'ls; rm -rf x', 'ls > x'].map((c) => JSON.stringify(c)).join(',')}]`;

  it('build-cli copied the wasm files next to the CLI bundle', () => {
    // tests/helpers/global-setup.ts ran scripts/build-cli.mjs before the tests.
    for (const file of wasmFiles) expect(existsSync(join(repo, 'out/cli', basename(file))), file).toBe(true);
  });

  it('a CJS bundle finds the wasm beside itself, and fails closed without it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-safety-bundle-'));
    try {
      const entry = join(dir, 'entry.ts');
      await writeFile(
        entry,
        `import { isKnownSafeCommand } from ${JSON.stringify(join(repo, 'main/tools/command-safety'))};\n` +
          `void Promise.all(${probe}.map((c) => isKnownSafeCommand(c))).then((r) => console.log(JSON.stringify(r)));\n`,
      );
      const withWasm = join(dir, 'with');
      const without = join(dir, 'without');
      await mkdir(withWasm);
      await mkdir(without);
      const common: BuildOptions = {
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        logLevel: 'silent',
      };
      await build({ ...common, outfile: join(withWasm, 'probe.cjs') });
      await build({ ...common, outfile: join(without, 'probe.cjs') });
      for (const file of wasmFiles) await copyFile(file, join(withWasm, basename(file)));

      const run = (folder: string): unknown =>
        JSON.parse(
          execFileSync(process.execPath, [join(folder, 'probe.cjs')], {
            cwd: folder,
            env: { PATH: process.env.PATH },
            encoding: 'utf8',
          }),
        );
      // Precondition: no node_modules in any parent folder, so only the copied wasm can be found.
      for (let d = withWasm; d !== dirname(d); d = dirname(d))
        expect(existsSync(join(d, 'node_modules')), d).toBe(false);
      expect(run(withWasm)).toEqual([true, true, false, false]);
      expect(run(without)).toEqual([false, false, false, false]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
