/**
 * The reference scenario both servers play: a scripted model streams a message, runs a command
 * that needs approval, applies a patch that needs approval, and ends with a message. Used to
 * compare Tandem with the Codex app-server.
 */
import type { ScriptedCall } from './fake-openai';

const PATCH = `*** Begin Patch
*** Update File: hello.txt
@@
 hello
-world
+tandem
*** Add File: notes/todo.md
+# Todo
+- ship it
*** End Patch
`;

export function fullTurnScript(): ScriptedCall[] {
  return [
    {
      outputs: [
        { type: 'message', text: 'Let me look at the project first.' },
        {
          type: 'function_call',
          name: 'exec_command',
          arguments: { cmd: 'echo started > log.txt && cat hello.txt' },
          callId: 'call_exec_1',
        },
      ],
    },
    { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH, callId: 'call_patch_1' }] },
    { outputs: [{ type: 'message', text: 'Done: hello.txt now greets tandem, and notes/todo.md exists.' }] },
  ];
}

export const INITIAL_FILES: Record<string, string> = { 'hello.txt': 'hello\nworld\n' };

/** `n` lines "line 1"…; `change` replaces some of them (its value, or null to keep the line). */
export const numberedLines = (n: number, change: (i: number) => string | null = () => null): string =>
  Array.from({ length: n }, (_, i) => change(i + 1) ?? `line ${i + 1}`).join('\n') + '\n';

/** A patch with two hunks in code.txt (lines 2 and 20 of numberedLines(30)), for hunk-by-hunk review. */
export const TWO_HUNK_PATCH = `*** Begin Patch
*** Update File: code.txt
@@
 line 1
-line 2
+line two
 line 3
@@
 line 19
-line 20
+line twenty
 line 21
*** End Patch
`;
