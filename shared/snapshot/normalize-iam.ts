/**
 * An account's iam.json (the output of `aws iam get-account-authorization-details`) becomes its
 * users, groups, roles and managed policies.
 *
 * Contract (DESIGN.md "Snapshot directory"):
 * - Every entry that can be read soundly is loaded; each problem is a `LoadIssue` at its JSON
 *   path. An entry whose identity (ARN) is unusable, or that belongs to another account, is
 *   skipped. A role whose trust policy cannot be decoded is loaded with `trustPolicy` undefined.
 * - An inline policy that cannot be decoded is not loaded (error): its statements are unknown.
 *   Attached policy and boundary ARNs are kept as written, even when malformed, so that a
 *   boundary is never silently dropped (dropping one would widen access).
 * - The file may also be a list of pages (each a get-account-authorization-details response);
 *   they are read as one listing. A truncated listing (`IsTruncated`, `Marker`, `NextToken`) is
 *   an error: principals past the page are missing.
 * - Duplicate entries (same ARN) keep the first one.
 */
import { parseArn } from '../arn/parse-arn.js';
import { ArnSurvey } from './detect-partition.js';
import {
  describeJsonValue,
  isRecord,
  quote,
  rootNode,
  type FileReader,
  type JsonNode,
} from './json-reader.js';
import { readPolicyDocument } from './read-policy-document.js';
import type {
  Group,
  ManagedPolicy,
  PolicyVersion,
  NamedPolicy,
  PolicyJson,
  Role,
  RoleLastUsed,
  User,
} from './types.js';

export interface IamData {
  users: User[];
  groups: Group[];
  roles: Role[];
  managedPolicies: ManagedPolicy[];
}

export type IamResult =
  | { kind: 'ok'; data: IamData }
  /** Every ARN in the file names another account: the file is in the wrong folder. */
  | { kind: 'other-account'; accountId: string }
  /** Not the output of get-account-authorization-details at all (reported). */
  | { kind: 'unreadable' };

export interface IamContext {
  /** The account of the folder. */
  accountId: string;
  /** The account's partition (from its ARNs; see detect-partition.ts). */
  partition: string;
  reader: FileReader;
  /** `surveyIamArns(raw)` when the caller already has it. */
  survey?: ArnSurvey;
}

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

type PrincipalKind = 'user' | 'group' | 'role';

const NAME_KEY: Readonly<Record<PrincipalKind, string>> = {
  user: 'UserName',
  group: 'GroupName',
  role: 'RoleName',
};
const ID_KEY: Readonly<Record<PrincipalKind, string>> = {
  user: 'UserId',
  group: 'GroupId',
  role: 'RoleId',
};
const INLINE_KEY: Readonly<Record<PrincipalKind, string>> = {
  user: 'UserPolicyList',
  group: 'GroupPolicyList',
  role: 'RolePolicyList',
};

/**
 * Counts the partitions and accounts named by the `Arn` of every entry (users, groups, roles,
 * managed policies). Cheap: one property read per entry. Used to pick the account's partition
 * before the file is read.
 */
export function surveyIamArns(raw: unknown, survey = new ArnSurvey()): ArnSurvey {
  for (const page of Array.isArray(raw) ? raw : [raw]) {
    if (!isRecord(page)) continue;
    for (const key of LISTS) {
      const list = page[key];
      if (!Array.isArray(list)) continue;
      for (const entry of list) if (isRecord(entry)) survey.add(entry.Arn);
    }
  }
  return survey;
}

