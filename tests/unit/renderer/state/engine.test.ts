/** Telling Tandem from another Codex-compatible engine by its `initialize` answer. */
import { describe, expect, it } from 'vitest';
import { engineOf } from '../../../../renderer/state/engine';

const base = { codexHome: '/h', platformFamily: 'unix', platformOs: 'linux' };

describe('engineOf', () => {
  it('is Tandem when the answer carries the tandem field, whatever the userAgent says', () => {
    const init = {
      ...base,
      userAgent: 'tandem-ui/0.169.0 (linux x64)',
      tandem: { version: '0.1.0', codexProtocolVersion: '0.169.0' },
    };
    expect(engineOf(init).kind).toBe('tandem');
  });

  it('is Tandem for a tandem/ userAgent (builds before the tandem field)', () => {
    expect(engineOf({ ...base, userAgent: 'tandem/0.1.0 (linux x64; node 22)' }).kind).toBe('tandem');
  });

  it("is Codex otherwise, named with Codex's version (as Codex 0.169.0 answers)", () => {
    const init = { ...base, userAgent: 'tandem-ui/0.169.0 (Debian 12.0.0; x86_64) unknown (tandem-ui; 0.1.0)' };
    expect(engineOf(init)).toEqual({ kind: 'codex', name: 'Codex 0.169.0' });
  });
});
