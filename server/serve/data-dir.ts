/**
 * Where trustmap keeps its data: `TRUSTMAP_DATA_DIR`, else `$XDG_DATA_HOME/trustmap`, else
 * `~/.local/share/trustmap`. The default store is `<data dir>/trustmap.db` (`TRUSTMAP_DB` or
 * `--db` choose another file, or a `postgres://` URL).
 */
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isStoreUrl } from '../store/store-location.js';

type Env = Readonly<Record<string, string | undefined>>;

export function resolveDataDir(env: Env, cwd: string): string {
  const explicit = env.TRUSTMAP_DATA_DIR;
  if (explicit !== undefined && explicit !== '') return resolve(cwd, explicit);
  const xdg = env.XDG_DATA_HOME;
  if (xdg !== undefined && xdg !== '') return resolve(cwd, xdg, 'trustmap');
  return join(env.HOME ?? homedir(), '.local', 'share', 'trustmap');
}

/**
 * The store: `--db`, else `TRUSTMAP_DB`, else `<data dir>/trustmap.db`. A file path is resolved
 * against `cwd`; a URL (`postgres://…`, or any `scheme://`) is returned as it is, never taken
 * for a path (openStore refuses the schemes it does not support).
 */
export function resolveDbPath(flag: string | undefined, env: Env, cwd: string): string {
  const chosen = flag !== undefined && flag !== '' ? flag : env.TRUSTMAP_DB;
  if (chosen !== undefined && chosen !== '')
    return isStoreUrl(chosen) ? chosen : resolve(cwd, chosen);
  return join(resolveDataDir(env, cwd), 'trustmap.db');
}

/**
 * A hint for a store that cannot be opened: the stores (`*.db`) of the data directory, which of
 * them `trustmap serve --demo` (and `npm start`) writes (`demo-<accounts>.db`), and how to point
 * at one. Empty when the data directory holds no store.
 */
export function storeHint(file: string, env: Env, cwd: string): string {
  const dataDir = resolveDataDir(env, cwd);
  let stores: string[] = [];
  try {
    stores = readdirSync(dataDir)
      .filter((n) => n.endsWith('.db'))
      .sort();
  } catch {
    // No data directory: nothing to suggest but how to choose a store.
  }
  const how = 'choose one with --db <file> or TRUSTMAP_DB=<file>';
  if (stores.length === 0)
    return `no store in ${dataDir} (run \`trustmap scan\` or \`trustmap serve --demo\` first, or ${how})`;
  const listed = stores
    .filter((n) => join(dataDir, n) !== file)
    .map((n) =>
      /^demo-\d+\.db$/.test(n)
        ? `${join(dataDir, n)} (the demo of \`trustmap serve --demo\` / npm start)`
        : join(dataDir, n),
    );
  if (listed.length === 0) return how;
  return `stores in ${dataDir}: ${listed.join(', ')}; ${how}`;
}
