import { describe, expect, it } from 'vitest';
import { GIT_NEUTRAL_ENV, unneutralisedSetting } from '../../../../../main/tools/command-safety/git-guard';

const list = (entries: Array<[string, string, string?]>) =>
  entries.map(([scope, key, value]) => `${scope}\0${key}${value === undefined ? '' : `\n${value}`}\0`).join('');

describe('unneutralisedSetting', () => {
  it('names the repository setting that could run a program the overrides cannot stop', () => {
    for (const key of [
      'include.path',
      'includeIf.gitdir:/x/.path',
      'filter.lfs.clean',
      'filter.x.process',
      'diff.external',
      'diff.tc.textconv',
      'diff.ext.command',
      'submodule.a.url',
    ]) {
      expect(
        unneutralisedSetting(
          list([
            ['local', 'core.bare', 'false'],
            ['local', key, 'x'],
          ]),
        ),
        key,
      ).toBe(key.toLowerCase());
    }
    expect(unneutralisedSetting(list([['worktree', 'filter.f.smudge', 'x']]))).toBe('filter.f.smudge');
  });

  it('passes what the overrides switch off, harmless settings, and the user’s own config', () => {
    const harmless = list([
      ['local', 'core.fsmonitor', 'touch x'],
      ['local', 'core.pager', 'touch x'],
      ['local', 'pager.log', 'touch x'],
      ['local', 'core.hookspath', '/x'],
      ['local', 'remote.origin.url', 'https://example.com/r.git'],
      ['local', 'diff.cpp.xfuncname', '^x'],
      ['local', 'core.bare'],
      ['global', 'filter.lfs.process', 'git-lfs filter-process'],
      ['command', 'include.path', '/x'],
    ]);
    expect(unneutralisedSetting(harmless)).toBeNull();
  });

  it('overrides every setting it claims to, through GIT_CONFIG_COUNT', () => {
    const count = Number(GIT_NEUTRAL_ENV.GIT_CONFIG_COUNT);
    const keys = Array.from({ length: count }, (_, i) => GIT_NEUTRAL_ENV[`GIT_CONFIG_KEY_${i}`]);
    expect(keys).toEqual(expect.arrayContaining(['core.fsmonitor', 'core.pager', 'core.hooksPath']));
    expect(GIT_NEUTRAL_ENV.GIT_PAGER).toBe('cat');
  });
});