/** Reads iam.json. See the file header for what is loaded, skipped and reported. */
export function normalizeIam(raw: unknown, ctx: IamContext): IamResult {
  const { reader } = ctx;
  const pages = readPages(raw, reader);
  if (pages === undefined) return { kind: 'unreadable' };

  const owners = ctx.survey ?? surveyIamArns(raw);
  if (owners.accounts.size > 0 && !owners.accounts.has(ctx.accountId)) {
    return { kind: 'other-account', accountId: owners.account ?? '' };
  }

  const data: IamData = { users: [], groups: [], roles: [], managedPolicies: [] };
  const seen = new Map<string, { path: string; text: string }>();
  const keep = <T extends { arn: string }>(list: T[], item: T | undefined, path: string): void => {
    if (item === undefined) return;
    const text = JSON.stringify(item);
    const first = seen.get(item.arn);
    if (first !== undefined) {
      if (first.text === text)
        reader.warning(path, `duplicate entry for ${quote(item.arn)}: the first one is kept`);
      // Two different copies (e.g. a second trust policy that is public): the second is not
      // analyzed, so the account's data is not read whole (issue 13).
      else
        reader.error(
          path,
          `a second, different entry for ${quote(item.arn)} (the first is at ${first.path}): only the first is analyzed, so this account's coverage is partial; remove the duplicate from the snapshot`,
          true,
        );
      return;
    }
    seen.set(item.arn, { path, text });
    list.push(item);
  };
  for (const page of pages) {
    for (const n of reader.list(reader.field(page, 'UserDetailList'), 'users'))
      keep(data.users, readUser(n, ctx), n.path);
    for (const n of reader.list(reader.field(page, 'GroupDetailList'), 'groups'))
      keep(data.groups, readGroup(n, ctx), n.path);
    for (const n of reader.list(reader.field(page, 'RoleDetailList'), 'roles'))
      keep(data.roles, readRole(n, ctx), n.path);
    for (const n of reader.list(reader.field(page, 'Policies'), 'managed policies'))
      keep(data.managedPolicies, readManagedPolicy(n, ctx), n.path);
  }
  return { kind: 'ok', data };
}

/** The pages of the file, or undefined (reported) when it is not authorization details at all. */
function readPages(raw: unknown, reader: FileReader): JsonNode[] | undefined {
  const root = rootNode(raw);
  let pages: JsonNode[];
  if (Array.isArray(raw)) {
    pages = [];
    for (const item of reader.list(root, 'pages')) {
      if (isRecord(item.value)) pages.push(item);
      else
        reader.error(
          item.path,
          'expected a page of get-account-authorization-details output (an object)',
        );
    }
    if (pages.length > 1)
      reader.warning(
        '$',
        `the file is a list of ${pages.length} pages: they are read as one listing`,
      );
  } else if (isRecord(raw)) {
    pages = [root];
  } else {
    reader.error(
      '$',
      'expected the output of `aws iam get-account-authorization-details` (an object); the account is skipped',
      true,
    );
    return undefined;
  }
  const hasList = pages.some((p) => LISTS.some((key) => reader.field(p, key).value !== undefined));
  if (!hasList) {
    reader.error(
      '$',
      `none of ${LISTS.join(', ')} is present: this is not the output of \`aws iam get-account-authorization-details\`; the account is skipped`,
      true,
    );
    return undefined;
  }
  const last = pages[pages.length - 1];
  if (last !== undefined) {
    const truncated = reader.field(last, 'IsTruncated');
    const marker = reader.field(last, 'Marker');
    const token = reader.field(last, 'NextToken');
    if (
      truncated.value === true ||
      typeof marker.value === 'string' ||
      typeof token.value === 'string'
    ) {
      const where =
        truncated.value === true ? truncated : typeof marker.value === 'string' ? marker : token;
      reader.error(
        where.path,
        'the listing is truncated (one page of several, e.g. from --max-items or --no-paginate): users, groups, roles and policies past this page are missing',
        true,
      );
    }
  }
  return pages;
}

interface Identity {
  arn: string;
  name: string;
  path: string;
}

/**
 * The ARN, name and path of a user, group or role. The ARN is the node key: when present it
 * wins over the name and path fields (a mismatch is reported). Undefined (reported) when the
 * entry cannot be identified or belongs to another account.
 */
