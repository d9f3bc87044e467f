#!/usr/bin/env node
// Entry point of the `trustmap` command. The TypeScript sources are compiled to dist/ by
// `npm install` (the `prepare` script) and `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, 'dist', 'server', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(
    `trustmap: ${entry} is missing. Run "npm install" (or "npm run build") in ${root} first.\n`,
  );
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
