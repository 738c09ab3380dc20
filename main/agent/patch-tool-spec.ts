/** What the model is told about apply_patch: Codex's grammar and description, which models trained on Codex expect. */
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

export const APPLY_PATCH_DESCRIPTION = `Use the \`apply_patch\` tool to edit files. This is a FREEFORM tool: send the patch text itself, not JSON.
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