function readIdentity(node: JsonNode, kind: PrincipalKind, ctx: IamContext): Identity | undefined {
  const { reader } = ctx;
  if (!isRecord(node.value)) {
    reader.error(
      node.path,
      `expected a ${kind} entry (an object), found ${describeJsonValue(node.value)}; it is skipped`,
      true,
    );
    return undefined;
  }
  const nameNode = reader.field(node, NAME_KEY[kind]);
  const pathNode = reader.field(node, 'Path');
  const arnNode = reader.field(node, 'Arn');
  const name = reader.string(nameNode);
  const path = reader.string(pathNode);
  const arn = reader.string(arnNode);

  if (arn === undefined) {
    if (name === undefined) {
      reader.error(
        node.path,
        `${kind} entry has neither Arn nor ${NAME_KEY[kind]}; it is skipped`,
        true,
      );
      return undefined;
    }
    const builtPath = path ?? '/';
    if (!isIamPath(builtPath)) {
      reader.error(
        pathNode.path,
        `Path ${quote(builtPath)} is not an IAM path (/ or /a/b/); the ${kind} is skipped`,
        true,
      );
      return undefined;
    }
    const built = `arn:${ctx.partition}:iam::${ctx.accountId}:${kind}${builtPath}${name}`;
    reader.warning(
      arnNode.path,
      `Arn is missing: built from Path and ${NAME_KEY[kind]} as ${quote(built)}`,
    );
    return { arn: built, name, path: builtPath };
  }

  const parsed = parseArn(arn);
  if (parsed?.service !== 'iam' || !parsed.resource.startsWith(`${kind}/`)) {
    reader.error(
      arnNode.path,
      `${quote(arn)} is not an IAM ${kind} ARN; the ${kind} is skipped`,
      true,
    );
    return undefined;
  }
  if (parsed.accountId !== ctx.accountId) {
    reader.error(
      arnNode.path,
      `${quote(arn)} belongs to account ${quote(parsed.accountId)}, not ${ctx.accountId} (the folder's account); the ${kind} is skipped`,
      true,
    );
    return undefined;
  }
  if (parsed.partition !== ctx.partition) {
    reader.warning(
      arnNode.path,
      `${quote(arn)} is in partition ${quote(parsed.partition)}, the account's other ARNs in ${quote(ctx.partition)}`,
    );
  }
  const slash = parsed.resource.lastIndexOf('/');
  const arnName = parsed.resource.slice(slash + 1);
  const arnPath = parsed.resource.slice(kind.length, slash + 1);
  if (arnName === '') {
    reader.error(arnNode.path, `${quote(arn)} has no ${kind} name; the ${kind} is skipped`, true);
    return undefined;
  }
  if (name === undefined) {
    reader.warning(
      nameNode.path,
      `${NAME_KEY[kind]} is missing: taken from the Arn (${quote(arnName)})`,
    );
  } else if (name !== arnName) {
    reader.warning(
      nameNode.path,
      `${NAME_KEY[kind]} ${quote(name)} differs from the name in the Arn (${quote(arnName)}); the Arn's is used`,
    );
  }
  if (path !== undefined && path !== arnPath) {
    reader.warning(
      pathNode.path,
      `Path ${quote(path)} differs from the path in the Arn (${quote(arnPath)}); the Arn's is used`,
    );
  }
  return { arn, name: arnName, path: arnPath };
}

/** `/` or `/a/b/`: printable ASCII between slashes (the IAM API's path pattern). */
function isIamPath(path: string): boolean {
  return path === '/' || /^\/[\x21-\x7e]+\/$/.test(path);
}

function readId(node: JsonNode, kind: PrincipalKind, reader: FileReader): string {
  const idNode = reader.field(node, ID_KEY[kind]);
  const id = reader.string(idNode);
  if (id === undefined) {
    if (idNode.value === undefined) reader.warning(idNode.path, `${ID_KEY[kind]} is missing`);
    return '';
  }
  return id;
}

