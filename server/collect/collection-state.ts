/**
 * `collection.json`: when the collection ran, who ran it, and each account's status and errors
 * (docs/snapshot-format.md). It is also the checkpoint of `--resume`: it is rewritten (temp file,
 * then rename) each time an account finishes, always after that account's own files, so an
 * account marked `ok` here has its files on disk.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountCollectionStatus } from '../../shared/snapshot/types.js';
import { isAccountId } from '../../shared/arn/parse-arn.js';
import { writeJsonAtomic } from '../snapshot/write-json-atomic.js';
import type { CollectionErrorRecord } from './aws-errors.js';
import type { IdentityCenterRecord } from './identity-center.js';

export const COLLECTION_FILE = 'collection.json';

/** Why an account was not collected on purpose (status `skipped`). */
export type SkipReason = 'suspended' | 'filtered';

export interface AccountRecord {
  status: AccountCollectionStatus;
  errors: CollectionErrorRecord[];
  reason?: SkipReason;
}

/** The content of collection.json. */
export interface CollectionFile {
  startedAt: string;
  /** Absent while the collection runs (or when it was interrupted). */
  finishedAt?: string;
  collectedBy: string;
  organizationAvailable: boolean;
  organizationId?: string;
  roleName: string;
  accounts: Record<string, AccountRecord>;
  /** What became of IAM Identity Center (absent in a collection.json of an older trustmap). */
  identityCenter?: IdentityCenterRecord;
  /** Every error of the collection: organization-level ones and each account's, with accountId. */
  errors: CollectionErrorRecord[];
}

export interface CollectionHeader {
  startedAt: string;
  collectedBy: string;
  organizationAvailable: boolean;
  organizationId: string | undefined;
  roleName: string;
}

/**
 * Holds the collection's state and writes it. Writes never overlap: a change made while a write
 * is running is written right after it (coalesced). `checkpoint()` writes at most once per
 * interval, so a large organization does not rewrite a growing file after every account; an
 * interruption then costs at most the accounts of one interval, which `--resume` collects again.
 */
export class CollectionRecorder {
  private readonly path: string;
  private readonly header: CollectionHeader;
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly topLevelErrors: CollectionErrorRecord[] = [];
  private finishedAt: string | undefined;
  private identityCenter: IdentityCenterRecord | undefined;
  private writing: Promise<void> | undefined;
  /** Changes are numbered; a write records the number of the last change it includes. */
  private version = 0;
  private writtenVersion = 0;
  private readonly checkpointIntervalMs: number;
  private lastWriteStartedAt = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private pendingError: Error | undefined;

  constructor(outDir: string, header: CollectionHeader, checkpointIntervalMs = 1000) {
    this.path = join(outDir, COLLECTION_FILE);
    this.header = header;
    this.checkpointIntervalMs = checkpointIntervalMs;
  }

  setAccount(accountId: string, record: AccountRecord): void {
    this.accounts.set(accountId, record);
  }

  /** Errors that belong to no single account's collection (the organization calls). */
  addErrors(errors: readonly CollectionErrorRecord[]): void {
    this.topLevelErrors.push(...errors);
  }

  setIdentityCenter(record: IdentityCenterRecord): void {
    this.identityCenter = record;
  }

  finish(finishedAt: string): void {
    this.finishedAt = finishedAt;
  }

  toJson(): CollectionFile {
    const accounts: Record<string, AccountRecord> = {};
    const errors: CollectionErrorRecord[] = [...this.topLevelErrors];
    for (const id of [...this.accounts.keys()].sort()) {
      const record = this.accounts.get(id);
      if (record === undefined) continue;
      accounts[id] = record;
      for (const error of record.errors) errors.push({ ...error, accountId: id });
    }
    return {
      startedAt: this.header.startedAt,
      ...(this.finishedAt === undefined ? {} : { finishedAt: this.finishedAt }),
      collectedBy: this.header.collectedBy,
      organizationAvailable: this.header.organizationAvailable,
      ...(this.header.organizationId === undefined
        ? {}
        : { organizationId: this.header.organizationId }),
      roleName: this.header.roleName,
      accounts,
      ...(this.identityCenter === undefined ? {} : { identityCenter: this.identityCenter }),
      errors,
    };
  }

  /**
   * Writes the current state now, or schedules it when the last write is more recent than the
   * interval. A failed scheduled write is thrown by the next `checkpoint()` or `save()`.
   */
  async checkpoint(): Promise<void> {
    this.throwPendingError();
    const wait = this.lastWriteStartedAt + this.checkpointIntervalMs - Date.now();
    if (wait <= 0) {
      await this.save();
      return;
    }
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.save().catch((err: unknown) => {
        this.pendingError ??= err instanceof Error ? err : new Error(String(err));
      });
    }, wait);
    this.pending.unref();
  }

  /** Writes the current state; resolves once a write that includes every change so far is done. */
  async save(): Promise<void> {
    this.throwPendingError();
    if (this.pending !== undefined) {
      clearTimeout(this.pending);
      this.pending = undefined;
    }
    this.version += 1;
    const target = this.version;
    while (this.writtenVersion < target) {
      if (this.writing !== undefined) {
        await this.writing;
        continue;
      }
      const version = this.version;
      this.lastWriteStartedAt = Date.now();
      this.writing = writeJsonAtomic(this.path, this.toJson())
        .then(() => {
          this.writtenVersion = Math.max(this.writtenVersion, version);
        })
        .finally(() => {
          this.writing = undefined;
        });
      await this.writing;
    }
  }

  private throwPendingError(): void {
    if (this.pendingError !== undefined) {
      const err = this.pendingError;
      this.pendingError = undefined;
      throw err;
    }
  }
}

/** What an earlier, possibly interrupted, collection in the same directory left. */
export interface PreviousCollection {
  organizationId: string | undefined;
  roleName: string | undefined;
  /** Accounts whose status is `ok`, with their record. */
  finished: Map<string, AccountRecord>;
}

/** The earlier collection.json is not usable; the message names the file and the field. */
export class PreviousCollectionError extends Error {
  override readonly name = 'PreviousCollectionError';
}

/** Reads DIR/collection.json; undefined when there is none. */
export async function readPreviousCollection(
  outDir: string,
): Promise<PreviousCollection | undefined> {
  const path = join(outDir, COLLECTION_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err: unknown) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PreviousCollectionError(`${path}: not valid JSON; cannot resume from it`);
  }
  if (!isRecord(parsed) || !isRecord(parsed['accounts'])) {
    throw new PreviousCollectionError(`${path}: expected an object with "accounts"; cannot resume`);
  }
  const finished = new Map<string, AccountRecord>();
  for (const [id, value] of Object.entries(parsed['accounts'])) {
    if (!isAccountId(id) || !isRecord(value) || value['status'] !== 'ok') continue;
    const errors = Array.isArray(value['errors'])
      ? (value['errors'] as CollectionErrorRecord[])
      : [];
    finished.set(id, { status: 'ok', errors });
  }
  const organizationId = parsed['organizationId'];
  const roleName = parsed['roleName'];
  return {
    organizationId: typeof organizationId === 'string' ? organizationId : undefined,
    roleName: typeof roleName === 'string' ? roleName : undefined,
    finished,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
}
