/**
 * Redaction of secrets (the API key) from text that leaves the server: command output, model
 * endpoint errors. A command that prints the key base64-encoded, reversed or hex-encoded shows
 * it as surely as one that prints it raw, so each simple encoding is matched too (base64 and
 * base32 at every alignment, hex plain and spaced, rot13, percent-encoding). No redaction can
 * catch every encoding a program can compute; the key's real protection is that no command can
 * read it (the sandbox, and the environment scrubbed at start-up).
 */

/** Secrets shorter than this are not redacted: they would match ordinary text. */
const MIN_SECRET_LENGTH = 8;

export const REDACTED = '[redacted]';

/**
 * The part of `base64(prefix + secret)` that depends on the secret alone, for a prefix of
 * `offset` bytes: the characters whose 6 bits all fall inside the secret. A secret in the middle
 * of encoded output sits at one of three alignments; each gives its own text.
 */
function base64At(secret: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString('base64');
  return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + secret.length)) / 6));
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding): `base32` in coreutils, and many a token format. */
function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

/** The secret's part of `base32(prefix + secret)` for a prefix of `offset` bytes (5 alignments). */
function base32At(secret: Buffer, offset: number): string {
  const encoded = base32(Buffer.concat([Buffer.alloc(offset), secret]));
  return encoded.slice(Math.ceil((8 * offset) / 5), Math.floor((8 * (offset + secret.length)) / 5));
}

const rot13 = (text: string): string =>
  text.replace(/[a-z]/gi, (c) =>
    String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c <= 'Z' ? 65 : 97)),
  );

const fullyPercentEncoded = (bytes: Buffer): string =>
  [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** Every text form of `secret` that is redacted. */
function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = [0, 1, 2].map((offset) => base64At(bytes, offset));
  const hex = bytes.toString('hex');
  const forms = [
    secret,
    [...secret].reverse().join(''),
    ...base64,
    ...base64.map((b) => b.replace(/\+/g, '-').replace(/\//g, '_')),
    hex,
    hex.toUpperCase(),
    // `od -tx1` / `xxd -p -c1 | paste`-style hex, a byte at a time with spaces between.
    (hex.match(/../g) ?? []).join(' '),
    rot13(secret),
    ...[0, 1, 2, 3, 4].flatMap((offset) => {
      const b32 = base32At(bytes, offset);
      return [b32, b32.toLowerCase()];
    }),
    encodeURIComponent(secret),
    fullyPercentEncoded(bytes),
    fullyPercentEncoded(bytes).toUpperCase(),
  ];
  // Longest first: a form that contains another is replaced whole.
  return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** `base64` wraps its output at 76 columns: an encoded key may be cut by a line break anywhere. */
function wrappedPattern(form: string): RegExp {
  const escaped = [...form].map((c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return new RegExp(escaped.join('(?:\\r?\\n)?'), 'g');
}

export interface Redactor {
  (text: string): string;
  /** The longest text one secret can take in output (a wrapped encoding included); 0 without secrets. */
  readonly span: number;
  /** Every form redacted, longest first. */
  readonly forms: readonly string[];
}

/** A redactor for a fixed set of secrets (built once: the forms cost a few encodings each). */
export function redactor(secrets: readonly string[]): Redactor {
  const forms = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(secretForms);
  if (forms.length === 0) return Object.assign((text: string) => text, { span: 0, forms });
  const wrapped = forms.map(wrappedPattern);
  // A line break (CRLF) at most every 76 characters, on top of the longest form.
  const longest = forms[0]?.length ?? 0;
  const span = longest + 2 * Math.ceil(longest / 76);
  return Object.assign(
    (text: string) => {
      let out = text;
      for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
      if (out.includes('\n')) for (const re of wrapped) out = out.replace(re, REDACTED);
      return out;
    },
    { span, forms },
  );
}

/**
 * Redaction of a stream of output deltas, where a secret may be split across two of them: the
 * end of the output that could be the start of a secret (a prefix of one of its forms, line
 * breaks aside) is held back until the next delta (or the end) shows how it goes on. Output that
 * cannot be is sent at once, so `echo before; sleep 30` still shows `before` while it sleeps.
 */
export class StreamRedactor {
  private held = '';
  private readonly firsts: Set<string>;

  constructor(private readonly redact: Redactor) {
    this.firsts = new Set(redact.forms.map((f) => f[0] ?? ''));
  }

  /** The part of the output so far that is safe to send now. */
  push(delta: string): string {
    if (this.redact.span === 0) return delta;
    const text = this.redact(this.held + delta);
    const cut = this.possibleStart(text);
    this.held = text.slice(cut);
    return text.slice(0, cut);
  }

  /** What is still held, once the output ended. */
  end(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  /** Where the longest end of `text` that may begin a secret starts (text.length: none). */
  private possibleStart(text: string): number {
    for (let i = Math.max(0, text.length - this.redact.span + 1); i < text.length; i++) {
      const c = text[i] ?? '';
      // Most positions fail here: no form starts with their character.
      if (c !== '\n' && c !== '\r' && !this.firsts.has(c)) continue;
      if (this.beginsForm(text, i)) return i;
    }
    return text.length;
  }

  /** Whether text[at…] (line breaks skipped) is a non-empty prefix of some form. */
  private beginsForm(text: string, at: number): boolean {
    next: for (const form of this.redact.forms) {
      let k = 0;
      for (let j = at; j < text.length; j++) {
        const c = text[j];
        if (c === '\n' || c === '\r') continue;
        if (form[k] !== c) continue next;
        k++;
      }
      if (k > 0) return true;
    }
    return false;
  }
}