function readInlinePolicies(
  node: JsonNode,
  kind: PrincipalKind,
  reader: FileReader,
): NamedPolicy[] {
  const out: NamedPolicy[] = [];
  for (const item of reader.list(reader.field(node, INLINE_KEY[kind]), 'inline policies')) {
    const nameNode = reader.field(item, 'PolicyName');
    const docNode = reader.field(item, 'PolicyDocument');
    let name = reader.string(nameNode);
    if (name === undefined) {
      name = `inline policy ${out.length + 1}`;
      reader.warning(nameNode.path, `PolicyName is missing: the policy is called ${quote(name)}`);
    }
    const policyName = name;
    const document = readPolicyDocument(reader, docNode, {
      required: 'PolicyDocument',
      consequence: () =>
        `inline policy ${quote(policyName)} is not loaded: its statements (Allow and Deny) are unknown`,
    });
    if (document === undefined) continue;
    out.push({ name, document });
  }
  return exactList(out);
}

/** Attached managed policy ARNs, in order, without duplicates. */
function readAttached(node: JsonNode, reader: FileReader): string[] {
  const out: string[] = [];
  for (const item of reader.list(
    reader.field(node, 'AttachedManagedPolicies'),
    'attached policies',
  )) {
    const arnNode = isRecord(item.value) ? reader.field(item, 'PolicyArn') : item;
    const arn = reader.string(arnNode, 'PolicyArn');
    if (arn === undefined) continue;
    checkPolicyArn(arn, arnNode.path, reader);
    if (!out.includes(arn)) out.push(arn);
  }
  return exactList(out);
}

/**
 * The list at its exact size: a list grown by `push` keeps spare slots (17 for one item), and a
 * large organization's snapshot holds several short lists per principal for as long as it lives.
 */
function exactList<T>(list: T[]): T[] {
  return list.slice();
}

function readBoundary(node: JsonNode, reader: FileReader): string | undefined {
  const boundary = reader.field(node, 'PermissionsBoundary');
  if (boundary.value === undefined || boundary.value === null) return undefined;
  // A bare ARN string is accepted too (hand-made files).
  const arnNode =
    typeof boundary.value === 'string'
      ? boundary
      : reader.field(boundary, 'PermissionsBoundaryArn');
  const arn = reader.string(arnNode, 'PermissionsBoundaryArn');
  if (arn !== undefined) checkPolicyArn(arn, arnNode.path, reader);
  return arn;
}

function checkPolicyArn(arn: string, path: string, reader: FileReader): void {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'iam' || !parsed.resource.startsWith('policy/')) {
    reader.warning(path, `${quote(arn)} is not an IAM policy ARN; it is kept as written`);
  }
}

function optionalString(node: JsonNode, key: string, reader: FileReader): string | undefined {
  return reader.string(reader.field(node, key));
}

function readUser(node: JsonNode, ctx: IamContext): User | undefined {
  const { reader } = ctx;
  const id = readIdentity(node, 'user', ctx);
  if (id === undefined) return undefined;
  const groups: string[] = [];
  for (const g of reader.list(reader.field(node, 'GroupList'), 'group names')) {
    const name = reader.string(g);
    if (name !== undefined && !groups.includes(name)) groups.push(name);
  }
  const user: User = {
    arn: id.arn,
    name: id.name,
    path: id.path,
    userId: readId(node, 'user', reader),
    accountId: ctx.accountId,
    groups: exactList(groups),
    inlinePolicies: readInlinePolicies(node, 'user', reader),
    attachedPolicyArns: readAttached(node, reader),
    tags: reader.tags(reader.field(node, 'Tags')),
  };
  const createDate = optionalString(node, 'CreateDate', reader);
  if (createDate !== undefined) user.createDate = createDate;
  const boundary = readBoundary(node, reader);
  if (boundary !== undefined) user.permissionsBoundaryArn = boundary;
  return user;
}

function readGroup(node: JsonNode, ctx: IamContext): Group | undefined {
  const { reader } = ctx;
  const id = readIdentity(node, 'group', ctx);
  if (id === undefined) return undefined;
  return {
    arn: id.arn,
    name: id.name,
    path: id.path,
    groupId: readId(node, 'group', reader),
    accountId: ctx.accountId,
    inlinePolicies: readInlinePolicies(node, 'group', reader),
    attachedPolicyArns: readAttached(node, reader),
  };
}

