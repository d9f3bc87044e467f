/**
 * Reads a snapshot directory (DESIGN.md "Snapshot directory", docs/snapshot-format.md): finds
 * organization.json, collection.json and the account folders, reads and parses their files, and
 * hands them to the pure normalizer (shared/snapshot/normalize-snapshot.ts). I/O only.
 *
 * Contract: a directory that is not a snapshot at all throws `NotASnapshotError` with one
 * message saying what was expected. Everything else is a value: unreadable or invalid files are
 * `LoadIssue`s in `Snapshot.issues` and the rest of the snapshot loads.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isAccountId } from '../../shared/arn/parse-arn.js';
import {
  SnapshotBuilder,
  type AccountFiles,
  type TopLevelFiles,
} from '../../shared/snapshot/normalize-snapshot.js';
import type { LoadIssue, Snapshot } from '../../shared/snapshot/types.js';
import { readJsonFile, type ReadJsonFileOptions } from './read-json-file.js';

/** The path is not a snapshot directory (missing, not a directory, or without snapshot files). */
export class NotASnapshotError extends Error {
  override readonly name = 'NotASnapshotError';
  /** A usage mistake for the CLI (exit code 2). */
  readonly exitCode = 2;
  readonly dir: string;

  constructor(dir: string, message: string) {
    super(message);
    this.dir = dir;
  }
}

export const ORGANIZATION_FILE = 'organization.json';
export const COLLECTION_FILE = 'collection.json';
export const IDENTITY_CENTER_FILE = 'identity-center.json';
export const ACCOUNT_FILE_NAMES = {
  iam: 'iam.json',
  s3: 's3.json',
  identityProviders: 'identity-providers.json',
  resources: 'resources.json',
  workloads: 'workloads.json',
} as const;

export interface ReadSnapshotOptions {
  /** Account folders read at once (default 8). */
  concurrency?: number;
  /** Largest file read, in bytes (default `DEFAULT_MAX_FILE_BYTES`, 512 MiB). */
  maxFileBytes?: number;
}

/** What a snapshot directory holds, for messages. */
const CONTENT =
  'organization.json and/or one folder per account named by its 12-digit id holding iam.json (the output of `aws iam get-account-authorization-details`)';
const EXPECTED = `expected a snapshot directory with ${CONTENT}`;

/**
 * Reads the snapshot directory `dir`.
 * @throws NotASnapshotError when `dir` does not exist, is not a directory, or holds neither
 *   organization.json nor any `<accountId>/iam.json`.
 */
export async function readSnapshotDir(
  dir: string,
  options: ReadSnapshotOptions = {},
): Promise<Snapshot> {
  const entries = await listDirectory(dir);
  const names = new Map(entries.map((e) => [e.name, e]));
  const hasOrganization = await isFile(dir, names.get(ORGANIZATION_FILE));

  const folders: { name: string; files: Set<string> }[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !(await isDirectory(dir, entry))) continue;
    const files = await accountFilesIn(join(dir, entry.name));
    if (files.size > 0 || isAccountId(entry.name)) folders.push({ name: entry.name, files });
  }
  const accountFolders = folders.filter(
    (f) => isAccountId(f.name) && f.files.has(ACCOUNT_FILE_NAMES.iam),
  );
  if (!hasOrganization && accountFolders.length === 0) {
    throw new NotASnapshotError(
      dir,
      `${dir} is not a snapshot directory: expected ${CONTENT}; found neither${await hint(dir, folders)}`,
    );
  }

  const issues: LoadIssue[] = [];
  const limits: ReadJsonFileOptions =
    options.maxFileBytes === undefined ? {} : { maxBytes: options.maxFileBytes };
  const organization = hasOrganization
    ? await readTopLevel(
        join(dir, ORGANIZATION_FILE),
        ORGANIZATION_FILE,
        'the organization is unknown: every account folder is taken as part of it',
        issues,
        limits,
      )
    : undefined;
  const collection = (await isFile(dir, names.get(COLLECTION_FILE)))
    ? await readTopLevel(
        join(dir, COLLECTION_FILE),
        COLLECTION_FILE,
        'the collection status of the accounts is unknown',
        issues,
        limits,
      )
    : undefined;

  const identityCenter = (await isFile(dir, names.get(IDENTITY_CENTER_FILE)))
    ? await readTopLevel(
        join(dir, IDENTITY_CENTER_FILE),
        IDENTITY_CENTER_FILE,
        'the IAM Identity Center users, groups and assignments are unknown',
        issues,
        limits,
      )
    : undefined;

  const top: TopLevelFiles = { issues };
  if (organization !== undefined) top.organization = organization;
  if (collection !== undefined) top.collection = collection;
  if (identityCenter !== undefined) top.identityCenter = identityCenter;
  const builder = new SnapshotBuilder(
    top,
    folders.map((f) => f.name),
  );
  // Each account is normalized as soon as its files are parsed, so that at most `concurrency`
  // parsed iam.json files are held at once.
  await forEachWithConcurrency(folders, options.concurrency ?? 8, async (folder) => {
    const folderIssues: LoadIssue[] = [];
    const files = {
      iam: `${folder.name}/${ACCOUNT_FILE_NAMES.iam}`,
      s3: `${folder.name}/${ACCOUNT_FILE_NAMES.s3}`,
      identityProviders: `${folder.name}/${ACCOUNT_FILE_NAMES.identityProviders}`,
      resources: `${folder.name}/${ACCOUNT_FILE_NAMES.resources}`,
      workloads: `${folder.name}/${ACCOUNT_FILE_NAMES.workloads}`,
    };
    const entry: AccountFiles = { files };
    // A folder not named by an account id is reported by the builder without being read.
    if (isAccountId(folder.name)) {
      const base = join(dir, folder.name);
      const iam = await readJsonFile(
        join(base, ACCOUNT_FILE_NAMES.iam),
        files.iam,
        'the account is skipped',
        folderIssues,
        limits,
      );
      if (iam.kind === 'failed') {
        builder.addFolderIssues(folder.name, folderIssues);
        return;
      }
      if (iam.kind === 'ok') entry.iam = iam.value;
      const s3 = await readJsonFile(
        join(base, ACCOUNT_FILE_NAMES.s3),
        files.s3,
        "the account's buckets are unknown",
        folderIssues,
        limits,
      );
      if (s3.kind === 'ok') entry.s3 = s3.value;
      const idp = await readJsonFile(
        join(base, ACCOUNT_FILE_NAMES.identityProviders),
        files.identityProviders,
        "the account's identity providers are unknown",
        folderIssues,
        limits,
      );
      if (idp.kind === 'ok') entry.identityProviders = idp.value;
      const resources = await readJsonFile(
        join(base, ACCOUNT_FILE_NAMES.resources),
        files.resources,
        "the account's KMS keys and resource policies are unknown",
        folderIssues,
      );
      if (resources.kind === 'ok') entry.resources = resources.value;
      const workloads = await readJsonFile(
        join(base, ACCOUNT_FILE_NAMES.workloads),
        files.workloads,
        "the account's workloads are unknown",
        folderIssues,
      );
      if (workloads.kind === 'ok') entry.workloads = workloads.value;
    }
    builder.addAccount(folder.name, entry, folderIssues);
  });
  return builder.build();
}

