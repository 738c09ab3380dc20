/**
 * A tool is one entry: its name, what the model is told about it, its arguments' zod schema and
 * what it does. The JSON Schema the model receives is derived from the zod schema, so what is
 * offered and what is accepted cannot drift apart.
 */
import { z } from 'zod';
import type { ToolSpec } from '../model/types';
import type { ToolEnv } from './tool-env';

/** One call of a function tool: its id, its arguments as sent, and those arguments validated. */
export interface FunctionCall<A> {
  readonly callId: string;
  /** The arguments' JSON as the model sent it (a tool may show it before validating). */
  readonly json: string;
  /** The validated arguments; throws an Error whose message the model can act on. */
  args(): A;
}

/** A registry entry: what the model is offered, and how a call is run. */
export interface Tool {
  readonly name: string;
  /** `function`: JSON arguments; `custom`: freeform text (constrained by a Lark grammar). */
  readonly kind: 'function' | 'custom';
  /**
   * What the model is offered. A function tool's `parameters` may be given ready-made (derived
   * ahead of time, tool-parameters.generated.ts); without them they are derived here.
   */
  spec(parameters?: Record<string, unknown>): ToolSpec;
  /** Run a call: `input` is a function's JSON arguments or a freeform tool's text; returns the model's output. */
  run(env: ToolEnv, callId: string, input: string): Promise<string>;
}

/** Parse a function call's JSON arguments; throws an Error whose message the model can act on. */
export function parseArgs<T>(schema: z.ZodType<T>, json: string, tool: string): T {
  let value: unknown;
  try {
    value = json.trim() === '' ? {} : JSON.parse(json);
  } catch (e) {
    throw new Error(`${tool}: arguments are not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${tool}: invalid arguments: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Keywords that only bound a value: checked when a call arrives (with an error the model reads), not sent. */
const BOUNDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;

/**
 * The shape the model is offered, as Codex offers it: types (numbers as `number`), enums,
 * required fields, descriptions and closed objects. Bounds are left to validation, and
 * `null` allowed on input is not advertised (Codex's schemas do not; some endpoints refuse
 * type lists). No `$schema`: the APIs take a bare object schema.
 */
export function parametersOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
  delete json.$schema;
  return shape(json) as Record<string, unknown>;
}

/** The JSON Schema as offered (see parametersOf), rewritten through every nested schema. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  const node: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!(BOUNDS as readonly string[]).includes(k)) node[k] = shape(v);
  if (Array.isArray(node.type)) node.type = node.type.find((t) => t !== 'null');
  // A nullable with constraints comes as anyOf [schema, null]: offered as the schema alone.
  if (Array.isArray(node.anyOf)) {
    const kept = node.anyOf.filter((s: Record<string, unknown>) => s.type !== 'null');
    if (kept.length === 1) {
      const rest = { ...node };
      delete rest.anyOf;
      return { ...(kept[0] as Record<string, unknown>), ...rest };
    }
  }
  if (node.type === 'integer') node.type = 'number';
  return node;
}

/** Built on first use and kept: zod's JSON Schema conversion is not paid for at start-up. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** A function tool: JSON arguments validated by `args`, whose JSON Schema the model is offered. */
export function defineTool<A>(def: {
  name: string;
  description: string;
  /** Made on first use (a turn), not at start-up. */
  args: () => z.ZodType<A>;
  run: (env: ToolEnv, call: FunctionCall<A>) => Promise<string>;
}): Tool {
  const args = once(def.args);
  return {
    name: def.name,
    kind: 'function',
    spec: (parameters) => ({
      kind: 'function',
      name: def.name,
      description: def.description,
      parameters: parameters ?? parametersOf(args()),
    }),
    run: (env, callId, json) => def.run(env, { callId, json, args: () => parseArgs(args(), json, def.name) }),
  };
}

/** A freeform tool: the model sends text, which `grammar` (Lark) constrains where the endpoint supports it. */
export function defineFreeformTool(def: {
  name: string;
  description: string;
  grammar: string;
  run: (env: ToolEnv, callId: string, input: string) => Promise<string>;
}): Tool {
  const spec: ToolSpec = { kind: 'custom', name: def.name, description: def.description, grammar: def.grammar };
  return { name: def.name, kind: 'custom', spec: () => spec, run: def.run };
}
