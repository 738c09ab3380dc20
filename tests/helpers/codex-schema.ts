/**
 * Validation against the JSON Schema that Codex 0.169.0 generates (tests/fixtures/codex-schema).
 * Every test client runs each message the server sends through `checkServerMessage`; a message
 * that does not validate is a failing test.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import {
  clientRequests,
  isClientRequestMethod,
  isServerNotificationMethod,
  isServerRequestMethod,
  isTandemExtension,
  serverNotifications,
  serverRequests,
} from '../../protocol/methods';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'codex-schema');

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// Rust's integer formats, as schemars writes them.
for (const [name, min, max] of [
  ['int64', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ['int32', -(2 ** 31), 2 ** 31 - 1],
  ['uint', 0, Number.MAX_SAFE_INTEGER],
  ['uint64', 0, Number.MAX_SAFE_INTEGER],
  ['uint32', 0, 2 ** 32 - 1],
  ['uint16', 0, 2 ** 16 - 1],
  ['uint8', 0, 255],
] as const) {
  ajv.addFormat(name, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
}
for (const name of ['double', 'float']) ajv.addFormat(name, { type: 'number', validate: () => true });

function load(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;
}

const cache = new Map<string, ValidateFunction>();
function compiled(key: string, make: () => object): ValidateFunction {
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile(make());
    cache.set(key, v);
  }
  return v;
}

/** A validator for one definition of a union file (e.g. ServerNotification.json#ThreadStartedNotification). */
function definition(file: string, name: string): ValidateFunction {
  return compiled(`${file}#${name}`, () => {
    return { definitions: load(file).definitions, $ref: `#/definitions/${name}` };
  });
}

interface UnionEntry {
  /** The params definition's name; null for a method that takes none (e.g. `account/rateLimits/read`). */
  params: string | null;
}

/**
 * Responses not named after their params (XParams → XResponse). Codex's union does not say; these
 * come from its protocol's method declarations (common.rs).
 */
const RESPONSE_NAMES: Record<string, string> = {
  'config/value/write': 'ConfigWriteResponse',
  'config/batchWrite': 'ConfigWriteResponse',
  'account/rateLimits/read': 'GetAccountRateLimitsResponse',
};
/** method → params definition name, read from a union file's `oneOf`. */
function methodTable(file: string): Map<string, UnionEntry> {
  const schema = load(file) as {
    oneOf: Array<{ properties: { method: { enum: string[] }; params?: { $ref?: string } } }>;
  };
  const table = new Map<string, UnionEntry>();
  for (const variant of schema.oneOf) {
    const method = variant.properties.method.enum[0];
    const ref = variant.properties.params?.$ref;
    if (method) table.set(method, { params: ref ? ref.replace('#/definitions/', '') : null });
  }
  return table;
}

const tables = new Map<string, Map<string, UnionEntry>>();
function table(file: string): Map<string, UnionEntry> {
  let t = tables.get(file);
  if (!t) {
    t = methodTable(file);
    tables.set(file, t);
  }
  return t;
}

function describe(v: ValidateFunction): string {
  return ajv.errorsText(v.errors, { separator: '; ' });
}

function check(v: ValidateFunction, value: unknown, what: string): string[] {
  return v(value) ? [] : [`${what}: ${describe(v)}`];
}

/** The union file that has a client request: the stable surface, else the experimental one. */
function clientRequestFile(method: string): string | undefined {
  return ['ClientRequest.json', 'experimental/ClientRequest.json'].find((f) => table(f).has(method));
}

/** The response schema file of a client request, by its params name (XParams → XResponse). */
function responseValidator(method: string): ValidateFunction | string {
  const union = clientRequestFile(method);
  const entry = union ? table(union).get(method) : undefined;
  if (!entry) return `no client request ${method} in the Codex schema`;
  const name = RESPONSE_NAMES[method] ?? entry.params?.replace(/Params$/, 'Response');
  if (!name) return `no response name for ${method}; add it to RESPONSE_NAMES`;
  // Experimental responses are supersets of the stable ones: preferred where Tandem has them.
  const file = ['experimental/v2', 'v2', 'v1'].map((d) => `${d}/${name}.json`).find((f) => existsSync(join(DIR, f)));
  if (!file) return `no fixture for ${name}; copy it from ../shared/protocol`;
  return compiled(file, () => load(file));
}

/** Check a client → server request (golden messages). */
export function checkClientRequest(message: { method: string; params?: unknown }): string[] {
  const union = clientRequestFile(message.method);
  const entry = union ? table(union).get(message.method) : undefined;
  if (!union || !entry) return [`${message.method}: not a client request in the Codex schema`];
  if (entry.params === null)
    return message.params == null ? [] : [`${message.method} takes no params in the Codex schema`];
  return check(definition(union, entry.params), message.params, `${message.method} params`);
}

