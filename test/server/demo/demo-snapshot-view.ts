/**
 * Test helpers: write the demo organization to a temporary directory and read its files back as
 * plain views (documents decoded whatever their encoding: object, JSON string, URL-encoded).
 */
/* eslint-disable @typescript-eslint/no-unsafe-return -- the tests read the parsed JSON files loosely and assert on them */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import type { DemoOptions } from '../../../server/demo/demo-options.js';

/** Parsed JSON of the demo files: read loosely, asserted on by the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function makeTempDir(prefix = 'trustmap-demo-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes the demo into a new temporary directory and returns the directory. */
export async function writeDemo(options: Partial<DemoOptions> = {}): Promise<string> {
  const dir = await makeTempDir();
  await writeDemoSnapshot(dir, options);
  return dir;
}

/** Every file under `dir`, relative path → content, sorted by path. */
export async function readAllFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.set(relative(dir, full).split('\\').join('/'), await readFile(full, 'utf8'));
    }
  };
  await walk(dir);
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export async function readJson(dir: string, path: string): Promise<Json> {
  return JSON.parse(await readFile(join(dir, ...path.split('/')), 'utf8'));
}

/** A policy document as written in iam.json / s3.json / organization.json, decoded. */
export function decodeDocument(doc: unknown): Json {
  if (typeof doc !== 'string') return doc;
  const text = doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  return JSON.parse(text);
}

export interface RoleView {
  arn: string;
  path: string;
  roleId: string;
  trust: Json;
  managed: string[];
  inline: Record<string, Json>;
  boundary?: string;
  instanceProfile: boolean;
  tags: Record<string, string>;
}

function tagsOf(tags: { Key: string; Value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

function inlineOf(list: { PolicyName: string; PolicyDocument: unknown }[]): Record<string, Json> {
  return Object.fromEntries(list.map((p) => [p.PolicyName, decodeDocument(p.PolicyDocument)]));
}

export function roleView(iam: Json, name: string): RoleView | undefined {
  const r = iam.RoleDetailList.find((x: Json) => x.RoleName === name);
  if (r === undefined) return undefined;
  const view: RoleView = {
    arn: r.Arn,
    path: r.Path,
    roleId: r.RoleId,
    trust: decodeDocument(r.AssumeRolePolicyDocument),
    managed: r.AttachedManagedPolicies.map((m: Json) => m.PolicyArn),
    inline: inlineOf(r.RolePolicyList),
    instanceProfile: r.InstanceProfileList.length > 0,
    tags: tagsOf(r.Tags),
  };
  if (r.PermissionsBoundary) view.boundary = r.PermissionsBoundary.PermissionsBoundaryArn;
  return view;
}

export function userView(iam: Json, name: string): Json {
  const u = iam.UserDetailList.find((x: Json) => x.UserName === name);
  if (u === undefined) return undefined;
  const view: Json = {
    arn: u.Arn,
    groups: u.GroupList,
    managed: u.AttachedManagedPolicies.map((m: Json) => m.PolicyArn),
    inline: inlineOf(u.UserPolicyList),
  };
  if (u.PermissionsBoundary) view.boundary = u.PermissionsBoundary.PermissionsBoundaryArn;
  return view;
}

export function groupView(iam: Json, name: string): Json {
  const g = iam.GroupDetailList.find((x: Json) => x.GroupName === name);
  if (g === undefined) return undefined;
  return {
    arn: g.Arn,
    managed: g.AttachedManagedPolicies.map((m: Json) => m.PolicyArn),
    inline: inlineOf(g.GroupPolicyList),
  };
}

export function managedPolicyView(iam: Json, arn: string): Json {
  const p = iam.Policies.find((x: Json) => x.Arn === arn);
  if (p === undefined) return undefined;
  const def = p.PolicyVersionList.find((v: Json) => v.IsDefaultVersion);
  return {
    defaultVersionId: p.DefaultVersionId,
    versions: p.PolicyVersionList.map((v: Json) => v.VersionId),
    defaultDocument: decodeDocument(def?.Document),
    attachmentCount: p.AttachmentCount,
    boundaryUsageCount: p.PermissionsBoundaryUsageCount,
  };
}

export function bucketView(s3: Json, name: string): Json {
  const b = s3.Buckets.find((x: Json) => x.Name === name);
  if (b === undefined) return undefined;
  const view: Json = { publicAccessBlock: b.PublicAccessBlock ?? null };
  view.policy = b.Policy === undefined ? null : decodeDocument(b.Policy);
  view.accountPublicAccessBlock = s3.AccountPublicAccessBlock ?? null;
  return view;
}
