/**
 * trustmap's own change file (docs/what-if.md): `{"changes": [{"kind", "arn", …}]}`, for any
 * tool that is not Terraform (CloudFormation, CDK, scripts). Each entry is one `SnapshotChange`;
 * an optional `"source"` (a CloudFormation logical id, a file and line) is where reports point.
 * Policy documents may be objects or JSON strings. Validation names the entry and the field.
 */
import { WhatIfInputError } from './errors.js';
import { decodeDocument, describe, isRecord } from './terraform/plan-values.js';
import type { ChangeKind, ChangeSet, SnapshotChange } from './types.js';

/** The kinds a change file may use, in the order docs/what-if.md lists them. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'principal',
  'delete',
  'trust-policy',
  'inline-policy',
  'inline-policies',
  'managed-policy',
  'attachment',
  'attachments',
  'permissions-boundary',
  'group-membership',
  'group-members',
  'bucket-policy',
  'oidc-provider',
  'workload',
  'function-permission',
  'function-url',
];

/** Whether a parsed JSON value is a change file. */
export function isChangeFile(json: unknown): boolean {
  return isRecord(json) && Array.isArray(json.changes);
}

class Entry {
  constructor(
    readonly address: string,
    readonly raw: Record<string, unknown>,
  ) {}

  fail(field: string, message: string): never {
    throw new WhatIfInputError(message, this.address, field);
  }

  string(field: string): string {
    const v = this.raw[field];
    if (typeof v !== 'string' || v === '')
      this.fail(field, `expected a non-empty string, got ${describe(v)}`);
    return v;
  }

  arn(field: string, pattern: RegExp, what: string): string {
    const v = this.string(field);
    if (!pattern.test(v)) this.fail(field, `expected the ARN of ${what}, got "${v.slice(0, 120)}"`);
    return v;
  }

  strings(field: string): string[] {
    const v = this.raw[field];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
      this.fail(field, `expected a list of strings, got ${describe(v)}`);
    return v;
  }

  boolean(field: string, fallback: boolean): boolean {
    const v = this.raw[field];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(field, `expected true or false, got ${describe(v)}`);
    return v;
  }

  document(field: string): Record<string, unknown> {
    return decodeDocument(this.raw[field], this.address, field);
  }

  documentOrNull(field: string): Record<string, unknown> | null {
    const v = this.raw[field];
    if (v === null) return null;
    if (v === undefined) this.fail(field, 'expected a policy document, or null to remove it');
    return this.document(field);
  }
}

const PRINCIPAL = /^arn:[^:]+:iam::\d{12}:(role|user|group)\/.+/;
const ROLE = /^arn:[^:]+:iam::\d{12}:role\/.+/;
const USER = /^arn:[^:]+:iam::\d{12}:user\/.+/;
const GROUP = /^arn:[^:]+:iam::\d{12}:group\/.+/;
const POLICY = /^arn:[^:]+:iam::(\d{12}|aws):policy\/.+/;
const BUCKET = /^arn:[^:]+:s3:::[^/]+$/;
const OIDC = /^arn:[^:]+:iam::\d{12}:oidc-provider\/.+/;
const ANY_ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+/;
const FUNCTION = /^arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+$/;