async function readTopLevel(
  path: string,
  file: string,
  consequence: string,
  issues: LoadIssue[],
  limits: ReadJsonFileOptions = {},
): Promise<unknown> {
  const result = await readJsonFile(path, file, consequence, issues, limits);
  return result.kind === 'ok' ? result.value : undefined;
}

async function listDirectory(dir: string): Promise<Dirent[]> {
  let info;
  try {
    info = await stat(dir);
  } catch (err: unknown) {
    const code = errorCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NotASnapshotError(dir, `${dir} does not exist: ${EXPECTED}`);
    }
    throw new NotASnapshotError(dir, `${dir} cannot be read (${code ?? 'error'}): ${EXPECTED}`);
  }
  if (!info.isDirectory())
    throw new NotASnapshotError(dir, `${dir} is a file, not a directory: ${EXPECTED}`);
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  } catch (err: unknown) {
    throw new NotASnapshotError(
      dir,
      `${dir} cannot be listed (${errorCode(err) ?? 'error'}): ${EXPECTED}`,
    );
  }
}

/** The account file names present in a folder. */
async function accountFilesIn(folder: string): Promise<Set<string>> {
  const found = new Set<string>();
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return found;
  }
  const wanted = new Set<string>(Object.values(ACCOUNT_FILE_NAMES));
  for (const e of entries) if (wanted.has(e.name) && !e.isDirectory()) found.add(e.name);
  return found;
}

async function isFile(dir: string, entry: Dirent | undefined): Promise<boolean> {
  if (entry === undefined) return false;
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(join(dir, entry.name))).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(dir: string, entry: Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(join(dir, entry.name))).isDirectory();
  } catch {
    return false;
  }
}

/** What was found instead, to help the user point at the right directory. */
async function hint(
  dir: string,
  folders: readonly { name: string; files: Set<string> }[],
): Promise<string> {
  const misnamed = folders.filter(
    (f) => !isAccountId(f.name) && f.files.has(ACCOUNT_FILE_NAMES.iam),
  );
  if (misnamed.length > 0) {
    return ` (${misnamed
      .slice(0, 3)
      .map((f) => JSON.stringify(`${f.name}/iam.json`))
      .join(', ')} found, but an account folder must be named by the 12-digit account id)`;
  }
  const withoutIam = folders.filter((f) => isAccountId(f.name));
  if (withoutIam.length > 0) {
    return ` (account folders ${withoutIam
      .slice(0, 3)
      .map((f) => f.name)
      .join(', ')} hold no iam.json)`;
  }
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.name.startsWith('.') || !(await isDirectory(dir, entry))) continue;
    const inner = await readdir(join(dir, entry.name)).catch(() => [] as string[]);
    if (inner.includes(ORGANIZATION_FILE) || inner.some((n) => isAccountId(n))) {
      return ` (${JSON.stringify(join(dir, entry.name))} looks like one)`;
    }
  }
  return '';
}

async function forEachWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  const count = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: count }, () => worker()));
}

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return undefined;
}
