/**
 * A live collection from start to finish: who is calling, the organization (or the caller's
 * account alone), which accounts to collect (filters, suspended accounts, `--resume`), the
 * accounts themselves with at most `--concurrency` at once, and `collection.json` as the
 * checkpoint and the record of every error. AWS errors never stop the collection; they make it
 * partial. Only a local failure (the disk) or unusable options throw.
 */
import { setMaxListeners } from 'node:events';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { writeJsonAtomic } from '../snapshot/write-json-atomic.js';
import { collectAccount, type AccountContext, type AccountOutcome } from './account-runner.js';
import {
  createAwsClientFactory,
  createCallMeter,
  FALLBACK_REGION,
  resolveHomeRegion,
  type CallMeter,
} from './aws-clients.js';
import {
  errorMessageOf,
  errorNameOf,
  toCollectionError,
  type CollectionErrorRecord,
} from './aws-errors.js';
import { CollectOptionError, type CollectOptions } from './collect-options.js';
import {
  CollectionRecorder,
  COLLECTION_FILE,
  isNotFound,
  readPreviousCollection,
  type CollectionFile,
  type PreviousCollection,
  type SkipReason,
} from './collection-state.js';
import { forEachWithConcurrency } from './concurrency-limit.js';
import { IDENTITY_CENTER_FILE, readIdentityCenter } from './identity-center.js';
import { isSuspendedAccount, readOrganization, type OrganizationRead } from './organizations.js';
import { createProgressReporter, type ProgressReporter } from './progress.js';
import { readCallerIdentity, type CallerIdentity } from './sts-credentials.js';

export const ORGANIZATION_FILE = 'organization.json';

/** complete: every planned account read without error; partial: something is missing; failed: nothing usable. */
export type CollectOutcome = 'complete' | 'partial' | 'failed';

export interface CollectResult {
  outcome: CollectOutcome;
  /** Why the collection failed as a whole (outcome `failed`). */
  failure?: string;
  /** The collection was stopped before it finished: its `--timeout` passed, or its signal. */
  stopped?: 'deadline' | 'signal';
  /** What was written to collection.json (undefined when nothing was written). */
  collection: CollectionFile | undefined;
  /** Accounts that were to be collected but are not (fully): status denied or failed. */
  incompleteAccounts: string[];
  /** Accounts collected in this run, and those kept from the interrupted run. */
  collectedThisRun: number;
  resumed: number;
  meter: CallMeter;
  durationMs: number;
}

export interface CollectDependencies {
  /** Caller credentials; default: the SDK's default chain with `--profile`. */
  credentials?: AwsCredentialIdentityProvider;
  /** Progress and notes; default: nothing is printed. */
  progress?: ProgressReporter;
  meter?: CallMeter;
  now?: () => Date;
  /** Aborted (SIGINT, SIGTERM, a scan controller stopping): the collection stops within seconds. */
  signal?: AbortSignal;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_FOLDER = /^\d{12}$/;

export async function collectOrganization(
  options: CollectOptions,
  deps: CollectDependencies = {},
): Promise<CollectResult> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const meter = deps.meter ?? createCallMeter();
  const progress =
    deps.progress ??
    createProgressReporter({ write: () => undefined, isTty: false, quiet: true, meter });
  const previous = await prepareOutDir(options);

