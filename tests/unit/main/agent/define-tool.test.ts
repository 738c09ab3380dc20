/**
 * The tools' JSON Schemas are derived from their zod schemas (parametersOf), and the arguments the
 * model sends are checked against the full zod schema (parseArgs).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parametersOf, parseArgs } from '../../../../main/agent/define-tool';
import { ExecCommandArgs } from '../../../../main/tools/tool-args';

describe('parametersOf', () => {
  it('advertises numbers as number, drops bounds and null, keeps enums and descriptions', () => {
    const schema = z.object({
      n: z.number().int().min(1).max(9).describe('N'),
      s: z.string().min(1).nullable().optional(),
      e: z.enum(['a', 'b']),
    });
    expect(parametersOf(schema)).toEqual({
      type: 'object',
      properties: {
        n: { type: 'number', description: 'N' },
        s: { type: 'string' },
        e: { type: 'string', enum: ['a', 'b'] },
      },
      required: ['n', 'e'],
      additionalProperties: false,
    });
  });
});

describe('parseArgs', () => {
  it('still checks the bounds the schema sent to the model leaves out, in words the model can act on', () => {
    expect(() => parseArgs(ExecCommandArgs, '{"cmd":"ls","timeout_ms":-5}', 'exec_command')).toThrow(
      /exec_command: invalid arguments: .*timeout_ms/s,
    );
    expect(() => parseArgs(ExecCommandArgs, '{"cmd":', 'exec_command')).toThrow(
      /exec_command: arguments are not valid JSON/,
    );
    expect(() => parseArgs(ExecCommandArgs, '{}', 'exec_command')).toThrow(/cmd/);
  });
});
