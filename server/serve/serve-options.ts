/**
 * The options of `trustmap serve`. Precedence: flags > `TRUSTMAP_*` environment > defaults.
 * Binding anything but a loopback address requires a token (`--token-file` or `TRUSTMAP_TOKEN`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { DEFAULT_LIMITS } from '../http/app-context.js';
import { allowedHostNames, hostName, isLoopbackHost } from '../http/security.js';
import { resolveDataDir, resolveDbPath } from './data-dir.js';

export interface ServeFlags {
  db?: string;
  fromDir?: string;
  demo?: boolean;
  demoAccounts?: string;
  live?: boolean;
  host?: string;
  port?: string;
  schedule?: string;
  tokenFile?: string;
  config?: string;
  accessLog?: boolean;
  maxGraphNodes?: string;
  allowConfigWrites?: boolean;
  /** `--allowed-host NAME` (repeatable): Host names answered besides loopback and the bound host. */
  allowedHost?: string[];
  /** `--behind-tls-proxy`: reached only through a TLS-terminating reverse proxy (HSTS on). */
  behindTlsProxy?: boolean;
}

export type ServeMode =
  | { kind: 'db' }
  | { kind: 'from-dir'; dir: string }
  | { kind: 'demo'; dir: string; accounts: number };

export interface ServeOptions {
  mode: ServeMode;
  dbPath: string;
  dataDir: string;
  host: string;
  port: number;
  schedule: string | undefined;
  token: string | undefined;
  live: boolean;
  configPath: string | undefined;
  accessLog: boolean;
  /** Cap on the nodes of one `/api/graph` answer (`ApiLimits.maxGraphNodes`). */
  maxGraphNodes: number;
  /** POST /api/suppressions may write the config file (`--allow-config-writes`, needs `--config`). */
  allowConfigWrites: boolean;
  /** Host header names answered (DNS rebinding guard): loopback, the bound host, `--allowed-host`. */
  allowedHosts: string[];
  /** Served through a TLS-terminating reverse proxy: send Strict-Transport-Security. */
  behindTlsProxy: boolean;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
export const DEFAULT_DEMO_ACCOUNTS = 40;
/**
 * Bounds of `--max-graph-nodes`. The default is `DEFAULT_LIMITS.maxGraphNodes` (3,000); the upper
 * bound keeps one answer's JSON within what a browser tab can hold (a 1,000,000-node answer is
 * already hundreds of megabytes).
 */
export const MAX_GRAPH_NODES_LIMIT = 1_000_000;

type Env = Readonly<Record<string, string | undefined>>;

function parsePort(value: string, where: string): number {
  const n = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`${where}: expected a port number from 0 to 65535, got "${value}"`);
  return n;
}

function parseMaxGraphNodes(value: string, where: string): number {
  const text = value.trim();
  const n = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_GRAPH_NODES_LIMIT)
    throw new UsageError(
      `${where}: expected a whole number of nodes from 1 to ${String(MAX_GRAPH_NODES_LIMIT)}, got "${value}"`,
    );
  return n;
}

/** Shortest token accepted, and the least entropy estimated from its characters (bits). */
export const MIN_TOKEN_LENGTH = 32;
export const MIN_TOKEN_BITS = 96;
const MAKE_TOKEN =
  "make one with `openssl rand -hex 32` (or `node -e \"console.log(require('node:crypto').randomBytes(32).toString('hex'))\"`)";

/**
 * Estimated entropy of a token in bits: its length times the Shannon entropy of its own
 * character distribution. Sixteen identical characters score 0; 64 random hex digits about 250.
 */
export function tokenBits(token: string): number {
  const counts = new Map<string, number>();
  let n = 0;
  for (const ch of token) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    n++;
  }
  let perChar = 0;
  for (const c of counts.values()) perChar -= (c / n) * Math.log2(c / n);
  return perChar * n;
}

/** Checks a token read from `where`; returns it trimmed or throws a UsageError naming `where`. */
function checkToken(raw: string, where: string): string {
  const token = raw.trim();
  if (/\s/.test(token))
    throw new UsageError(`${where}: the token must be one word without spaces; ${MAKE_TOKEN}`);
  if (Array.from(token).length < MIN_TOKEN_LENGTH)
    throw new UsageError(
      `${where}: the token must be at least ${String(MIN_TOKEN_LENGTH)} random characters; ${MAKE_TOKEN}`,
    );
  if (tokenBits(token) < MIN_TOKEN_BITS)
    throw new UsageError(
      `${where}: the token is too predictable (repeated or patterned characters); ${MAKE_TOKEN}`,
    );
  return token;
}

function readToken(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: unknown) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'error';
    throw new UsageError(`--token-file: ${file} cannot be read (${code})`);
  }
  return checkToken(text, `--token-file ${file}`);
}