  const credentials =
    deps.credentials ??
    fromNodeProviderChain(options.profile === undefined ? {} : { profile: options.profile });
  const foundRegion = await resolveHomeRegion(options.region, options.profile);
  const region = REGION.test(foundRegion) ? foundRegion : FALLBACK_REGION;
  // One stop for the whole collection: its deadline (--timeout) or the caller's signal.
  const stop = new AbortController();
  // Every request in flight listens to it until it ends (aws-clients.ts): as many listeners as
  // concurrent calls, none left behind; not the leak Node's default limit of 10 warns about.
  setMaxListeners(0, stop.signal);
  let stopped: CollectResult['stopped'];
  const deadline =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          stopped ??= 'deadline';
          stop.abort(
            new Error(
              `its --timeout of ${String(Math.round((options.timeoutMs ?? 0) / 1000))} s passed`,
            ),
          );
        }, options.timeoutMs);
  const onSignal = (): void => {
    stopped ??= 'signal';
    stop.abort(deps.signal?.reason ?? new Error('interrupted'));
  };
  if (deps.signal?.aborted === true) onSignal();
  else deps.signal?.addEventListener('abort', onSignal, { once: true });
  const clients = createAwsClientFactory({
    region,
    profile: options.profile,
    endpoints: options.endpoints,
    maxAttempts: options.maxAttempts,
    maxSockets: Math.max(50, options.concurrency * 2),
    meter,
    requestTimeoutMs: options.requestTimeoutMs,
    signal: stop.signal,
  });
  const result = (outcome: CollectOutcome, rest: Partial<CollectResult> = {}): CollectResult => {
    const out: CollectResult = {
      outcome,
      collection: undefined,
      incompleteAccounts: [],
      collectedThisRun: 0,
      resumed: 0,
      meter,
      durationMs: now().getTime() - started.getTime(),
      ...rest,
    };
    if (stopped !== undefined) {
      const reason: unknown = stop.signal.reason;
      out.outcome = 'failed';
      out.stopped = stopped;
      out.failure = `the collection was stopped (${reason instanceof Error ? reason.message : String(reason)}); the accounts read so far are in collection.json, --resume continues`;
    }
    return out;
  };

  try {
    const sts = clients.sts(credentials);
    let caller: CallerIdentity;
    try {
      caller = await readCallerIdentity(sts);
    } catch (err: unknown) {
      return result('failed', {
        failure: `could not identify the caller (sts:GetCallerIdentity): ${errorNameOf(err)}: ${errorMessageOf(err)}`,
      });
    }

    const organization = await readOrganization(
      clients.organizations(credentials),
      caller.accountId,
    );
    const organizationId =
      organization.kind === 'available' ? organization.organizationId : undefined;
    if (previous !== undefined && previous.organizationId !== organizationId) {
      throw new CollectOptionError(
        '--resume',
        `--resume: ${options.outDir} holds a collection of ${previous.organizationId ?? 'a single account'}, but these credentials see ${organizationId ?? 'no organization'}; use another --out directory`,
      );
    }
    const plan = planAccounts(organization, caller, options, progress);

    const recorder = new CollectionRecorder(options.outDir, {
      startedAt: started.toISOString(),
      collectedBy: caller.arn,
      organizationAvailable: organization.kind === 'available',
      organizationId,
      roleName: options.roleName,
    });
    if (organization.kind !== 'not-in-organization') recorder.addErrors(organization.errors);
    if (organization.kind === 'available') {
      await writeJsonAtomic(join(options.outDir, ORGANIZATION_FILE), organization.file);
    }
    for (const [id, reason] of plan.skipped)
      recorder.setAccount(id, { status: 'skipped', errors: [], reason });

    const identityCenter = await readIdentityCenter(
      clients,
      credentials,
      caller.accountId,
      organization.kind === 'available' ? managementAccountOf(organization.file) : undefined,
      options.identityCenterRegion ?? region,
    );
    recorder.addErrors(identityCenter.errors);
    recorder.setIdentityCenter(identityCenter.record);
    if (identityCenter.file !== undefined) {
      await writeJsonAtomic(join(options.outDir, IDENTITY_CENTER_FILE), identityCenter.file);
    }

    const toCollect: string[] = [];
    let resumed = 0;
    for (const id of plan.collect) {
      const earlier = previous?.finished.get(id);
      if (earlier !== undefined && (await hasIamFile(options.outDir, id))) {
        recorder.setAccount(id, earlier);
        resumed += 1;
      } else {
        toCollect.push(id);
      }
    }
    await recorder.save();

    const context: AccountContext = {
      clients,
      sts,
      callerCredentials: credentials,
      callerAccountId: caller.accountId,
      partition: caller.partition,
      roleName: options.roleName,
      externalId: options.externalId,
      roleSessionName: options.roleSessionName,
      outDir: options.outDir,
      regions: options.regions,
    };
    const written = new Set<string>();
    const incomplete: string[] = [];
    progress.start(toCollect.length, resumed);
    try {
      await forEachWithConcurrency(toCollect, options.concurrency, async (accountId) => {
        const outcome = await collectAccountSafely(context, accountId);
        if (outcome.written) written.add(accountId);
        if (outcome.status !== 'ok') incomplete.push(accountId);
        recorder.setAccount(accountId, { status: outcome.status, errors: outcome.errors });
        await recorder.checkpoint();
        progress.accountDone(
          accountId,
          outcome.status,
          outcome.errors.map((e) => e.errorName),
        );
      });
    } finally {
      progress.finish();
    }

    recorder.finish(now().toISOString());
    await recorder.save();
    const collection = recorder.toJson();

    const readable = written.size + resumed;
    const rest = {
      collection,
      incompleteAccounts: incomplete.sort(),
      collectedThisRun: written.size,
      resumed,
    };
    if (readable === 0) {
      return result('failed', {
        ...rest,
        failure:
          plan.collect.length === 0
            ? 'no account to collect'
            : `no account could be read (${incomplete.length} failed; see ${join(options.outDir, COLLECTION_FILE)})`,
      });
    }
    const partial =
      incomplete.length > 0 ||
      identityCenter.errors.length > 0 ||
      organization.kind === 'unreadable' ||
      (organization.kind === 'available' && organization.errors.length > 0);
    return result(partial ? 'partial' : 'complete', rest);
  } finally {
    if (deadline !== undefined) clearTimeout(deadline);
    deps.signal?.removeEventListener('abort', onSignal);
    clients.destroy();
  }
}

