/**
 * Live collection for `trustmap scan` and the scheduled scan: runs the collector into a fresh
 * temporary snapshot directory. A collection that read nothing throws `CollectionFailedError`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CollectOptionError,
  resolveCollectOptions,
  type CollectFlags,
} from '../collect/collect-options.js';
import { collectOrganization } from '../collect/collect-organization.js';
import { CollectionFailedError, UsageError } from '../cli/errors.js';

export interface CollectedDir {
  dir: string;
  outcome: 'complete' | 'partial';
  /** Removes the temporary directory. */
  dispose: () => Promise<void>;
}

/** Collects into a temporary directory (the caller disposes of it). */
export async function collectToTempDir(
  flags: Omit<CollectFlags, 'out' | 'resume' | 'json'>,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  signal?: AbortSignal,
): Promise<CollectedDir> {
  const parent = await mkdtemp(join(tmpdir(), 'trustmap-scan-'));
  const dispose = (): Promise<void> => rm(parent, { recursive: true, force: true });
  const dir = join(parent, 'snapshot');
  try {
    let options;
    try {
      options = resolveCollectOptions({ ...flags, out: dir, quiet: true }, env, cwd);
    } catch (err: unknown) {
      if (err instanceof CollectOptionError) throw new UsageError(err.message);
      throw err;
    }
    const result = await collectOrganization(options, signal === undefined ? {} : { signal });
    if (result.stopped === 'signal' && signal?.reason instanceof Error) throw signal.reason;
    if (result.outcome === 'failed')
      throw new CollectionFailedError(result.failure ?? 'nothing could be collected');
    return { dir, outcome: result.outcome, dispose };
  } catch (err: unknown) {
    await dispose();
    throw err;
  }
}
