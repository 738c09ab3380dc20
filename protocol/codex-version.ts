/**
 * The Codex release whose app-server protocol Tandem implements. Clients written for Codex read a
 * version from `initialize`'s `userAgent` (and from `codex --version`) and compare it with a
 * minimum, so this, not Tandem's own version, is what those places carry.
 */
export const CODEX_PROTOCOL_VERSION = '0.169.0';
