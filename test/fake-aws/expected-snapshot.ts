/**
 * The snapshot a collection of a scenario must write, read straight off the scenario's ground
 * truth, and a reader of what was actually written, both as `relative path → parsed JSON`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountData, Scenario } from './scenario.js';

export type SnapshotFiles = Map<string, unknown>;

/** Files for the given accounts (plus organization.json), as a fault-free collection writes them. */
export function expectedSnapshotFiles(
  scenario: Scenario,
  accountIds: readonly string[],
): SnapshotFiles {
  const files: SnapshotFiles = new Map();
  if (scenario.organization !== 'not-in-use') {
    const { delegatedAdministrators: _admins, ...organization } = scenario.organization;
    files.set('organization.json', organization);
  }
  for (const id of accountIds) {
    const account = scenario.account(id);
    if (account === undefined) throw new Error(`scenario ${scenario.name} has no account ${id}`);
    for (const [name, content] of Object.entries(expectedAccountFiles(account))) {
      files.set(`${id}/${name}`, content);
    }
  }
  return files;
}

export function expectedAccountFiles(account: AccountData): Record<string, unknown> {
  return {
    'iam.json': account.iam,
    'identity-providers.json': {
      OpenIDConnectProviders: account.oidcProviders.map((p) => ({
        Arn: p.Arn,
        Url: p.Url,
        ClientIDList: p.ClientIDList,
      })),
      SAMLProviders: account.samlProviders.map((p) => ({ Arn: p.Arn })),
    },
    's3.json': {
      Owner: account.s3.Owner,
      ...(account.s3.AccountPublicAccessBlock === undefined
        ? {}
        : { AccountPublicAccessBlock: account.s3.AccountPublicAccessBlock }),
      Buckets: account.s3.Buckets.map((b) => ({
        Name: b.Name,
        Region: b.Region,
        ...(b.Policy === undefined ? {} : { Policy: b.Policy }),
        ...(b.PublicAccessBlock === undefined ? {} : { PublicAccessBlock: b.PublicAccessBlock }),
        ...(b.OwnershipControls === undefined ? {} : { OwnershipControls: b.OwnershipControls }),
        Acl: b.Acl,
      })),
    },
  };
}

/** Every JSON file of a snapshot directory except collection.json; fails on leftover temp files. */
export async function readWrittenSnapshot(dir: string): Promise<SnapshotFiles> {
  const files: SnapshotFiles = new Map();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      for (const name of await readdir(join(dir, entry.name))) {
        files.set(`${entry.name}/${name}`, await readJsonOrText(join(dir, entry.name, name)));
      }
    } else if (entry.name !== 'collection.json') {
      files.set(entry.name, await readJsonOrText(join(dir, entry.name)));
    }
  }
  return files;
}

async function readJsonOrText(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  return path.endsWith('.json') ? JSON.parse(text) : text;
}

/** Readable comparison: sorted entries. */
export function sortedEntries(files: SnapshotFiles): [string, unknown][] {
  return [...files.entries()].sort(([a], [b]) => a.localeCompare(b));
}
