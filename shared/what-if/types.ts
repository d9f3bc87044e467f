/**
 * The contract of what-if (DESIGN.md "What-if"): a planned change as a list of `SnapshotChange`s
 * — one small edit of the snapshot each, whatever produced it (a Terraform plan, trustmap's own
 * change file) — and what the edit could not say for certain (`Unresolved`).
 *
 * Every change may carry its `origin`: the Terraform resource address (or change-file entry) and
 * the field it came from, so that reports point at the line a reviewer has to look at.
 */
import type { FunctionUrlAuthType, PolicyJson } from '../snapshot/types.js';

/** Where a change came from: `aws_iam_role.deploy` / `changes[3]`, and the field inside it. */
export interface ChangeOrigin {
  /** Terraform resource address, or `changes[N]` in a change file. */
  address: string;
  /** The attribute of the resource (`assume_role_policy`, `inline_policy[0].policy` …). */
  field?: string;
  /** The resource's planned action (`create`, `update`, `delete`, `replace`). */
  action?: 'create' | 'update' | 'delete' | 'replace';
}

interface ChangeBase {
  origin?: ChangeOrigin;
}

/** Principal ARNs: `arn:P:iam::ACCOUNT:role/PATH/NAME`, `…:user/…`, `…:group/…`. */
export type PrincipalType = 'role' | 'user' | 'group';

/**
 * One edit of the snapshot. `arn` is always the thing edited. A list-valued kind whose name is
 * plural (`attachments`, `inline-policies`, `group-members`) replaces the whole list (what
 * Terraform's exclusive arguments do); the singular kinds add or remove one item.
 */
export type SnapshotChange = ChangeBase &
  (
    | {
        /**
         * A role, user or group exists after the change: created, or kept with the fields given
         * here replaced (fields left out keep their value).
         */
        kind: 'principal';
        arn: string;
        /** Role only: its trust policy. */
        trustPolicy?: PolicyJson;
        tags?: Readonly<Record<string, string>>;
        maxSessionDuration?: number;
      }
    | {
        /** The role, user, group, managed policy or OIDC provider is gone. */
        kind: 'delete';
        arn: string;
      }
    | { kind: 'trust-policy'; arn: string; document: PolicyJson }
    | {
        /** One inline policy of a role, user or group; `document: null` removes it. */
        kind: 'inline-policy';
        arn: string;
        name: string;
        document: PolicyJson | null;
      }
    | {
        kind: 'inline-policies';
        arn: string;
        policies: readonly { name: string; document: PolicyJson }[];
      }
    | {
        /** A customer managed policy is created or gets a new default version; `null` deletes it. */
        kind: 'managed-policy';
        arn: string;
        document: PolicyJson | null;
      }
    | { kind: 'attachment'; arn: string; policyArn: string; attached: boolean }
    | { kind: 'attachments'; arn: string; policyArns: readonly string[] }
    | { kind: 'permissions-boundary'; arn: string; policyArn: string | null }
    | {
        /** A user joins (`member: true`) or leaves a group of its account, named by name. */
        kind: 'group-membership';
        arn: string;
        group: string;
        member: boolean;
      }
    | {
        /** The exact set of users (names) of a group. */
        kind: 'group-members';
        arn: string;
        users: readonly string[];
      }
    | { kind: 'bucket-policy'; arn: string; document: PolicyJson | null }
    | {
        kind: 'oidc-provider';
        arn: string;
        url: string;
        clientIds: readonly string[];
      }
    | {
        /**
         * A workload (workloads.json): created or updated with the role it runs as; `roleArn:
         * null` = runs as no role.
         */
        kind: 'workload';
        arn: string;
        workloadType: string;
        roleArn: string | null;
        /**
         * The workload's resource policy (a Lambda function's policy): a document, `null` to
         * remove it; absent = unchanged.
         */
        resourcePolicy?: PolicyJson | null;
      }
    | {
        /**
         * One statement of a Lambda function's policy (Terraform's `aws_lambda_permission`,
         * Lambda's AddPermission / RemovePermission): added or replaced by its `Sid`;
         * `statement: null` removes it. `arn` is the unqualified function ARN; `qualifier` (an
         * alias, or a published version's number) puts the statement in that alias's or
         * version's own policy instead of the function's.
         */
        kind: 'function-permission';
        arn: string;
        qualifier?: string;
        sid: string;
        statement: PolicyJson | null;
      }
    | {
        /**
         * A Lambda function URL (Terraform's `aws_lambda_function_url`, Lambda's
         * CreateFunctionUrlConfig / DeleteFunctionUrlConfig): the URL of the function
         * (`qualifier` absent) or of one alias, created or updated with its AuthType;
         * `authType: null` deletes it. `arn` is the unqualified function ARN.
         */
        kind: 'function-url';
        arn: string;
        qualifier?: string;
        authType: FunctionUrlAuthType | null;
      }
  );

export type ChangeKind = SnapshotChange['kind'];

/** What a plan leaves open: a value known only at apply time, a resource not modelled. */
export interface Unresolved {
  origin: ChangeOrigin;
  /** `unknown-value`, `unknown-account`, `not-in-snapshot`, `not-modelled`. */
  reason: 'unknown-value' | 'unknown-account' | 'not-in-snapshot' | 'not-modelled';
  message: string;
}

/** A parsed plan or change file. */
export interface ChangeSet {
  /** `terraform` or `change-file`. */
  format: 'terraform' | 'change-file';
  changes: SnapshotChange[];
  unresolved: Unresolved[];
  /** Resource changes that touch nothing trustmap models (`aws_instance.web`), by address. */
  ignored: string[];
  /** Addresses whose only change is a move (`previous_address`) or a no-op. */
  unchanged: string[];
}
