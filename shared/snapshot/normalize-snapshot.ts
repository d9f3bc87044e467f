/**
 * The parsed files of a snapshot directory become the `Snapshot` every later stage reads. Pure:
 * the reader (server/snapshot/read-snapshot-dir.ts) does the I/O and JSON parsing and hands the
 * parsed values here; tests and other front ends can call it directly.
 *
 * Contract:
 * - Never throws for any input. What is sound is loaded; every problem is a `LoadIssue` with the
 *   file (relative to the snapshot directory), the JSON path and what was wrong.
 * - An account folder must be named by a 12-digit account id and hold iam.json; otherwise it is
 *   skipped (error). A folder whose iam.json describes another account (every ARN names that
 *   account) is skipped too: it is a copy in the wrong place, or a duplicate of that account.
 * - The partition of an account is the one its ARNs use (iam.json, then
 *   identity-providers.json); without any ARN, the organization's; without that, `aws`, with a
 *   warning.
 * - The result does not depend on the order accounts are added: accounts and their issues are
 *   ordered by folder name.
 */
import { isAccountId, partitionOf } from '../arn/parse-arn.js';
import { ArnSurvey, isPartition } from './detect-partition.js';
import { FileReader, isRecord, quote, type DocumentCache } from './json-reader.js';
import { normalizeCollection } from './normalize-collection.js';
import { normalizeIam, surveyIamArns } from './normalize-iam.js';
import { normalizeIdentityCenter } from './normalize-identity-center.js';
import { normalizeIdentityProviders } from './normalize-identity-providers.js';
import { normalizeOrganization } from './normalize-organization.js';
import { normalizeResources } from './normalize-resources.js';
import { normalizeS3 } from './normalize-s3.js';
import { normalizeWorkloads } from './normalize-workloads.js';
import type {
  AccountData,
  CollectionInfo,
  IdentityCenter,
  LoadIssue,
  Organization,
  Snapshot,
} from './types.js';

/** File names of one account folder, relative to the snapshot directory, for messages. */
export interface AccountFileNames {
  iam: string;
  s3: string;
  identityProviders: string;
  /** resources.json (optional in hand-built file sets: defaults to `<folder>/resources.json`). */
  resources?: string;
  /** Absent in callers that predate workloads.json: the file is then never read. */
  workloads?: string;
}

/** The parsed files of one account folder; a file that does not exist is undefined. */
export interface AccountFiles {
  iam?: unknown;
  s3?: unknown;
  identityProviders?: unknown;
  resources?: unknown;
  workloads?: unknown;
  files: AccountFileNames;
}

/**
 * The parsed top-level files (organization.json, collection.json, identity-center.json); absent
 * files undefined.
 */
export interface TopLevelFiles {
  organization?: unknown;
  collection?: unknown;
  identityCenter?: unknown;
  /** Names of the top-level files for messages (default `organization.json`, `collection.json`, `identity-center.json`). */
  files?: { organization?: string; collection?: string; identityCenter?: string };
  /** Problems found while reading the files (I/O, JSON syntax); they come first in `issues`. */
  issues?: readonly LoadIssue[];
}

export interface SnapshotFiles extends TopLevelFiles {
  /** By folder name (expected: the 12-digit account id). */
  accounts: ReadonlyMap<string, AccountFiles>;
}

/** Fallback partition when an account's data holds no ARN at all. */
const DEFAULT_PARTITION = 'aws';

/**
 * Normalizes the parsed files of a snapshot directory into a `Snapshot`.
 * @example normalizeSnapshot({ accounts: new Map([['111111111111', { iam, files }]]) })
 */
/**
 * A file of an account folder that could not be read (I/O, JSON syntax) hides that account's
 * principals or policies: its errors mark the account `partial`.
 */
function hiding(issue: LoadIssue): LoadIssue {
  return issue.severity === 'error' && issue.hidesData !== true
    ? { ...issue, hidesData: true }
    : issue;
}

