/**
 * The non-default versions of customer managed policies (iam.json's `PolicyVersionList`), compiled
 * on demand for `iam:SetDefaultPolicyVersion` (IAM-SEMANTICS.md "Privilege escalation" E.3): the
 * caller makes an older version the default again, and every principal the policy is attached to
 * (as an identity policy or as a permissions boundary) then holds that version instead.
 */
import { compilePolicy } from '../../../policy/index.js';
import type { CompiledPolicy } from '../../../policy/types.js';
import type { ManagedPolicy, Snapshot } from '../../../snapshot/types.js';

/** One version that could become the default, compiled both ways it can be attached. */
export interface OtherVersion {
  policyArn: string;
  versionId: string;
  identity: CompiledPolicy;
  boundary: CompiledPolicy;
}

/** Lazily compiled other versions by policy ARN, for one snapshot. */
export class PolicyVersions {
  private readonly byArn = new Map<string, ManagedPolicy>();
  private readonly compiled = new Map<string, readonly OtherVersion[]>();

  constructor(snapshot: Snapshot) {
    for (const account of snapshot.accounts.values())
      for (const mp of account.managedPolicies)
        if (!mp.awsManaged && (mp.otherVersions?.length ?? 0) > 0) this.byArn.set(mp.arn, mp);
  }

  /** The versions of `policyArn` besides its default one (none for AWS managed policies). */
  of(policyArn: string): readonly OtherVersion[] {
    const cached = this.compiled.get(policyArn);
    if (cached) return cached;
    const mp = this.byArn.get(policyArn);
    const out: OtherVersion[] = [];
    for (const v of mp?.otherVersions ?? []) {
      const name = `${mp?.name ?? policyArn} (version ${v.versionId}, made the default)`;
      out.push({
        policyArn,
        versionId: v.versionId,
        identity: compilePolicy(v.document, { kind: 'identity', name, arn: policyArn }),
        boundary: compilePolicy(v.document, { kind: 'boundary', name, arn: policyArn }),
      });
    }
    this.compiled.set(policyArn, out);
    return out;
  }
}
