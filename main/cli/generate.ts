/**
 * `app-server generate-json-schema --out DIR` and `generate-ts --out DIR`: Tandem's own protocol
 * written as files. Loaded only when one of them runs (see cli.ts), so a server start never pays
 * for converting the schemas.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { GenerateCommand } from './app-server-args';
import { protocolSchemas } from './protocol-schema';
import { protocolTypeScript } from './protocol-ts';

/** Writes the files; returns how many. */
export async function generate(command: GenerateCommand): Promise<number> {
  const out = resolve(command.out);
  await mkdir(out, { recursive: true });
  const schemas = protocolSchemas({ experimental: command.experimental });
  const files: Record<string, string> =
    command.kind === 'generate-ts'
      ? protocolTypeScript(schemas)
      : Object.fromEntries(
          [
            ...Object.entries(schemas.unions),
            ...Object.entries(schemas.types),
            ['tandem_app_server_protocol.schemas', schemas.bundle] as const,
          ].map(([name, schema]) => [`${name}.json`, `${JSON.stringify(schema, null, 2)}\n`]),
        );
  for (const [name, text] of Object.entries(files)) await writeFile(join(out, name), text);
  return Object.keys(files).length;
}
