/** `-c key=value` values, read as Codex reads them: TOML when they are TOML, the raw text otherwise. */
import { describe, expect, it } from 'vitest';
import { parseAppServerArgs, UsageError } from '../../../../main/cli/app-server-args';
import { parseOverrideValue } from '../../../../main/cli/toml-value';

describe('parseOverrideValue', () => {
  it.each([
    ['"o3"', 'o3'],
    ["'lit\\eral'", 'lit\\eral'],
    ['"a\\tb\\u00e9"', 'a\tb\u00e9'],
    ['42', 42],
    ['-1_000', -1000],
    ['0.5', 0.5],
    ['true', true],
    ['false', false],
    ['["a", \'b\', 3]', ['a', 'b', 3]],
    ['{ a = 1, b.c = "x" }', { a: 1, b: { c: 'x' } }],
    ['[]', []],
  ])('reads %s as TOML', (text, value) => {
    expect(parseOverrideValue(text)).toEqual(value);
  });

  it.each(['o3', 'on-request', 'gpt-5.5', 'true-ish', '"unclosed', '{ a = }', 'http://127.0.0.1:1/v1', '1 2'])(
    'keeps %s as the raw text',
    (text) => {
      expect(parseOverrideValue(text)).toBe(text);
    },
  );
});

describe('parseAppServerArgs', () => {
  it('reads Codex app-server options in every spelling', () => {
    const a = parseAppServerArgs([
      '-c',
      'model="o3"',
      '--config=model_reasoning_effort=high',
      '-csandbox_mode=read-only',
      '-c',
      'model_providers.local.base_url=http://127.0.0.1:9/v1',
      '--enable',
      'unified_exec',
      '--disable=plugins',
      '--analytics-default-enabled',
      '--strict-config',
      '--listen',
      'ws://127.0.0.1:0',
    ]);
    expect(a.config).toEqual({
      model: 'o3',
      model_reasoning_effort: 'high',
      sandbox_mode: 'read-only',
      model_providers: { local: { base_url: 'http://127.0.0.1:9/v1' } },
    });
    expect(a.features).toEqual({ unified_exec: true, plugins: false });
    expect(a.analyticsDefaultEnabled).toBe(true);
    expect(a.listen).toBe('ws://127.0.0.1:0');
    expect(a.generate).toBeUndefined();
  });

  it('reads the generate subcommands and their options', () => {
    expect(parseAppServerArgs(['generate-ts', '-o', 'out', '--prettier', 'x', '--experimental']).generate).toEqual({
      kind: 'generate-ts',
      out: 'out',
      experimental: true,
    });
    expect(parseAppServerArgs(['generate-json-schema', '--out=dir']).generate).toEqual({
      kind: 'generate-json-schema',
      out: 'dir',
      experimental: false,
    });
  });

  it.each([
    [['--bogus'], /unknown option: --bogus/],
    [['-c', 'novalue'], /expected key=value/],
    [['-c', '__proto__.x=1'], /not a config key/],
    [['-c'], /needs a value/],
    [['generate-ts'], /needs --out DIR/],
    [['--enable', 'a b'], /not a feature name/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseAppServerArgs(argv)).toThrow(UsageError);
    expect(() => parseAppServerArgs(argv)).toThrow(message);
  });
});
