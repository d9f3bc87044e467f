/**
 * What reports say about each finding rule (SARIF rule metadata and help text). Rules are
 * identified by the stable ids of DESIGN.md "Findings"; a rule not listed here is described
 * from the title of its first finding.
 */
import type { Severity } from '../../shared/api/types.js';

export interface RuleInfo {
  id: string;
  severity: Severity;
  title: string;
  help: string;
}

const HELP: Readonly<Record<string, { title: string; help: string }>> = {
  'public-trust': {
    title: 'Role trust policy allows anyone to assume the role',
    help: 'The trust policy names `*` (or an equivalent) without a condition that limits who can call sts:AssumeRole. Restrict the Principal to the accounts or roles that need it.',
  },
  'external-trust-unknown-account': {
    title: 'Role trusted by an account outside the organization that is not a known vendor',
    help: 'An account that is neither in the organization nor a known or trusted vendor can assume this role. Confirm who owns the account; add it to trustedAccounts in the config or remove the grant.',
  },
  'vendor-trust-without-external-id': {
    title: 'Vendor account can assume the role without an ExternalId',
    help: 'Third-party roles must require sts:ExternalId to prevent the confused-deputy problem. Add a StringEquals condition on sts:ExternalId with the value the vendor gave you.',
  },
  'oidc-trust-without-subject': {
    title: 'OIDC trust without a subject condition',
    help: "Any identity of the OIDC provider (e.g. any GitHub repository) can assume the role. Add a condition on the provider's `sub` claim naming the repository and branch or environment.",
  },
  'oidc-trust-wildcard-subject': {
    title: 'OIDC trust with a broad wildcard subject',
    help: 'The `sub` condition matches identities beyond your own (for example `repo:*`). Narrow the pattern to your organization and repository.',
  },
  'service-trust-without-source': {
    title: 'AWS service trust without a source condition',
    help: 'A service principal may assume the role on behalf of any account. Add aws:SourceAccount or aws:SourceArn conditions.',
  },
  'deleted-principal-in-trust': {
    title: 'Trust policy names a deleted principal',
    help: 'The trust policy contains the unique id of a principal that no longer exists. It matches nothing today; remove it so that a re-created principal is not confused with the old one.',
  },
  'external-path-to-admin': {
    title: 'A principal outside the organization can reach an administrator role',
    help: 'A chain of role assumptions leads from outside the organization to a role with administrator permissions or a crown jewel. Break the chain at the first hop that is not needed.',
  },
  'bucket-reachable-from-outside-org': {
    title: 'Bucket reachable from outside the organization',
    help: 'A principal outside the organization can read or write the bucket, directly or through a chain of roles. Review the bucket policy and the trust policies on the path.',
  },
  'public-bucket': {
    title: 'Bucket is public',
    help: 'The bucket policy or ACL grants access to anyone and Block Public Access does not stop it. Enable Block Public Access or remove the public grant.',
  },
  'incomplete-coverage': {
    title: 'Account could not be read',
    help: 'The account\'s IAM data is missing from the scan, so access into and out of it is unknown (missing data is never read as "no access"). Fix the collector\'s permissions for that account.',
  },
};

/** Rule metadata for the rules that appear in `findings` (plus every known rule when `all`). */
export function describeRules(
  findings: readonly { rule: string; severity: Severity; title: string }[],
  all = false,
): RuleInfo[] {
  const out = new Map<string, RuleInfo>();
  if (all)
    for (const [id, h] of Object.entries(HELP)) out.set(id, { id, severity: 'medium', ...h });
  for (const f of findings) {
    const known = HELP[f.rule];
    const seen = out.get(f.rule);
    if (seen !== undefined && !all) continue;
    out.set(f.rule, {
      id: f.rule,
      severity: f.severity,
      title: known?.title ?? f.title,
      help: known?.help ?? f.title,
    });
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