function readRole(node: JsonNode, ctx: IamContext): Role | undefined {
  const { reader } = ctx;
  const id = readIdentity(node, 'role', ctx);
  if (id === undefined) return undefined;
  const trustNode = reader.field(node, 'AssumeRolePolicyDocument');
  const trustPolicy: PolicyJson | undefined = readPolicyDocument(reader, trustNode, {
    required: 'AssumeRolePolicyDocument (the trust policy)',
    consequence: () =>
      `role ${quote(id.name)} is loaded without a trust policy: no principal is shown as able to assume it`,
  });
  const role: Role = {
    arn: id.arn,
    name: id.name,
    path: id.path,
    roleId: readId(node, 'role', reader),
    accountId: ctx.accountId,
    inlinePolicies: readInlinePolicies(node, 'role', reader),
    attachedPolicyArns: readAttached(node, reader),
    tags: reader.tags(reader.field(node, 'Tags')),
    serviceLinked: id.path.startsWith('/aws-service-role/'),
  };
  if (trustPolicy !== undefined) role.trustPolicy = trustPolicy;
  const createDate = optionalString(node, 'CreateDate', reader);
  if (createDate !== undefined) role.createDate = createDate;
  const description = optionalString(node, 'Description', reader);
  if (description !== undefined) role.description = description;
  const boundary = readBoundary(node, reader);
  if (boundary !== undefined) role.permissionsBoundaryArn = boundary;
  const lastUsed = reader.object(reader.field(node, 'RoleLastUsed'), 'RoleLastUsed');
  if (lastUsed !== undefined) {
    const used: RoleLastUsed = {};
    const date = optionalString(lastUsed, 'LastUsedDate', reader);
    const region = optionalString(lastUsed, 'Region', reader);
    if (date !== undefined) used.date = date;
    if (region !== undefined) used.region = region;
    role.lastUsed = used;
  }
  const maxSession = reader.number(reader.field(node, 'MaxSessionDuration'));
  if (maxSession !== undefined) role.maxSessionDuration = maxSession;
  const profiles: string[] = [];
  for (const item of reader.list(reader.field(node, 'InstanceProfileList'), 'instance profiles')) {
    const arn = reader.string(reader.field(item, 'Arn'));
    if (arn !== undefined) profiles.push(arn);
  }
  if (profiles.length > 0) role.instanceProfileArns = exactList(profiles);
  return role;
}

function readManagedPolicy(node: JsonNode, ctx: IamContext): ManagedPolicy | undefined {
  const { reader } = ctx;
  if (!isRecord(node.value)) {
    reader.error(
      node.path,
      `expected a managed policy entry (an object), found ${describeJsonValue(node.value)}; it is skipped`,
      true,
    );
    return undefined;
  }
  const arnNode = reader.field(node, 'Arn');
  const arn = typeof arnNode.value === 'string' && arnNode.value !== '' ? arnNode.value : undefined;
  if (arn === undefined) {
    const found =
      arnNode.value === undefined ? 'missing' : `not an ARN (${describeJsonValue(arnNode.value)})`;
    reader.error(arnNode.path, `Arn is ${found}; the managed policy is skipped`, true);
    return undefined;
  }
  const parsed = parseArn(arn);
  if (parsed?.service !== 'iam' || !parsed.resource.startsWith('policy/')) {
    reader.error(
      arnNode.path,
      `${quote(arn)} is not an IAM policy ARN; the policy is skipped`,
      true,
    );
    return undefined;
  }
  const awsManaged = parsed.accountId === 'aws';
  if (!awsManaged && parsed.accountId !== ctx.accountId) {
    reader.error(
      arnNode.path,
      `${quote(arn)} belongs to account ${quote(parsed.accountId)}, not ${ctx.accountId} (the folder's account); the policy is skipped`,
      true,
    );
    return undefined;
  }
  const slash = parsed.resource.lastIndexOf('/');
  const arnName = parsed.resource.slice(slash + 1);
  const arnPath = parsed.resource.slice('policy'.length, slash + 1);
  const nameNode = reader.field(node, 'PolicyName');
  const name = reader.string(nameNode);
  if (name !== undefined && name !== arnName) {
    reader.warning(
      nameNode.path,
      `PolicyName ${quote(name)} differs from the name in the Arn (${quote(arnName)}); the Arn's is used`,
    );
  }
  const policy: ManagedPolicy = { arn, name: arnName, path: arnPath, awsManaged };
  const policyId = optionalString(node, 'PolicyId', reader);
  if (policyId !== undefined) policy.policyId = policyId;
  const defaultVersionId = optionalString(node, 'DefaultVersionId', reader);
  if (defaultVersionId !== undefined) policy.defaultVersionId = defaultVersionId;
  const consequence =
    'the policy is loaded without its document: what it allows and denies is unknown';
  const listNode = reader.field(node, 'PolicyVersionList');
  const versions = reader.list(listNode, 'policy versions');
  const version = defaultVersion(listNode, versions, defaultVersionId, reader, consequence);
  if (version !== undefined) {
    const document = readPolicyDocument(reader, reader.field(version, 'Document'), {
      required: 'Document',
      consequence,
    });
    if (document !== undefined) policy.document = document;
  }
  const others = otherVersions(versions, version, reader);
  if (others.length > 0) policy.otherVersions = others;
  return policy;
}

