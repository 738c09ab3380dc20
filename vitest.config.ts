import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The renderer's protocol client in node tests: vscode-jsonrpc's browser build is not exported
  // to node, and its node build has the same API.
  resolve: { alias: { 'vscode-jsonrpc/browser': 'vscode-jsonrpc/node' } },
  test: {
    // Playwright specs (*.spec.ts) live in tests/e2e and run under Playwright, never here.
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
