/**
 * out/cli/tandem.cjs: runs the CLI bundle (tandem-main.cjs, built from main/cli.ts) through V8's
 * code cache. Compiling the 1 MB bundle was the largest single cost of a cold start (`node
 * --cpu-prof`); with the cache V8 deserializes the functions start-up runs instead of parsing and
 * compiling them, which also leaves less memory behind. Node 22 has this built in
 * (`module.enableCompileCache`); Node 20 does not.
 *
 * The build primes the cache with one initialize (scripts/build-cli.mjs). A cache V8 rejects (a
 * different Node, different V8 flags) costs nothing but the read: the bundle compiles as usual and
 * the cache is rewritten at exit, so the next start is fast again.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'tandem-main.cjs');
// Named for the bundle's size and time: V8 checks only a cache's source length, so a bundle
// replaced by one of the same length must never meet the old cache.
const { size, mtimeMs } = statSync(bundle);
const cacheFile = `${bundle}.${size}-${Math.trunc(mtimeMs)}.cache`;

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Atomically, so that concurrent servers never read half a cache. Failing to write is harmless. */
function writeCache(script: Script): void {
  const tmp = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only install keeps starting without a cache.
  }
}

const cachedData = readCache();
// The same wrapper Node gives a CommonJS module, so the bundle runs exactly as if required.
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
// No `importModuleDynamically`: a script compiled from a cache ignores it on Node 20, so an
// `import()` would work only when the cache was rejected. The build turns every import() into a
// require() and refuses a bundle that still has one (scripts/build-cli.mjs), so that the bundle
// behaves the same with and without the cache, on every Node.
const script = new Script(source, { filename: bundle, cachedData });
// At exit the cache holds every function this run compiled: the build's priming run makes that
// exactly the start-up path.
if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => writeCache(script));

const main = script.runInThisContext() as (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;
const mainModule = { exports: {} };
main(mainModule.exports, createRequire(bundle), mainModule, bundle, __dirname);
