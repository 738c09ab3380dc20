/** A turn's outputSchema, compiled with Ajv: what passes, what fails and how it is told. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileOutputSchema, SchemaRefused } from '../../../../main/agent/output-schema';

afterEach(() => vi.restoreAllMocks());

describe('outputSchema', () => {
  it('passes JSON that follows the schema and names what is wrong otherwise', async () => {
    const check = await compileOutputSchema({
      type: 'object',
      properties: { n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['n'],
      additionalProperties: false,
    });
    expect(check.problem('{"n": 1, "tags": ["a"]}')).toBeNull();
    expect(check.problem('{"tags": [1]}')).toMatch(/must have required property 'n'.*answer\/tags\/0 must be string/);
    expect(check.problem('{"n": 1, "extra": true}')).toMatch(/must NOT have additional properties/);
    expect(check.problem('not json')).toMatch(/it is not JSON/);
  });

  it('reads draft-07 and 2020-12 schemas, and checks formats', async () => {
    const draft7 = await compileOutputSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { when: { type: 'string', format: 'date' } },
      $ref: '#/definitions/when',
    });
    expect(draft7.problem('"2026-12-03"')).toBeNull();
    expect(draft7.problem('"yesterday"')).toMatch(/must match format "date"/);
    const modern = await compileOutputSchema({ type: 'array', prefixItems: [{ type: 'number' }], items: false });
    expect(modern.problem('[1]')).toBeNull();
    expect(modern.problem('[1, 2]')).not.toBeNull();
  });

  it('refuses a schema that does not compile, and never writes to the console (stdout is the protocol)', async () => {
    const spies = (['log', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    await expect(compileOutputSchema({ type: 'nonsense' })).rejects.toThrow(SchemaRefused);
    await compileOutputSchema({ type: 'string', format: 'no-such-format' });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
