/**
 * The value of a `-c key=value` override, read as Codex reads it: as a TOML value (a string in
 * double or single quotes, a number, a boolean, an array, an inline table) and, when it is not
 * one, as the raw text — so `-c model=o3` and `-c model='"o3"'` mean the same.
 */

class NotToml extends Error {}

export function parseOverrideValue(text: string): unknown {
  try {
    const parser = new ValueParser(text.trim());
    const value = parser.value();
    parser.end();
    return value;
  } catch (e) {
    if (e instanceof NotToml) return text;
    throw e;
  }
}

const BARE_KEY = /^[A-Za-z0-9_-]+/;
const NUMBER = /^[+-]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|(?:\d[\d_]*)(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?|inf|nan)/;
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

class ValueParser {
  private at = 0;
  constructor(private readonly s: string) {}

  end(): void {
    this.space();
    if (this.at !== this.s.length) throw new NotToml();
  }

  value(): unknown {
    this.space();
    const c = this.s[this.at];
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    if (c === '[') return this.array();
    if (c === '{') return this.table();
    const rest = this.s.slice(this.at);
    for (const [word, v] of [
      ['true', true],
      ['false', false],
    ] as const) {
      if (rest.startsWith(word) && !BARE_KEY.test(rest.slice(word.length))) {
        this.at += word.length;
        return v;
      }
    }
    const num = NUMBER.exec(rest)?.[0];
    if (num === undefined || BARE_KEY.test(rest.slice(num.length))) throw new NotToml();
    this.at += num.length;
    const clean = num.replace(/_/g, '');
    if (/inf$/.test(clean)) return clean.startsWith('-') ? -Infinity : Infinity;
    if (/nan$/.test(clean)) return NaN;
    if (/^[+-]?0[xob]/.test(clean)) return Number(clean.replace(/^\+/, ''));
    return Number(clean);
  }

  private space(): void {
    while (this.at < this.s.length && /\s/.test(this.s[this.at] ?? '')) this.at++;
  }

  private expect(c: string): void {
    this.space();
    if (this.s[this.at] !== c) throw new NotToml();
    this.at++;
  }

  private basicString(): string {
    this.at++;
    let out = '';
    for (;;) {
      const c = this.s[this.at++];
      if (c === undefined) throw new NotToml();
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.at++] ?? '';
      if (e in ESCAPES) out += ESCAPES[e];
      else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const hex = this.s.slice(this.at, this.at + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new NotToml();
        out += String.fromCodePoint(parseInt(hex, 16));
        this.at += len;
      } else throw new NotToml();
    }
  }

  private literalString(): string {
    const close = this.s.indexOf("'", this.at + 1);
    if (close < 0) throw new NotToml();
    const out = this.s.slice(this.at + 1, close);
    this.at = close + 1;
    return out;
  }

  private array(): unknown[] {
    this.at++;
    const out: unknown[] = [];
    for (;;) {
      this.space();
      if (this.s[this.at] === ']') {
        this.at++;
        return out;
      }
      out.push(this.value());
      this.space();
      if (this.s[this.at] === ',') this.at++;
      else if (this.s[this.at] !== ']') throw new NotToml();
    }
  }

  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.space();
      const c = this.s[this.at];
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const bare = BARE_KEY.exec(this.s.slice(this.at))?.[0];
        if (!bare) throw new NotToml();
        parts.push(bare);
        this.at += bare.length;
      }
      this.space();
      if (this.s[this.at] !== '.') return parts;
      this.at++;
    }
  }

  private table(): Record<string, unknown> {
    this.at++;
    const out: Record<string, unknown> = {};
    this.space();
    if (this.s[this.at] === '}') {
      this.at++;
      return out;
    }
    for (;;) {
      const path = this.key();
      this.expect('=');
      setPath(out, path, this.value());
      this.space();
      const c = this.s[this.at++];
      if (c === '}') return out;
      if (c !== ',') throw new NotToml();
    }
  }
}

/** Set `path` in a nested object, making the tables on the way (a later value replaces an earlier one). */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((part) => {
    const next = node[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else node = node[part] = {};
  });
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}