export function normalizeSnapshot(input: SnapshotFiles): Snapshot {
  const builder = new SnapshotBuilder(input, input.accounts.keys());
  for (const [folder, files] of input.accounts) builder.addAccount(folder, files);
  return builder.build();
}

/**
 * Builds a snapshot one account folder at a time, so that a reader can let go of each parsed
 * file as soon as it is normalized (iam.json files run to tens of MB each).
 */
export class SnapshotBuilder {
  private readonly issues: LoadIssue[];
  private readonly organization: Organization | undefined;
  private readonly collection: CollectionInfo | undefined;
  private readonly identityCenter: IdentityCenter | undefined;
  private readonly orgPartition: string | undefined;
  private readonly folders: ReadonlySet<string>;
  private readonly accounts = new Map<string, AccountData>();
  private readonly accountIssues = new Map<string, LoadIssue[]>();
  /** Policy documents decoded so far, by their text (see `DocumentCache`). */
  private readonly documents: DocumentCache = new Map();

  /**
   * @param top the top-level files.
   * @param folders every account folder name that will be added (to recognise duplicates).
   */
  constructor(top: TopLevelFiles, folders: Iterable<string>) {
    this.issues = [...(top.issues ?? [])];
    this.folders = new Set(folders);
    if (top.organization !== undefined) {
      const reader = new FileReader(
        top.files?.organization ?? 'organization.json',
        this.issues,
        this.documents,
      );
      this.organization = normalizeOrganization(top.organization, reader);
    }
    if (top.collection !== undefined) {
      const reader = new FileReader(top.files?.collection ?? 'collection.json', this.issues);
      this.collection = normalizeCollection(top.collection, reader);
    }
    if (top.identityCenter !== undefined) {
      const reader = new FileReader(
        top.files?.identityCenter ?? 'identity-center.json',
        this.issues,
      );
      this.identityCenter = normalizeIdentityCenter(top.identityCenter, reader);
    }
    this.orgPartition = organizationPartition(this.organization);
  }

  /**
   * Normalizes one account folder. `readIssues` are the problems found while reading its files;
   * they are listed with the account's own.
   */
  addAccount(folder: string, files: AccountFiles, readIssues: readonly LoadIssue[] = []): void {
    const issues = readIssues.map(hiding);
    this.accountIssues.set(folder, issues);
    const account = this.normalizeAccount(folder, files, issues);
    if (account !== undefined) this.accounts.set(account.accountId, account);
  }

  /** Records issues of a folder that is not added (e.g. its iam.json could not be parsed). */
  addFolderIssues(folder: string, issues: readonly LoadIssue[]): void {
    const list = this.accountIssues.get(folder);
    if (list === undefined) this.accountIssues.set(folder, issues.map(hiding));
    else list.push(...issues.map(hiding));
  }

  build(): Snapshot {
    const issues = [...this.issues];
    const accounts = new Map<string, AccountData>();
    for (const folder of [...this.accountIssues.keys()].sort()) {
      issues.push(...(this.accountIssues.get(folder) ?? []));
    }
    for (const id of [...this.accounts.keys()].sort()) {
      const account = this.accounts.get(id);
      if (account !== undefined) accounts.set(id, account);
    }
    const snapshot: Snapshot = { accounts, issues };
    if (this.organization !== undefined) snapshot.organization = this.organization;
    if (this.collection !== undefined) snapshot.collection = this.collection;
    if (this.identityCenter !== undefined) snapshot.identityCenter = this.identityCenter;
    return snapshot;
  }

