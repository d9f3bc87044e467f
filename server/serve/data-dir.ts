/**
 * Where trustmap keeps its data: `TRUSTMAP_DATA_DIR`, else `$XDG_DATA_HOME/trustmap`, else
 * `~/.local/share/trustmap`. The default store is `<data dir>/trustmap.db` (`TRUSTMAP_DB` or
 * `--db` choose another file).
 */
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export function resolveDataDir(env: Env, cwd: string): string {
  const explicit = env.TRUSTMAP_DATA_DIR;
  if (explicit !== undefined && explicit !== '') return resolve(cwd, explicit);
  const xdg = env.XDG_DATA_HOME;
  if (xdg !== undefined && xdg !== '') return resolve(cwd, xdg, 'trustmap');
  return join(env.HOME ?? homedir(), '.local', 'share', 'trustmap');
}

/** The store file: `--db`, else `TRUSTMAP_DB`, else `<data dir>/trustmap.db`. */
export function resolveDbPath(flag: string | undefined, env: Env, cwd: string): string {
  if (flag !== undefined && flag !== '') return resolve(cwd, flag);
  const fromEnv = env.TRUSTMAP_DB;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(cwd, fromEnv);
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
