import tseslint from 'typescript-eslint';
import electronChecklist from './eslint-rules/electron-checklist.js';

/** Where the Electron shell's checklist handlers must be (README, "Electron security checklist"). */
const ELECTRON_FILES = ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bin/**',
      '.bench/**',
      '.tandem-test/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ELECTRON_FILES,
    plugins: { 'tandem-electron': electronChecklist },
    rules: {
      'tandem-electron/secure-web-preferences': 'error',
      'tandem-electron/open-external-checked': [
        'error',
        { files: ['main/external-links.ts'], brand: 'HttpsLink', brandFiles: ['main/https-link.ts'] },
      ],
      'tandem-electron/deny-by-default': ['error', { allow: 'permissionAllowed' }],
    },
  },
  {
    files: ['main/web-contents-guard.ts'],
    rules: {
      'tandem-electron/required-handlers': [
        'error',
        {
          events: ['will-navigate', 'will-frame-navigate', 'will-attach-webview'],
          preventDefault: ['will-navigate', 'will-frame-navigate', 'will-attach-webview'],
          calls: ['setWindowOpenHandler'],
        },
      ],
    },
  },
  {
    files: ['main/permissions.ts'],
    rules: {
      'tandem-electron/required-handlers': [
        'error',
        { calls: ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler'] },
      ],
    },
  },
  {
    files: ['main/index.ts'],
    rules: {
      'tandem-electron/required-handlers': [
        'error',
        {
          events: ['web-contents-created', 'session-created'],
          calls: [
            'enableSandbox',
            'guardWebContents',
            'denyPermissionsByDefault',
            'registerAppScheme',
            'serveApp',
            'ipcPageTransports',
          ],
        },
      ],
    },
  },
  {
    files: ['main/app-protocol.ts'],
    rules: { 'tandem-electron/renderer-csp': ['error', { html: 'renderer/index.html' }] },
  },
);