/** Check a request's result against the method's response schema. */
export function checkResult(method: string, result: unknown): string[] {
  const v = responseValidator(method);
  return typeof v === 'string' ? [v] : check(v, result, `${method} result`);
}

/** Check a server notification: its method, its params, and the `emittedAtMs` stamp. */
export function checkNotification(message: { method: string; params?: unknown; emittedAtMs?: unknown }): string[] {
  if (isTandemExtension(message.method)) {
    const parsed = isServerNotificationMethod(message.method)
      ? serverNotifications[message.method].safeParse(message.params)
      : undefined;
    return parsed?.success ? [] : [`${message.method}: not a valid Tandem notification`];
  }
  const entry = table('ServerNotification.json').get(message.method);
  if (!entry?.params) return [`${message.method}: not a server notification in the Codex schema`];
  const problems = check(
    definition('ServerNotification.json', entry.params),
    message.params,
    `${message.method} params`,
  );
  if (!Number.isInteger(message.emittedAtMs)) problems.push(`${message.method}: missing emittedAtMs`);
  return problems;
}

/** Check a server → client request (approvals). */
export function checkServerRequest(message: { method: string; params?: unknown }): string[] {
  if (!isServerRequestMethod(message.method)) return [`${message.method}: not one of Tandem's server requests`];
  if (!serverRequests[message.method].params.safeParse(message.params).success)
    return [`${message.method}: params do not fit Tandem's own schema`];
  const entry = table('ServerRequest.json').get(message.method);
  if (!entry?.params) return [`${message.method}: not a server request in the Codex schema`];
  return check(definition('ServerRequest.json', entry.params), message.params, `${message.method} params`);
}

/**
 * Check a server → client request against Codex's schema alone (a client written for Codex knows
 * nothing of Tandem's own schemas).
 */
export function checkCodexServerRequest(message: { method: string; params?: unknown }): string[] {
  const entry = table('ServerRequest.json').get(message.method);
  if (!entry?.params) return [`${message.method}: not a server request in the Codex schema`];
  return check(definition('ServerRequest.json', entry.params), message.params, `${message.method} params`);
}

/** Tandem's extensions are not in Codex's schema: their results are checked against Tandem's own. */
function checkTandemResult(method: string, result: unknown): string[] {
  if (!isClientRequestMethod(method)) return [`${method}: not a Tandem method`];
  const parsed = clientRequests[method].result.safeParse(result);
  return parsed.success ? [] : [`${method} result: ${parsed.error.message}`];
}

/** Check a client's answer to a server request (e.g. an approval decision). */
export function checkServerRequestResult(method: string, result: unknown): string[] {
  const name = table('ServerRequest.json')
    .get(method)
    ?.params?.replace(/Params$/, 'Response');
  if (!name) return [`${method}: not a server request in the Codex schema`];
  const file = `${name}.json`;
  if (!existsSync(join(DIR, file))) return [`no fixture for ${name}`];
  return check(
    compiled(file, () => load(file)),
    result,
    `${method} result`,
  );
}

/** Check an error response. */
export function checkError(message: { id: unknown; error: unknown }): string[] {
  const v = compiled('JSONRPCError.json', () => load('JSONRPCError.json'));
  // JSON-RPC 2.0 §5 requires id null when a request's id could not be read (unparseable
  // input); Codex's schema has no form for that because Codex drops such input unanswered.
  const value = message.id === null ? { ...message, id: 0 } : message;
  return check(v, value, 'error response');
}

/**
 * Check any message the server sent. `methodOf` names the request a response answers
 * (undefined when the client never sent that id).
 */
export function checkServerMessage(message: unknown, methodOf: (id: string | number) => string | undefined): string[] {
  if (typeof message !== 'object' || message === null) return ['not a JSON object'];
  const m = message as Record<string, unknown>;
  if (typeof m.method === 'string') {
    return 'id' in m ? checkServerRequest(m as { method: string }) : checkNotification(m as { method: string });
  }
  if ('error' in m) return checkError(m as { id: unknown; error: unknown });
  if ('result' in m && (typeof m.id === 'string' || typeof m.id === 'number')) {
    const method = methodOf(m.id);
    if (!method) return [`response to unknown id ${String(m.id)}`];
    return isTandemExtension(method) ? checkTandemResult(method, m.result) : checkResult(method, m.result);
  }
  return [`neither a request, a notification nor a response: ${JSON.stringify(m).slice(0, 200)}`];
}