export function resolveServeOptions(flags: ServeFlags, env: Env, cwd: string): ServeOptions {
  const sources = [flags.db !== undefined, flags.fromDir !== undefined, flags.demo === true].filter(
    Boolean,
  ).length;
  if (flags.fromDir !== undefined && flags.demo === true)
    throw new UsageError('--from-dir and --demo: choose one');
  if (sources === 0 && flags.live !== true && env.TRUSTMAP_DB === undefined)
    throw new UsageError('choose what to serve: --db FILE, --from-dir DIR, --demo or --live');
  const dataDir = resolveDataDir(env, cwd);
  let mode: ServeMode = { kind: 'db' };
  let dbPath = resolveDbPath(flags.db, env, cwd);
  if (flags.fromDir !== undefined) mode = { kind: 'from-dir', dir: resolve(cwd, flags.fromDir) };
  if (flags.demo === true) {
    const accountsText = flags.demoAccounts ?? env.TRUSTMAP_DEMO_ACCOUNTS;
    let accounts = DEFAULT_DEMO_ACCOUNTS;
    if (accountsText !== undefined) {
      accounts = /^\d{1,5}$/.test(accountsText) ? Number(accountsText) : Number.NaN;
      if (!Number.isInteger(accounts) || accounts < 12 || accounts > 5000)
        throw new UsageError(
          `--demo-accounts: expected a whole number from 12 to 5000, got "${accountsText}"`,
        );
    }
    mode = { kind: 'demo', dir: resolve(dataDir, `demo-org-${String(accounts)}`), accounts };
    if (flags.db === undefined) dbPath = resolve(dataDir, `demo-${String(accounts)}.db`);
  }
  const hostWhere = flags.host !== undefined ? '--host' : 'TRUSTMAP_HOST';
  const host = (flags.host ?? env.TRUSTMAP_HOST ?? DEFAULT_HOST).trim();
  if (host === '' || host.length > 255 || /[\s/@]/.test(host))
    throw new UsageError(`${hostWhere}: expected an address or host name, e.g. 127.0.0.1`);
  const portText = flags.port ?? env.TRUSTMAP_PORT;
  const port =
    portText === undefined
      ? DEFAULT_PORT
      : parsePort(portText, flags.port === undefined ? 'TRUSTMAP_PORT' : '--port');
  const tokenFile = flags.tokenFile ?? env.TRUSTMAP_TOKEN_FILE;
  let token: string | undefined;
  if (tokenFile !== undefined && tokenFile !== '') token = readToken(resolve(cwd, tokenFile));
  else if (env.TRUSTMAP_TOKEN !== undefined && env.TRUSTMAP_TOKEN !== '') {
    token = checkToken(env.TRUSTMAP_TOKEN, 'TRUSTMAP_TOKEN');
  }
  if (!isLoopbackHost(host) && token === undefined)
    throw new UsageError(
      `--host ${host}: binding a non-loopback address requires a token (--token-file FILE or TRUSTMAP_TOKEN); every /api call must then send it as a bearer token`,
    );
  const maxNodesText = flags.maxGraphNodes ?? env.TRUSTMAP_MAX_GRAPH_NODES;
  const maxGraphNodes =
    maxNodesText === undefined
      ? DEFAULT_LIMITS.maxGraphNodes
      : parseMaxGraphNodes(
          maxNodesText,
          flags.maxGraphNodes === undefined ? 'TRUSTMAP_MAX_GRAPH_NODES' : '--max-graph-nodes',
        );
  const extraHosts =
    flags.allowedHost ??
    (env.TRUSTMAP_ALLOWED_HOSTS ?? '').split(',').filter((h) => h.trim() !== '');
  for (const name of extraHosts)
    if (hostName(name) === undefined)
      throw new UsageError(
        `${flags.allowedHost !== undefined ? '--allowed-host' : 'TRUSTMAP_ALLOWED_HOSTS'}: "${name}" is not a host name`,
      );
  const allowedHosts = allowedHostNames(host, extraHosts);
  const behindTlsProxy =
    flags.behindTlsProxy === true || /^(1|true|yes)$/i.test(env.TRUSTMAP_BEHIND_TLS_PROXY ?? '');
  const schedule = flags.schedule ?? env.TRUSTMAP_SCHEDULE;
  const configPath = flags.config ?? env.TRUSTMAP_CONFIG;
  const allowConfigWrites =
    flags.allowConfigWrites === true || env.TRUSTMAP_ALLOW_CONFIG_WRITES === 'true';
  if (allowConfigWrites && (configPath === undefined || configPath === ''))
    throw new UsageError(
      '--allow-config-writes: give the config file to write with --config FILE (or TRUSTMAP_CONFIG)',
    );
  return {
    mode,
    dbPath,
    dataDir,
    host,
    port,
    schedule: schedule === '' ? undefined : schedule,
    token,
    live: flags.live === true,
    configPath:
      configPath === undefined || configPath === '' ? undefined : resolve(cwd, configPath),
    accessLog: flags.accessLog !== false,
    maxGraphNodes,
    allowConfigWrites,
    allowedHosts,
    behindTlsProxy,
  };
}
