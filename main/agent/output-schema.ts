/**
 * A turn's `outputSchema`: compiled once when the turn starts (a schema that does not compile is
 * refused then), and the turn's final agent message checked against it. Codex 0.169.0 sends the
 * schema to the model and does not check the answer; Tandem checks it, so a client relying on
 * structured output never takes an answer that does not follow the schema as if it did.
 */
import type { ValidateFunction } from 'ajv';

/** A schema that cannot be used, with the reason. */
export class SchemaRefused extends Error {}

export interface OutputCheck {
  readonly schema: Record<string, unknown>;
  /** null when `text` is JSON that follows the schema; otherwise what is wrong, in words. */
  problem(text: string): string | null;
}

/** Draft-07 and older declare themselves; anything else is read as 2020-12, which OpenAI follows. */
const isDraft07 = (schema: Record<string, unknown>): boolean =>
  typeof schema.$schema === 'string' && /draft-0[4-7]/.test(schema.$schema);

/**
 * Ajv is loaded on the first turn that gives a schema, not at start-up (loading it costs ~20 ms,
 * and most servers never see an outputSchema). The bundler turns these imports into requires.
 */
export async function compileOutputSchema(schema: Record<string, unknown>): Promise<OutputCheck> {
  const [{ Ajv }, { Ajv2020 }, formats] = await Promise.all([
    import('ajv'),
    import('ajv/dist/2020'),
    import('ajv-formats'),
  ]);
  // `logger: false`: Ajv warns on the console by default, and stdout is the protocol's channel.
  const options = { allErrors: true, strict: false, logger: false } as const;
  const ajv = isDraft07(schema) ? new Ajv(options) : new Ajv2020(options);
  formats.default(ajv);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    throw new SchemaRefused(`outputSchema is not a usable JSON Schema: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    schema,
    problem(text) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return `it is not JSON (it starts ${JSON.stringify(text.slice(0, 80))})`;
      }
      if (validate(value)) return null;
      return ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'answer' });
    },
  };
}

/** The final answer did not follow the turn's outputSchema: the turn fails, saying how. */
export class OutputSchemaMismatch extends Error {}
