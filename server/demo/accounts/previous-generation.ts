/**
 * The demo organization as it was one scan earlier (docs/demo-organization.md "Two scans"):
 * `trustmap serve --demo` scans this generation first, then the current one, so that the Scans
 * view has a diff to show and the Findings view has findings `new` since the last scan and
 * `resolved` by it. The two generations differ in exactly two roles and one bucket policy,
 * edited after the account is otherwise complete so that the seeded filler (ids, dates, counts)
 * stays identical; and the current generation's listing of account 500000000008 is one page of
 * several (`IsTruncated`, generate-demo-organization.ts).
 */
import type { AccountBuilder } from '../account-builder.js';
import { CLOUDHEALTH, SANDBOX, WEB_PROD } from '../demo-constants.js';
import { allow, policy, trustAws } from '../policy-documents.js';
import { PARTNER_EXCHANGE_BUCKET, partnerExchangePolicy } from './planted-workloads.js';

/** Which scan of the demo organization a generation stands for. */
export type DemoGeneration = 'previous' | 'current';

/** Added since the previous generation: trusted by the unknown external account 999988887777. */
export const ADDED_ROLE = { account: WEB_PROD, name: 'PartnerAuditRole' } as const;
/** Removed since the previous generation: a CloudHealth role without an ExternalId. */
export const REMOVED_ROLE = { account: SANDBOX, name: 'CloudHealthRole' } as const;

/** Worsened since the previous generation: the partner's grants lost their source-IP condition. */
export const WORSENED_BUCKET = { account: WEB_PROD, name: PARTNER_EXCHANGE_BUCKET } as const;

/** Turns a fully built current-generation account into its previous generation. */
export function applyPreviousGeneration(b: AccountBuilder): void {
  if (
    b.accountId === WORSENED_BUCKET.account &&
    !b.setBucketPolicy(WORSENED_BUCKET.name, partnerExchangePolicy(b.partition, 'previous'))
  )
    throw new Error(`demo: ${WORSENED_BUCKET.name} is missing from ${WORSENED_BUCKET.account}`);
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
