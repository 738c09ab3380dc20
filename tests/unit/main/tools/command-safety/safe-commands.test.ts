import { describe, expect, it } from 'vitest';
import { isSafeArgv } from '../../../../../main/tools/command-safety/safe-commands';

const linux = process.platform === 'linux';

describe('isSafeArgv (Codex is_safe_command.rs rules)', () => {
  const safe = (...argv: string[]) => expect(isSafeArgv(argv), argv.join(' ')).toBe(true);
  const unsafe = (...argv: string[]) => expect(isSafeArgv(argv), argv.join(' ')).toBe(false);

  it('accepts the plain read-only commands with any arguments', () => {
    for (const cmd of [
      'cat',
      'cd',
      'cut',
      'echo',
      'expr',
      'false',
      'grep',
      'head',
      'id',
      'ls',
      'nl',
      'paste',
      'pwd',
      'rev',
      'seq',
      'stat',
      'tail',
      'tr',
      'true',
      'uname',
      'wc',
      'which',
      'whoami',
    ]) {
      safe(cmd, '-x', 'anything');
    }
    safe('nl', '-nrz', 'Cargo.toml');
    safe('/usr/bin/ls', '-la');
    expect(isSafeArgv(['numfmt', '1000'])).toBe(linux);
    expect(isSafeArgv(['tac', 'Cargo.toml'])).toBe(linux);
  });

  it('rejects unknown commands, empty argv and commands given by a workspace path', () => {
    unsafe();
    unsafe('foo');
    unsafe('cargo', 'check');
    unsafe('rm', '-rf', '/');
    unsafe('./ls');
    unsafe('bin/cat', 'x');
    unsafe('/tmp/evil/ls');
    unsafe('git status');
  });

  it('base64: no output file', () => {
    safe('base64');
    safe('base64', '-d', 'in.b64');
    for (const args of [
      ['-o', 'out.bin'],
      ['--output', 'out.bin'],
      ['--output=out.bin'],
      ['-ob64.txt'],
      ['-Do', 'x'],
      ['--outp=x'],
    ]) {
      unsafe('base64', ...args);
    }
  });

  it('find: no -exec, -execdir, -ok, -okdir, -delete, -fls, -fprint*', () => {
    safe('find', '.', '-name', 'file.txt');
    for (const args of [
      ['-name', 'file.txt', '-exec', 'rm', '{}', ';'],
      ['-name', '*.py', '-execdir', 'python3', '{}', ';'],
      ['-name', 'file.txt', '-ok', 'rm', '{}', ';'],
      ['-name', '*.py', '-okdir', 'python3', '{}', ';'],
      ['-delete', '-name', 'file.txt'],
      ['-fls', '/etc/passwd'],
      ['-fprint', '/etc/passwd'],
      ['-fprint0', '/etc/passwd'],
      ['-fprintf', '/root/suid.txt', '%#m %u %p\n'],
    ]) {
      unsafe('find', '.', ...args);
    }
  });

  it('rg: no --pre, --hostname-bin or -z/--search-zip (also bundled as -nz)', () => {
    safe('rg', 'Cargo.toml', '-n');
    safe('rg', '-n', '-i', 'foo', 'src');
    for (const args of [
      ['--search-zip', 'files'],
      ['-z', 'files'],
      ['-nz', 'x'],
      ['--pre', 'pwned', 'files'],
      ['--pre=pwned', 'files'],
      ['--hostname-bin', 'pwned', 'files'],
      ['--hostname-bin=pwned', 'files'],
    ]) {
      unsafe('rg', ...args);
    }
  });

  it('sed: only `sed -n N[,M]p [FILE]`', () => {
    safe('sed', '-n', '1,5p', 'file.txt');
    safe('sed', '-n', '10p');
    for (const args of [
      ['-n', 'xp', 'file.txt'],
      ['-n', '1,2,3p', 'f'],
      ['-n', '1p', 'a', 'b'],
      ['-i', '1p', 'f'],
      ['s/a/b/', 'f'],
      ['-n', '1p', '-fscript.sed'],
      ['-n', '1p', '-ew/tmp/x'],
    ]) {
      unsafe('sed', ...args);
    }
  });

  it('uniq: reading only, never writing a second operand', () => {
    safe('uniq', '-c', 'in.txt');
    unsafe('uniq', 'in.txt', 'out.txt');
  });

  it('git: read-only subcommands without config overrides or writing/exec flags', () => {
    for (const args of [
      ['status'],
      ['log', '-p', '-1'],
      ['diff', '--stat'],
      ['show', 'HEAD'],
      ['branch'],
      ['branch', '--show-current'],
      ['branch', '-a', '-v'],
      ['branch', '--format=%(refname)'],
      ['--no-pager', 'log'],
      ['log', '-C', '-p'],
      ['diff', '--text'],
      ['diff', '--no-ext-diff'],
    ]) {
      safe('git', ...args);
    }
    for (const args of [
      ['fetch'],
      ['checkout', 'status'],
      ['branch', '-d', 'feature'],
      ['branch', 'new-branch'],
      ['-C', '.', 'branch', '-d', 'feature'],
      ['log', '--output=/tmp/x', '-n', '1'],
      ['diff', '--output', '/tmp/x'],
      ['show', '--output=/tmp/x', 'HEAD'],
      ['log', '--outp=/tmp/x'],
      ['-c', 'core.pager=cat', 'log'],
      ['-ccore.pager=cat', 'status'],
      ['--config-env=core.pager=X', 'log'],
      ['diff', '--ext-diff'],
      ['log', '--textconv'],
      ['log', '--paginate'],
      ['--exec-path=/tmp', 'status'],
      ['commit', '-m', 'x'],
      ['push'],
      // Another repository, whose config nobody checked (a planted one).
      ['-C', '.', 'branch', '--show-current'],
      ['-Cplanted', 'status'],
      ['--git-dir', 'planted/.git', 'log', '-p'],
      ['--git-dir=planted/.git', 'show'],
      ['--work-tree=planted', 'diff'],
      ['--work-tree', 'planted', 'status'],
      ['--git-d=x', 'status'],
    ]) {
      unsafe('git', ...args);
    }
  });
});
