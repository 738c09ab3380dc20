/**
 * The tools' JSON Schemas are derived from their zod schemas; what the model is offered must stay
 * what the hand-written schemas offered (Codex's shapes): names, types, required fields, enums,
 * descriptions, closed objects. The expected value below is those hand-written schemas.
 */
import { describe, expect, it } from 'vitest';
import { APPLY_PATCH_DESCRIPTION, APPLY_PATCH_GRAMMAR } from '../../../../main/agent/patch-tool-spec';
import { TOOL_PARAMETERS } from '../../../../main/agent/tool-parameters.generated';
import { derivedToolParameters, toolSpecs } from '../../../../main/agent/tool-registry';
import type { ToolSpec } from '../../../../main/model/types';

const EXPECTED: ToolSpec[] = [
  {
    kind: 'function',
    name: 'exec_command',
    description:
      "Runs a command with `bash -lc` in the working folder (or `workdir`) and returns its output, exit code and wall time. Prefer `rg` for searching. Commands may need the user's approval.",
    parameters: {
      type: 'object',
      properties: {
        cmd: { type: 'string', description: 'Shell command to execute.' },
        workdir: {
          type: 'string',
          description: 'Optional working directory, relative to the working folder. Defaults to the working folder.',
        },
        timeout_ms: { type: 'number', description: 'Kill the command after this many milliseconds (default 600000).' },
        yield_time_ms: {
          type: 'number',
          description: 'Accepted for compatibility; the command always runs to completion or its timeout.',
        },
        max_output_tokens: { type: 'number', description: 'Maximum number of tokens of output to return.' },
        sandbox_permissions: {
          type: 'string',
          enum: ['use_default', 'require_escalated'],
          description: 'Set to "require_escalated" to ask the user to run this command outside the sandbox.',
        },
        justification: {
          type: 'string',
          description: 'Why the command needs to run outside the sandbox; shown to the user.',
        },
      },
      required: ['cmd'],
      additionalProperties: false,
    },
  },
  { kind: 'custom', name: 'apply_patch', description: APPLY_PATCH_DESCRIPTION, grammar: APPLY_PATCH_GRAMMAR },
  {
    kind: 'function',
    name: 'update_plan',
    description:
      'Updates the task plan. Provide an optional explanation and a list of plan items, each with a step and status. At most one step can be in_progress at a time.',
    parameters: {
      type: 'object',
      properties: {
        explanation: { type: 'string' },
        plan: {
          type: 'array',
          description: 'The list of steps',
          items: {
            type: 'object',
            properties: {
              step: { type: 'string' },
              status: {
                type: 'string',
                description: 'One of: pending, in_progress, completed',
                enum: ['pending', 'in_progress', 'completed'],
              },
            },
            required: ['step', 'status'],
            additionalProperties: false,
          },
        },
      },
      required: ['plan'],
      additionalProperties: false,
    },
  },
  {
    kind: 'function',
    name: 'read_file',
    description: 'Reads a file in the workspace and returns its lines, numbered from 1 (L1:, L2:, …).',
    parameters: {
      type: 'object',
      properties: {
        file_path: {
          type: 'string',
          description: 'Path to the file, relative to the working folder (or absolute inside it).',
        },
        offset: { type: 'number', description: 'The line number to start from (1-based). Defaults to 1.' },
        limit: { type: 'number', description: 'The maximum number of lines to return. Defaults to 2000.' },
      },
      required: ['file_path'],
      additionalProperties: false,
    },
  },
  {
    kind: 'function',
    name: 'list_dir',
    description:
      'Lists the entries of a folder in the workspace, with a type marker (/ for folders, @ for links), up to a depth.',
    parameters: {
      type: 'object',
      properties: {
        dir_path: { type: 'string', description: 'Folder to list, relative to the working folder.' },
        offset: { type: 'number', description: 'The entry number to start from (1-based). Defaults to 1.' },
        limit: { type: 'number', description: 'The maximum number of entries to return. Defaults to 200.' },
        depth: { type: 'number', description: 'How deep to descend. Defaults to 2.' },
      },
      required: ['dir_path'],
      additionalProperties: false,
    },
  },
  {
    kind: 'function',
    name: 'grep_files',
    description:
      'Finds files in the workspace whose contents match a regular expression; returns their paths, most recently modified first.',
    parameters: {
      type: 'object',
      properties: {
        pattern: { type: 'string', description: 'Regular expression to search for.' },
        include: { type: 'string', description: 'Optional glob of file names to search, e.g. "*.ts" or "*.{ts,tsx}".' },
        path: { type: 'string', description: 'Folder to search, relative to the working folder. Defaults to it.' },
        limit: { type: 'number', description: 'The maximum number of paths to return. Defaults to 100.' },
      },
      required: ['pattern'],
      additionalProperties: false,
    },
  },
];

describe('tool registry', () => {
  it('offers the tools in order, by name and kind', () => {
    expect(toolSpecs().map((t) => [t.name, t.kind])).toEqual(EXPECTED.map((t) => [t.name, t.kind]));
  });

  it.each(EXPECTED.map((t) => [t.name, t] as const))(
    '%s: the derived definition is the one the model always received',
    (name, expected) => {
      expect(toolSpecs().find((t) => t.name === name)).toEqual(expected);
    },
  );

  it('sends no $schema key and keeps nested objects closed', () => {
    const plan = toolSpecs().find((t) => t.name === 'update_plan');
    expect(plan?.kind === 'function' && plan.parameters).not.toHaveProperty('$schema');
    expect(JSON.stringify(plan)).toContain('"additionalProperties":false');
  });

  it('is built once', () => {
    expect(toolSpecs()).toBe(toolSpecs());
  });

  it('offers the JSON Schemas derived from the zod schemas (run npm run gen:tool-parameters when this fails)', () => {
    expect(TOOL_PARAMETERS).toEqual(derivedToolParameters());
  });
});