function parseEntry(e: Entry): SnapshotChange {
  const kind = e.raw.kind;
  switch (kind) {
    case 'principal': {
      const arn = e.arn('arn', PRINCIPAL, 'a role, user or group');
      const c: SnapshotChange & { kind: 'principal' } = { kind, arn };
      if (e.raw.trustPolicy !== undefined) {
        if (!ROLE.test(arn)) e.fail('trustPolicy', 'only a role has a trust policy');
        c.trustPolicy = e.document('trustPolicy');
      }
      if (e.raw.tags !== undefined) {
        const tags = e.raw.tags;
        if (!isRecord(tags) || !Object.values(tags).every((v) => typeof v === 'string'))
          e.fail('tags', `expected a map of strings, got ${describe(tags)}`);
        const out: Record<string, string> = Object.create(null) as Record<string, string>;
        for (const [k, v] of Object.entries(tags)) out[k] = v as string;
        c.tags = out;
      }
      return c;
    }
    case 'delete':
      return {
        kind,
        arn: e.arn(
          'arn',
          ANY_ARN,
          'a role, user, group, managed policy, OIDC provider or workload',
        ),
      };
    case 'trust-policy':
      return { kind, arn: e.arn('arn', ROLE, 'a role'), document: e.document('document') };
    case 'inline-policy':
      return {
        kind,
        arn: e.arn('arn', PRINCIPAL, 'a role, user or group'),
        name: e.string('name'),
        document: e.documentOrNull('document'),
      };
    case 'inline-policies': {
      const arn = e.arn('arn', PRINCIPAL, 'a role, user or group');
      const list = e.raw.policies;
      if (!Array.isArray(list))
        e.fail('policies', `expected a list of {name, document}, got ${describe(list)}`);
      return {
        kind,
        arn,
        policies: list.map((p: unknown, i) => {
          const sub = new Entry(e.address, isRecord(p) ? p : {});
          if (!isRecord(p))
            e.fail(`policies[${String(i)}]`, `expected {name, document}, got ${describe(p)}`);
          const name = p.name;
          if (typeof name !== 'string' || name === '')
            e.fail(
              `policies[${String(i)}].name`,
              `expected a non-empty string, got ${describe(name)}`,
            );
          return {
            name,
            document: decodeDocument(
              sub.raw.document,
              e.address,
              `policies[${String(i)}].document`,
            ),
          };
        }),
      };
    }
    case 'managed-policy':
      return {
        kind,
        arn: e.arn('arn', POLICY, 'a managed policy'),
        document: e.documentOrNull('document'),
      };
    case 'attachment':
      return {
        kind,
        arn: e.arn('arn', PRINCIPAL, 'a role, user or group'),
        policyArn: e.arn('policyArn', POLICY, 'a managed policy'),
        attached: !e.boolean('detach', false),
      };
    case 'attachments':
      return {
        kind,
        arn: e.arn('arn', PRINCIPAL, 'a role, user or group'),
        policyArns: e.strings('policyArns').map((p, i) => {
          if (!POLICY.test(p))
            e.fail(
              `policyArns[${String(i)}]`,
              `expected the ARN of a managed policy, got "${p.slice(0, 120)}"`,
            );
          return p;
        }),
      };
    case 'permissions-boundary': {
      const arn = e.arn('arn', /^arn:[^:]+:iam::\d{12}:(role|user)\/.+/, 'a role or user');
      const policy = e.raw.policyArn;
      if (policy === null) return { kind, arn, policyArn: null };
      return { kind, arn, policyArn: e.arn('policyArn', POLICY, 'a managed policy (or null)') };
    }
    case 'group-membership':
      return {
        kind,
        arn: e.arn('arn', USER, 'a user'),
        group: e.string('group'),
        member: !e.boolean('leave', false),
      };
    case 'group-members':
      return { kind, arn: e.arn('arn', GROUP, 'a group'), users: e.strings('users') };
    case 'bucket-policy':
      return {
        kind,
        arn: e.arn('arn', BUCKET, 'a bucket'),
        document: e.documentOrNull('document'),
      };
    case 'oidc-provider': {
      const arn = e.arn('arn', OIDC, 'an OIDC provider');
      return {
        kind,
        arn,
        url: arn.slice(arn.indexOf(':oidc-provider/') + 15),
        clientIds: e.raw.clientIds === undefined ? [] : e.strings('clientIds'),
      };
    }
    case 'workload': {
      const arn = e.arn('arn', ANY_ARN, 'a workload');
      const role = e.raw.roleArn;
      return {
        kind,
        arn,
        workloadType: e.string('type'),
        roleArn: role === null ? null : e.arn('roleArn', ROLE, 'a role (or null)'),
        ...(e.raw.resourcePolicy !== undefined
          ? { resourcePolicy: e.documentOrNull('resourcePolicy') }
          : {}),
      };
    }
    case 'function-permission':
      return {
        kind,
        arn: e.arn('arn', FUNCTION, 'a Lambda function (unqualified)'),
        ...(e.raw.qualifier !== undefined ? { qualifier: e.string('qualifier') } : {}),
        sid: e.string('sid'),
        statement: e.raw.statement === null ? null : e.document('statement'),
      };
    case 'function-url': {
      const auth = e.raw.authType;
      if (auth !== null && auth !== 'NONE' && auth !== 'AWS_IAM')
        e.fail('authType', `expected "NONE", "AWS_IAM" or null (deleted), got ${describe(auth)}`);
      return {
        kind,
        arn: e.arn('arn', FUNCTION, 'a Lambda function (unqualified)'),
        ...(e.raw.qualifier !== undefined ? { qualifier: e.string('qualifier') } : {}),
        authType: auth,
      };
    }
    default:
      return e.fail('kind', `expected one of ${CHANGE_KINDS.join(', ')}, got ${describe(kind)}`);
  }
}

/** Parses a change file. Throws `WhatIfInputError` naming `changes[N]` (or its source) and the field. */
export function parseChangeFile(json: unknown): ChangeSet {
  if (!isRecord(json) || !Array.isArray(json.changes))
    throw new WhatIfInputError(
      'expected {"changes": [...]} (a trustmap change file) or a Terraform plan',
    );
  const changes = json.changes.map((raw: unknown, i): SnapshotChange => {
    const index = `changes[${String(i)}]`;
    if (!isRecord(raw))
      throw new WhatIfInputError(`expected an object, got ${describe(raw)}`, index);
    const source =
      typeof raw.source === 'string' && raw.source !== '' ? raw.source.slice(0, 200) : index;
    const change = parseEntry(new Entry(index, raw));
    return { ...change, origin: { address: source } };
  });
  return { format: 'change-file', changes, unresolved: [], ignored: [], unchanged: [] };
}