interface AccountPlan {
  /** Accounts to collect (or keep from the interrupted run), sorted. */
  collect: string[];
  skipped: Map<string, SkipReason>;
}

/** Which accounts to collect. Throws `CollectOptionError` for a filter naming nothing known. */
function planAccounts(
  organization: OrganizationRead,
  caller: CallerIdentity,
  options: CollectOptions,
  progress: ProgressReporter,
): AccountPlan {
  const skipped = new Map<string, SkipReason>();
  const collect: string[] = [];
  const excluded = new Set(options.excludeAccounts);

  if (organization.kind !== 'available') {
    const why =
      organization.kind === 'not-in-organization'
        ? 'the account is not in an organization'
        : `the organization could not be read (${organization.errors.map((e) => `${e.call}: ${e.errorName}`).join(', ')})`;
    progress.note(`${why}: collecting account ${caller.accountId} alone`);
    if (options.ous.length > 0) progress.note('--ou ignored: no organization to filter by');
    const included = options.accounts === undefined || options.accounts.includes(caller.accountId);
    if (!included || excluded.has(caller.accountId)) skipped.set(caller.accountId, 'filtered');
    else collect.push(caller.accountId);
    return { collect, skipped };
  }

  const { file } = organization;
  const known = new Set(file.Accounts.map((a) => a.Id));
  for (const id of options.accounts ?? []) {
    if (!known.has(id)) {
      throw new CollectOptionError(
        '--accounts',
        `--accounts: ${id} is not an account of the organization`,
      );
    }
  }
  let underOus: Set<string> | undefined;
  if (options.ous.length > 0) underOus = accountsUnderOus(organization, options.ous);

  for (const account of file.Accounts) {
    const id = account.Id;
    const wanted =
      (options.accounts === undefined || options.accounts.includes(id)) &&
      !excluded.has(id) &&
      (underOus === undefined || underOus.has(id));
    if (!wanted) skipped.set(id, 'filtered');
    else if (isSuspendedAccount(account)) skipped.set(id, 'suspended');
    else collect.push(id);
  }
  collect.sort();
  return { collect, skipped };
}