  private normalizeAccount(
    folder: string,
    files: AccountFiles,
    issues: LoadIssue[],
  ): AccountData | undefined {
    if (!isAccountId(folder)) {
      issues.push({
        file: `${folder}/`,
        path: '$',
        severity: 'error',
        message: `folder name ${quote(folder, 60)} is not a 12-digit account id; the folder is skipped`,
      });
      return undefined;
    }
    if (files.iam === undefined) {
      issues.push({
        file: files.files.iam,
        path: '$',
        severity: 'error',
        message:
          'iam.json is missing (it is required in an account folder); the account is skipped',
        hidesData: true,
      });
      return undefined;
    }
    const iamReader = new FileReader(files.files.iam, issues, this.documents);
    const survey = surveyIamArns(files.iam);
    const partition = this.choosePartition(survey, files.identityProviders, iamReader);

    const iam = normalizeIam(files.iam, {
      accountId: folder,
      partition,
      reader: iamReader,
      survey,
    });
    if (iam.kind === 'unreadable') return undefined;
    if (iam.kind === 'other-account') {
      const duplicate = this.folders.has(iam.accountId);
      iamReader.error(
        '$',
        `every ARN in this file names account ${quote(iam.accountId, 40)}, not ${folder} (the folder's name)` +
          (duplicate ? '; that account has its own folder (a duplicate)' : '') +
          '; the folder is skipped',
        true,
      );
      return undefined;
    }

    const account: AccountData = { accountId: folder, partition, ...iam.data };
    if (files.identityProviders !== undefined) {
      const reader = new FileReader(files.files.identityProviders, issues);
      const providers = normalizeIdentityProviders(files.identityProviders, {
        accountId: folder,
        reader,
      });
      if (providers !== undefined) account.identityProviders = providers;
    }
    if (files.s3 !== undefined) {
      const reader = new FileReader(files.files.s3, issues, this.documents);
      const s3 = normalizeS3(files.s3, { accountId: folder, partition, reader });
      if (s3 !== undefined) account.s3 = s3;
    }
    if (files.resources !== undefined) {
      const reader = new FileReader(
        files.files.resources ?? `${folder}/resources.json`,
        issues,
        this.documents,
      );
      const resources = normalizeResources(files.resources, {
        accountId: folder,
        partition,
        reader,
      });
      if (resources !== undefined) account.resources = resources;
    }
    if (files.workloads !== undefined) {
      const reader = new FileReader(
        files.files.workloads ?? `${folder}/workloads.json`,
        issues,
        this.documents,
      );
      const workloads = normalizeWorkloads(files.workloads, {
        accountId: folder,
        reader,
        roles: account.roles,
      });
      if (workloads !== undefined) account.workloads = workloads;
    }
    return account;
  }

  private choosePartition(
    survey: ArnSurvey,
    identityProviders: unknown,
    reader: FileReader,
  ): string {
    if (survey.partitions.size > 1) {
      const names = [...survey.partitions.keys()].map((p) => quote(p)).join(', ');
      reader.warning(
        '$',
        `ARNs name several partitions (${names}); ${quote(survey.partition ?? '')}, the most frequent, is used`,
      );
    }
    const partition = survey.partition ?? providersPartition(identityProviders);
    if (partition !== undefined) return partition;
    const fallback = this.orgPartition ?? DEFAULT_PARTITION;
    reader.warning(
      '$',
      this.orgPartition === undefined
        ? `no ARN in the account's data names a partition: ${quote(DEFAULT_PARTITION)} is assumed`
        : `no ARN in the account's data names a partition: the organization's (${quote(fallback)}) is used`,
    );
    return fallback;
  }
}

function providersPartition(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  const survey = new ArnSurvey();
  const keys = [
    'OpenIDConnectProviders',
    'SAMLProviders',
    'OpenIDConnectProviderList',
    'SAMLProviderList',
  ];
  for (const key of keys) {
    const list = raw[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list) survey.add(isRecord(entry) ? entry.Arn : entry);
  }
  return survey.partition;
}

/** The partition of the organization's ARNs (organization, then accounts). */
function organizationPartition(org: Organization | undefined): string | undefined {
  if (org === undefined) return undefined;
  for (const arn of [org.arn, ...org.accounts.map((a) => a.arn)]) {
    const partition = arn === undefined ? undefined : partitionOf(arn);
    if (partition !== undefined && isPartition(partition)) return partition;
  }
  return undefined;
}
