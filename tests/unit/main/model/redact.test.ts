import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactor, StreamRedactor } from '../../../../main/model/redact';

const KEY = 'sk-test-0123456789abcdefXYZ/+==';

describe('redactor', () => {
  it('redacts base64 of the key at every alignment inside longer encoded output', () => {
    const redact = redactor([KEY]);
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
      const encoded = Buffer.from(`${prefix}${KEY}tail`).toString('base64');
      const out = redact(encoded);
      expect(out).toContain('[redacted]');
      // What is left cannot hold the key: at most the characters that mix it with its neighbours.
      expect(out.replace('[redacted]', '').length).toBeLessThan(
        encoded.length - Buffer.from(KEY).toString('base64').length + 8,
      );
    }
  });

  it('leaves text alone when no secret is long enough to be one', () => {
    expect(redactor(['short'])('a short text')).toBe('a short text');
  });
});

describe('StreamRedactor', () => {
  it('never lets a key split between two deltas through, wherever the split falls', () => {
    const text = `before ${KEY} middle ${[...KEY].reverse().join('')} after`;
    for (let cut = 0; cut <= text.length; cut++) {
      const s = new StreamRedactor(redactor([KEY]));
      const out = s.push(text.slice(0, cut)) + s.push(text.slice(cut)) + s.end();
      expect(out).toBe('before [redacted] middle [redacted] after');
    }
  });

  it('sends output that cannot begin a secret at once, and holds only what might', () => {
    const s = new StreamRedactor(redactor([KEY]));
    expect(s.push('before\n')).toBe('before\n');
    expect(s.push('token: sk-te')).toBe('token: ');
    // A lone `t` at the end could still begin a form (lower-case base32); `t.` cannot.
    expect(s.push('xt.\n')).toBe('sk-text.\n');
    expect(s.end()).toBe('');
  });
});

describe('redaction of encodings a command computes', () => {
  // What coreutils make of the key: base32 at three alignments, rot13, od's spaced hex.
  const key = 'sk-core-probe-5e1f0a9d2c';
  const redact = redactor([key]);
  for (const cmd of [
    `printf %s ${key} | base32`,
    `printf xy%s ${key} | base32`,
    `printf abc%s ${key} | base32 -w0`,
    `printf %s ${key} | tr a-zA-Z n-za-mN-ZA-M`,
    `printf %s ${key} | od -An -tx1 -w64`,
  ]) {
    it(cmd, () => {
      const out = execSync(cmd).toString();
      expect(redact(out)).toContain(REDACTED);
    });
  }
});
