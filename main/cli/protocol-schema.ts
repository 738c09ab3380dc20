/**
 * Tandem's own protocol as JSON Schema, from the zod schemas of the method tables
 * (protocol/methods.ts): the Codex subset Tandem implements and its `tandem/` extensions, laid out
 * as `codex app-server generate-json-schema` lays out Codex's — ClientRequest.json,
 * ServerNotification.json, ServerRequest.json, ClientNotification.json, one file per type, and one
 * bundle. Built only when the subcommand runs: converting every schema costs more than a server
 * start may.
 */
import { z } from 'zod';
import {
  clientNotifications,
  clientRequests,
  serverNotifications,
  serverRequests,
  type ExperimentalGate,
} from '../../protocol/methods';
import * as approval from '../../protocol/schema/approval';
import * as common from '../../protocol/schema/common';
import * as initialize from '../../protocol/schema/initialize';
import * as item from '../../protocol/schema/item';
import * as model from '../../protocol/schema/model';
import * as tandem from '../../protocol/schema/tandem';
import * as thread from '../../protocol/schema/thread';
import * as turnEvents from '../../protocol/schema/turn-events';
import * as turn from '../../protocol/schema/turn';

export type JsonSchema = Record<string, unknown>;

/** Where shared types get their names: the schema modules' exports, as the code calls them. */
const MODULES: ReadonlyArray<Record<string, unknown>> = [
  common,
  initialize,
  item,
  approval,
  model,
  thread,
  turn,
  turnEvents,
  tandem,
];

const DRAFT_7 = 'http://json-schema.org/draft-07/schema#';