/**
 * The versions besides the default one (`chosen`), with their documents; none when the default is
 * unknown. A version whose document cannot be read is left out with a warning: only
 * `iam:SetDefaultPolicyVersion` escalation reads them.
 */
function otherVersions(
  versions: readonly JsonNode[],
  chosen: JsonNode | undefined,
  reader: FileReader,
): PolicyVersion[] {
  const out: PolicyVersion[] = [];
  // Without a known default version, which versions are "other" is unknown too.
  if (chosen === undefined) return out;
  for (const v of versions) {
    if (v.path === chosen.path) continue;
    const versionId = reader.get(v, 'VersionId');
    const id = typeof versionId === 'string' ? versionId : `#${out.length + 1}`;
    const document = readPolicyDocument(reader, reader.field(v, 'Document'), {
      required: 'Document',
      consequence: `non-default version ${quote(id)} is left out: an iam:SetDefaultPolicyVersion to it is not analysed`,
      severity: 'warning',
    });
    if (document !== undefined) out.push({ versionId: id, document });
  }
  return out;
}

/**
 * The default version among `PolicyVersionList`: the one flagged `IsDefaultVersion`, checked
 * against `DefaultVersionId`; without a flag, the one whose `VersionId` is `DefaultVersionId`.
 */
function defaultVersion(
  listNode: JsonNode,
  versions: readonly JsonNode[],
  defaultVersionId: string | undefined,
  reader: FileReader,
  consequence: string,
): JsonNode | undefined {
  const flagged = versions.filter(
    (v) => reader.boolean(reader.field(v, 'IsDefaultVersion')) === true,
  );
  const byId = versions.find(
    (v) => defaultVersionId !== undefined && reader.get(v, 'VersionId') === defaultVersionId,
  );
  if (flagged.length === 1) {
    const only = flagged[0];
    if (only !== undefined && byId !== undefined && only !== byId) {
      reader.warning(
        only.path,
        `the version flagged IsDefaultVersion is not DefaultVersionId ${quote(defaultVersionId ?? '')}; the flagged one is used`,
      );
    }
    return only;
  }
  if (flagged.length > 1) {
    if (byId !== undefined && flagged.includes(byId)) {
      reader.warning(
        listNode.path,
        `${flagged.length} versions are flagged IsDefaultVersion; the one matching DefaultVersionId is used`,
      );
      return byId;
    }
    reader.error(
      listNode.path,
      `${flagged.length} versions are flagged IsDefaultVersion and none matches DefaultVersionId; ${consequence}`,
      true,
    );
    return undefined;
  }
  if (byId !== undefined) return byId;
  const why =
    versions.length === 0
      ? 'PolicyVersionList is missing or empty'
      : 'no version is flagged IsDefaultVersion or matches DefaultVersionId';
  reader.error(listNode.path, `${why}; ${consequence}`, true);
  return undefined;
}
