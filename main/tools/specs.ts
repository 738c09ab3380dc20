/**
 * The tools offered to the model, named and shaped as Codex's so models trained on Codex use
 * them well: exec_command, apply_patch (freeform, with Codex's grammar), update_plan, and the
 * read-only helpers read_file, list_dir and grep_files.
 */
import type { ToolSpec } from '../model/types';

/** Codex's Lark grammar for apply_patch input. */
export const APPLY_PATCH_GRAMMAR = `start: begin_patch hunk+ end_patch
begin_patch: "*** Begin Patch" LF
end_patch: "*** End Patch" LF?

hunk: add_hunk | delete_hunk | update_hunk
add_hunk: "*** Add File: " filename LF add_line+
delete_hunk: "*** Delete File: " filename LF
update_hunk: "*** Update File: " filename LF change_move? change?

filename: /(.+)/
add_line: "+" /(.*)/ LF -> line

change_move: "*** Move to: " filename LF
change: (change_context | change_line)+ eof_line?
change_context: ("@@" | "@@ " /(.+)/) LF
change_line: ("+" | "-" | " ") /(.*)/ LF
eof_line: "*** End of File" LF

%import common.LF
`;

const APPLY_PATCH_DESCRIPTION = `Use the \`apply_patch\` tool to edit files. This is a FREEFORM tool: send the patch text itself, not JSON.
The patch language is a stripped-down, file-oriented diff format:

*** Begin Patch
[ one or more file sections ]
*** End Patch

Each file section starts with one of:
*** Add File: <path> - create a new file; every following line starts with + (its content).
*** Delete File: <path> - remove an existing file; nothing follows.
*** Update File: <path> - patch an existing file in place (optionally followed by "*** Move to: <new path>" to rename it).

An update has one or more hunks, each introduced by @@ (optionally followed by a line such as a class or function header to locate it). Inside a hunk every line starts with " " (context), "-" (remove) or "+" (add). Show 3 lines of context above and below each change; use @@ headers when 3 lines are not unique.

Paths are relative to the working folder; never use absolute paths.`;

export const TOOL_SPECS: ToolSpec[] = [
  {
    kind: 'function',
    name: 'exec_command',
    description:
      'Runs a command with `bash -lc` in the working folder (or `workdir`) and returns its output, exit code and wall time. Prefer `rg` for searching. Commands may need the user\'s approval.',
    parameters: {
      type: 'object',
      properties: {
        cmd: { type: 'string', description: 'Shell command to execute.' },
        workdir: { type: 'string', description: 'Optional working directory, relative to the working folder. Defaults to the working folder.' },
        timeout_ms: { type: 'number', description: 'Kill the command after this many milliseconds (default 600000).' },
        yield_time_ms: { type: 'number', description: 'Accepted for compatibility; the command always runs to completion or its timeout.' },
        max_output_tokens: { type: 'number', description: 'Maximum number of tokens of output to return.' },
        sandbox_permissions: {
          type: 'string',
          enum: ['use_default', 'require_escalated'],
          description: 'Set to "require_escalated" to ask the user to run this command outside the sandbox.',
        },
        justification: { type: 'string', description: 'Why the command needs to run outside the sandbox; shown to the user.' },
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
              status: { type: 'string', description: 'One of: pending, in_progress, completed', enum: ['pending', 'in_progress', 'completed'] },
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
        file_path: { type: 'string', description: 'Path to the file, relative to the working folder (or absolute inside it).' },
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
    description: 'Lists the entries of a folder in the workspace, with a type marker (/ for folders, @ for links), up to a depth.',
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
    description: 'Finds files in the workspace whose contents match a regular expression; returns their paths, most recently modified first.',
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
