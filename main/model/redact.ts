/**
 * Redaction of secrets (the API key) from text that leaves the server: command output, model
 * endpoint errors. A command that prints the key base64-encoded, reversed or hex-encoded shows
 * it as surely as one that prints it raw, so each simple encoding is matched too.
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

const fullyPercentEncoded = (bytes: Buffer): string => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** Every text form of `secret` that is redacted. */
export function secretForms(secret: string): string[] {
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

/** A redactor for a fixed set of secrets (built once: the forms cost a few encodings each). */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(secretForms);
  if (forms.length === 0) return (text) => text;
  const wrapped = forms.map(wrappedPattern);
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    if (out.includes('\n')) for (const re of wrapped) out = out.replace(re, REDACTED);
    return out;
  };
}

/** Redact `secrets` from one text. */
export const redact = (text: string, secrets: readonly string[]): string => redactor(secrets)(text);
