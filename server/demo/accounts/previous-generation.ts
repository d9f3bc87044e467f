/**
 * The demo organization as it was one scan earlier (docs/demo-organization.md "Two scans"):
 * `trustmap serve --demo` scans this generation first, then the current one, so that the Scans
 * view has a diff to show and the Findings view has findings `new` since the last scan and
 * `resolved` by it. The two generations differ in exactly two roles, edited after the account
 * is otherwise complete so that the seeded filler (ids, dates, counts) stays identical.
 */
import type { AccountBuilder } from '../account-builder.js';
import { CLOUDHEALTH, SANDBOX, WEB_PROD } from '../demo-constants.js';
import { allow, policy, trustAws } from '../policy-documents.js';

/** Which scan of the demo organization a generation stands for. */
export type DemoGeneration = 'previous' | 'current';

/** Added since the previous generation: trusted by the unknown external account 999988887777. */
export const ADDED_ROLE = { account: WEB_PROD, name: 'PartnerAuditRole' } as const;
/** Removed since the previous generation: a CloudHealth role without an ExternalId. */
export const REMOVED_ROLE = { account: SANDBOX, name: 'CloudHealthRole' } as const;

/** Turns a fully built current-generation account into its previous generation. */
export function applyPreviousGeneration(b: AccountBuilder): void {
  if (b.accountId === ADDED_ROLE.account && !b.removeRole(ADDED_ROLE.name))
    throw new Error(`demo: ${ADDED_ROLE.name} is missing from ${ADDED_ROLE.account}`);
  if (b.accountId === REMOVED_ROLE.account)
    b.role({
      name: REMOVED_ROLE.name,
      trust: trustAws([`arn:${b.partition}:iam::${CLOUDHEALTH}:root`]),
      inline: [
        {
          name: 'CloudHealthBillingRead',
          document: policy(allow(['ce:Get*', 'ce:Describe*', 'cur:Describe*'], '*')),
        },
      ],
      tags: { vendor: 'cloudhealth' },
    });
}
