/** Patches for the review's fine hunks and edited proposals (tests/integration/hunk-review, e2e/review-view). */

/**
 * Two changes in code.txt (numberedLines(30)) three unchanged lines apart — lines 5 and 9 — and a
 * third at line 20: three hunks, three decisions.
 */
export const NEAR_HUNKS_PATCH = `*** Begin Patch
*** Update File: code.txt
@@
 line 4
-line 5
+line five
 line 6
 line 7
 line 8
-line 9
+line nine
 line 10
@@
 line 19
-line 20
+line twenty
 line 21
*** End Patch
`;
