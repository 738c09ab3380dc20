/**
 * Size limits for the strings a client sends. Requests are stored (the thread index, thread
 * files, settings.json) and echoed to every client: one 8 MiB model name grew
 * `threads/index.jsonl` to 408 MiB. Every string in every request's params — at any depth, keys
 * included — has a limit, so no field is left out as the schema grows: by its field name where
 * one is known, else a default that no name, id or option comes near.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/** A string field no field name below claims (ids, options, paths in lists, config values). */
const DEFAULT_STRING_LIMIT = 64 * KiB;

/** Limits by field name, in UTF-16 code units (JavaScript string length). */
const STRING_LIMITS: Readonly<Record<string, number>> = {
  /** What the user typed: a pasted log or file fits; the 16 MiB frame limit is far above. */
  text: 4 * MiB,
  baseInstructions: 1 * MiB,
  developerInstructions: 1 * MiB,
  model: 256,
  modelProvider: 256,
  serviceTier: 64,
  effort: 64,
  reasoningEffort: 64,
  approvalPolicy: 64,
  sandbox: 64,
  /** PATH_MAX on Linux. */
  cwd: 4 * KiB,
  path: 4 * KiB,
  prefix: 4 * KiB,
  name: 500,
  title: 500,
  version: 256,
  searchTerm: 4 * KiB,
  cursor: 4 * KiB,
  threadId: 256,
  turnId: 256,
  itemId: 256,
  expectedTurnId: 256,
  lastTurnId: 256,
  clientUserMessageId: 256,
  /** An image's URL, which may be a `data:` URL holding the image (5 MiB of image, base64). */
  url: 8 * MiB,
  baseUrl: 4 * KiB,
  apiKey: 4 * KiB,
};

/** The first string in `value` over its limit, as a readable path and sizes; null when none is. */
export function oversizedString(
  value: unknown,
  path = 'params',
  limit = DEFAULT_STRING_LIMIT,
): { path: string; length: number; limit: number } | null {
  if (typeof value === 'string') return value.length > limit ? { path, length: value.length, limit } : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    // An item of a list has its list's limit (`cwd: [..]`, `input[i].text` is named by its own key).
    for (let i = 0; i < value.length; i++) {
      const found = oversizedString(value[i], `${path}[${i}]`, limit);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.length > DEFAULT_STRING_LIMIT)
      return { path: `${path} (a key)`, length: key.length, limit: DEFAULT_STRING_LIMIT };
    const name = key.length > 64 ? `${key.slice(0, 64)}…` : key;
    const found = oversizedString(
      item,
      `${path}.${name}`,
      Object.hasOwn(STRING_LIMITS, key) ? (STRING_LIMITS[key] ?? DEFAULT_STRING_LIMIT) : DEFAULT_STRING_LIMIT,
    );
    if (found) return found;
  }
  return null;
}