/** `item/agentMessage/delta` → `ItemAgentMessageDelta`. */
const pascal = (method: string): string =>
  method
    .split(/[/_-]/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');

export interface ProtocolSchemas {
  /** Every named type, by name (file name without `.json`). */
  types: Record<string, JsonSchema>;
  /** The four unions, by name. */
  unions: Record<'ClientRequest' | 'ClientNotification' | 'ServerRequest' | 'ServerNotification', JsonSchema>;
  /** Everything in one document, as Codex's `codex_app_server_protocol.schemas.json`. */
  bundle: JsonSchema;
}

interface Entry {
  method: string;
  params?: z.ZodType;
  result?: z.ZodType;
}

export function protocolSchemas(options: { experimental: boolean }): ProtocolSchemas {
  const names = new Map<z.ZodType, string>();
  const taken = new Set<string>();
  const name = (schema: z.ZodType, wanted: string): string => {
    const known = names.get(schema);
    if (known) return known;
    let n = wanted;
    for (let i = 2; taken.has(n); i++) n = `${wanted}${i}`;
    names.set(schema, n);
    taken.add(n);
    return n;
  };
  for (const mod of MODULES)
    for (const [exported, value] of Object.entries(mod)) if (value instanceof z.ZodType) name(value, exported);

  const shown = (gate: ExperimentalGate | null): boolean =>
    options.experimental || gate === null || !('method' in gate);
  const requests: Entry[] = Object.entries(clientRequests)
    .filter(([, spec]) => shown(spec.experimental))
    .map(([method, spec]) => ({ method, params: spec.params, result: spec.result }));
  const serverReqs: Entry[] = Object.entries(serverRequests).map(([method, spec]) => ({
    method,
    params: spec.params,
    result: spec.result,
  }));
  const notes: Entry[] = Object.entries(serverNotifications).map(([method, params]) => ({ method, params }));
  const clientNotes: Entry[] = Object.entries(clientNotifications).map(([method]) => ({ method }));

  const named = (entries: Entry[], params: string, result: string): Array<{ method: string; params?: string }> =>
    entries.map((e) => {
      if (e.result) name(e.result, `${pascal(e.method)}${result}`);
      return { method: e.method, ...(e.params ? { params: name(e.params, `${pascal(e.method)}${params}`) } : {}) };
    });
  const requestNames = named(requests, 'Params', 'Response');
  const serverRequestNames = named(serverReqs, 'Params', 'Response');
  const noteNames = named(notes, 'Notification', '');
  const clientNoteNames = clientNotes.map((e) => ({ method: e.method }));

  // Only the types the protocol reaches: the methods' params and results, and what they use.
  const used = new Set<z.ZodType>(
    [...requests, ...serverReqs, ...notes].flatMap((e) => [e.params, e.result]).filter((s) => s !== undefined),
  );
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of names) registry.add(schema, { id });
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
    z.toJSONSchema(schema, { metadata: registry, target: 'draft-7', io, unrepresentable: 'any' }) as JsonSchema;

  // Params are what a client sends (zod's input side), results what the server sends (output).
  const inputs = new Set<z.ZodType>([...requests, ...serverReqs].flatMap((e) => (e.params ? [e.params] : [])));
  const types: Record<string, JsonSchema> = { RequestId: standalone(convert(common.RequestId, 'output'), 'RequestId') };
  for (const schema of used) {
    const n = names.get(schema)!;
    types[n] = standalone(convert(schema, inputs.has(schema) ? 'input' : 'output'), n);
  }

  const definitions: Record<string, JsonSchema> = {};
  for (const t of Object.values(types)) {
    const root = without(t, 'definitions', '$schema');
    Object.assign(definitions, (t.definitions as Record<string, JsonSchema> | undefined) ?? {});
    definitions[String(root.title)] = root;
  }

  const union = (
    title: string,
    entries: Array<{ method: string; params?: string }>,
    withId: boolean,
    suffix: string,
  ): JsonSchema => ({
    $schema: DRAFT_7,
    title,
    oneOf: entries.map((e) => ({
      title: `${pascal(e.method)}${suffix}`,
      type: 'object',
      properties: {
        ...(withId ? { id: { $ref: '#/definitions/RequestId' } } : {}),
        method: { type: 'string', enum: [e.method], title: `${pascal(e.method)}${suffix}Method` },
        ...(e.params ? { params: { $ref: `#/definitions/${e.params}` } } : {}),
      },
      required: [...(withId ? ['id'] : []), 'method', ...(e.params ? ['params'] : [])],
    })),
    definitions,
  });
  const unions = {
    ClientRequest: union('ClientRequest', requestNames, true, 'Request'),
    ClientNotification: union('ClientNotification', clientNoteNames, false, 'Notification'),
    ServerRequest: union('ServerRequest', serverRequestNames, true, 'Request'),
    ServerNotification: union('ServerNotification', noteNames, false, 'Notification'),
  };
  const bundle: JsonSchema = {
    $schema: DRAFT_7,
    title: 'TandemAppServerProtocol',
    definitions: {
      ...definitions,
      ...Object.fromEntries(Object.entries(unions).map(([k, u]) => [k, without(u, 'definitions', '$schema')])),
    },
  };
  return { types, unions, bundle };
}

/** A schema without some of its keywords (a definition inside another document drops `$schema`). */
export function without(schema: JsonSchema, ...keys: string[]): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !keys.includes(k)));
}

/**
 * A type's own file: its schema at the root (zod puts a registered root behind a `$ref`), titled
 * with its name, and the types it uses under `definitions`.
 */
function standalone(schema: JsonSchema, title: string): JsonSchema {
  const { $schema, $ref, definitions, ...rest } = schema as JsonSchema & {
    $ref?: string;
    definitions?: Record<string, JsonSchema>;
  };
  const defs = { ...(definitions ?? {}) };
  let root: JsonSchema = rest;
  if ($ref === `#/definitions/${title}` && defs[title]) {
    root = { ...defs[title], ...rest };
    delete defs[title];
    // A type that refers to itself keeps its definition for the inner references.
    if (
      JSON.stringify(root).includes(`"#/definitions/${title}"`) ||
      JSON.stringify(defs).includes(`"#/definitions/${title}"`)
    )
      defs[title] = { ...root };
  } else if ($ref) root = { $ref, ...rest };
  return {
    $schema: $schema ?? DRAFT_7,
    title,
    ...root,
    ...(Object.keys(defs).length > 0 ? { definitions: defs } : {}),
  };
}
