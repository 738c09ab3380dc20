// Runs a package's CLI by its bin name from this project's node_modules, without a shell.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const [name, ...args] = process.argv.slice(2);
const pkgPath = require.resolve(`${name}/package.json`);
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin[name];
const result = spawnSync(process.execPath, [join(dirname(pkgPath), bin), ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
