/**
 * Where trustmap keeps its data: `TRUSTMAP_DATA_DIR`, else `$XDG_DATA_HOME/trustmap`, else
 * `~/.local/share/trustmap`. The default store is `<data dir>/trustmap.db` (`TRUSTMAP_DB` or
 * `--db` choose another file).
 */
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
