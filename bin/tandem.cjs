#!/usr/bin/env node
// The `tandem` command: runs the bundled CLI, or says how to build it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'out', 'cli', 'tandem.cjs');
if (!existsSync(cli)) {
  process.stderr.write('tandem: the CLI is not built yet; run `npm run build` in the Tandem folder first\n');
  process.exit(1);
}
require(cli);