function accountsUnderOus(
  organization: OrganizationRead & { kind: 'available' },
  ous: readonly string[],
): Set<string> {
  const { OrganizationalUnits: units, AccountParents: parents, Roots: roots } = organization.file;
  if (units === undefined || parents === undefined) {
    throw new CollectOptionError(
      '--ou',
      '--ou: the organization tree could not be read (see collection.json errors), so accounts cannot be selected by OU',
    );
  }
  const rootIds = new Set(
    (roots ?? []).map((r) =>
      typeof r === 'object' && r !== null && !Array.isArray(r) ? r['Id'] : undefined,
    ),
  );
  const parentOf = new Map(units.map((u) => [u.Id, u.ParentId]));
  for (const ou of ous) {
    if (!parentOf.has(ou) && !rootIds.has(ou)) {
      throw new CollectOptionError('--ou', `--ou: ${ou} is not an OU or root of the organization`);
    }
  }
  const wanted = new Set(ous);
  const isUnder = (start: string): boolean => {
    let node: string | undefined = start;
    const seen = new Set<string>();
    while (node !== undefined && !seen.has(node)) {
      if (wanted.has(node)) return true;
      seen.add(node);
      node = parentOf.get(node);
    }
    return false;
  };
  const accounts = new Set<string>();
  for (const [accountId, parent] of Object.entries(parents)) {
    if (isUnder(parent)) accounts.add(accountId);
  }
  return accounts;
}

/** Any error escaping the account runner that is not local (disk) becomes a failed account. */
async function collectAccountSafely(
  context: AccountContext,
  accountId: string,
): Promise<AccountOutcome> {
  try {
    return await collectAccount(context, accountId);
  } catch (err: unknown) {
    if (isLocalError(err)) throw err;
    const error: CollectionErrorRecord = toCollectionError('collect', err, accountId);
    return { accountId, status: 'failed', errors: [error], written: false };
  }
}

/** A Node.js system error (disk full, permission denied): the collection cannot go on. */
function isLocalError(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'syscall' in err &&
    typeof (err as { code?: unknown }).code === 'string' &&
    !('$metadata' in err)
  );
}

/**
 * Checks the output directory. Without `--resume` it must not already hold a snapshot (stale
 * account folders would be analyzed with the new ones). With `--resume`, the earlier
 * collection.json is read and temp files left by the interruption are removed.
 */
async function prepareOutDir(options: CollectOptions): Promise<PreviousCollection | undefined> {
  let entries: string[];
  try {
    entries = await readdir(options.outDir);
  } catch (err: unknown) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  const holdsSnapshot = entries.some(
    (name) =>
      name === COLLECTION_FILE ||
      name === ORGANIZATION_FILE ||
      name === IDENTITY_CENTER_FILE ||
      ACCOUNT_FOLDER.test(name),
  );
  if (!options.resume) {
    if (holdsSnapshot) {
      throw new CollectOptionError(
        '--out',
        `--out: ${options.outDir} already holds a snapshot; use --resume to continue that collection, or choose an empty directory`,
      );
    }
    return undefined;
  }
  // Identity Center is read again on every run: the earlier file must not outlive a failed read.
  const stale = entries.filter(
    (name) =>
      name === IDENTITY_CENTER_FILE ||
      ([COLLECTION_FILE, ORGANIZATION_FILE, IDENTITY_CENTER_FILE].some((file) =>
        name.startsWith(`${file}.`),
      ) &&
        name.endsWith('.tmp')),
  );
  await Promise.all(stale.map((name) => rm(join(options.outDir, name), { force: true })));
  return readPreviousCollection(options.outDir);
}

/** The management account's id from DescribeOrganization's answer. */
function managementAccountOf(file: { Organization: unknown }): string | undefined {
  const org = file.Organization;
  if (typeof org !== 'object' || org === null || Array.isArray(org)) return undefined;
  const id = (org as Record<string, unknown>)['MasterAccountId'];
  return typeof id === 'string' ? id : undefined;
}

async function hasIamFile(outDir: string, accountId: string): Promise<boolean> {
  try {
    const names = await readdir(join(outDir, accountId));
    return names.includes('iam.json');
  } catch (err: unknown) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
