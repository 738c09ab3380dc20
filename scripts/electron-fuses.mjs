// `npm run package:fuses -- <path to the Electron binary of a packaged build>`: flips the fuses
// in scripts/electron-fuses-config.mjs on that binary (the .app on macOS, the .exe on Windows),
// then reads them back and fails unless every one holds. Run it on the packaged copy, after the
// app.asar is in place and before signing: it rewrites the binary.
import fuses from '@electron/fuses';
import { existsSync } from 'node:fs';
import { REQUIRED_FUSES, fuseConfig } from './electron-fuses-config.mjs';

const { FuseV1Options, flipFuses, getCurrentFuseWire } = fuses;
/** The wire stores each fuse as an ASCII digit. */
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

const binary = process.argv[2];
if (!binary || !existsSync(binary)) {
  console.error('usage: npm run package:fuses -- <path to the packaged Electron binary>');
  process.exit(2);
}

await flipFuses(binary, fuseConfig());
const wire = await getCurrentFuseWire(binary);
const wrong = Object.entries(REQUIRED_FUSES).filter(
  ([name, value]) => wire[FuseV1Options[name]] !== (value ? ENABLED : DISABLED),
);
if (wrong.length > 0) {
  console.error(`electron-fuses: still not as required after flipping: ${wrong.map(([name]) => name).join(', ')}`);
  process.exit(1);
}
console.log(
  `electron-fuses: ${binary}: ${Object.entries(REQUIRED_FUSES)
    .map(([name, value]) => `${name}=${value ? 'on' : 'off'}`)
    .join(', ')}`,
);
