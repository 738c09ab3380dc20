/** commandActions of shell commands, in the shapes the Codex app-server 0.169.0 gave for the same commands. */
import { describe, expect, it } from 'vitest';
import { commandActions } from '../../../../main/tools/command-actions';

const cwd = '/w';

describe('commandActions', () => {
  it('reads, listings and searches as Codex reports them', () => {
    expect(commandActions('cat src/a.ts', cwd)).toEqual([
      { type: 'read', command: 'cat src/a.ts', name: 'a.ts', path: '/w/src/a.ts' },
    ]);
    expect(commandActions("sed -n '1,5p' src/a.ts", cwd)).toEqual([
      { type: 'read', command: 'sed -n 1,5p src/a.ts', name: 'a.ts', path: '/w/src/a.ts' },
    ]);
    expect(commandActions('nl -ba src/a.ts | sed -n 1,3p', cwd)).toEqual([
      { type: 'read', command: 'nl -ba src/a.ts', name: 'a.ts', path: '/w/src/a.ts' },
    ]);
    expect(commandActions('head -n 20 /etc/hosts', cwd)).toEqual([
      { type: 'read', command: 'head -n 20 /etc/hosts', name: 'hosts', path: '/etc/hosts' },
    ]);
    expect(commandActions('ls src', cwd)).toEqual([{ type: 'listFiles', command: 'ls src', path: 'src' }]);
    expect(commandActions('ls', cwd)).toEqual([{ type: 'listFiles', command: 'ls', path: null }]);
    expect(commandActions('rg -n foo src', cwd)).toEqual([
      { type: 'search', command: 'rg -n foo src', query: 'foo', path: 'src' },
    ]);
    expect(commandActions('grep -rn foo .', cwd)).toEqual([
      { type: 'search', command: 'grep -rn foo .', query: 'foo', path: '.' },
    ]);
    expect(commandActions('cat a && cat b', cwd).map((a) => a.type)).toEqual(['read', 'read']);
  });

  it('is unknown for anything that may write or that it does not follow', () => {
    for (const cmd of [
      'echo hi > x.txt',
      'cat a > b',
      'cat $(x)',
      'rm -rf x',
      'ls; rm x',
      'cat a | tee b',
      'sed -i s/a/b/ f',
      'grep -e foo f',
      'cat "a$b"',
      'ls &',
      'wc -l',
      'cat *.ts',
    ]) {
      expect(commandActions(cmd, cwd), cmd).toEqual([{ type: 'unknown', command: cmd }]);
    }
  });
});
