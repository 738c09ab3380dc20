// `node scripts/profile-top.mjs FILE.cpuprofile [N]`: the N functions with the most self time in a
// V8 CPU profile (node --cpu-prof, or the UI bench's BENCH_UI_PROFILE), and the total sampled.
import { readFileSync } from 'node:fs';

const [file, n = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/profile-top.mjs FILE.cpuprofile [N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas ?? [];
profile.samples.forEach((id, i) => {
  const { callFrame: f } = byId.get(id);
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${total.toFixed(0)} ms sampled`);
for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(n)))
  console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
