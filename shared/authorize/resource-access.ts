/**
 * The full decision for a resource of a resource-policy service (IAM-SEMANTICS.md §7a): the
 * resource's own policies (resource-request.ts) and, for a secret, queue or topic encrypted with
 * a KMS key, the key operations the action needs on that key (encryption-key.ts).
 */
import { resolveKey, withKeyUse, type KeyUse } from './encryption-key.js';
import { authorizeResourcePolicy } from './resource-request.js';
import { serviceRules } from './resource-services.js';
import type { AuthorizationResult, ResourceRequest } from './types.js';

/** Decides `req`, including the KMS key behind the resource. */
export function authorizeResource(req: ResourceRequest): AuthorizationResult {
  const base = authorizeResourcePolicy(req);
  const { resource } = req;
  const rules = serviceRules(resource.service);
  const operations = rules.keyOperations?.get(req.action.toLowerCase());
  if (operations === undefined || base.decision === 'deny') return base;
  if (resource.kmsKeyId === undefined && rules.defaultKeyAlias === undefined) return base;
  const resolution = resolveKey(
    req.model,
    resource.kmsKeyId,
    {
      accountId: resource.accountId,
      partition: resource.partition,
      ...(resource.region !== undefined ? { region: resource.region } : {}),
    },
    rules.defaultKeyAlias ?? '',
  );
  const use: KeyUse = { resolution, operations, purpose: `${req.action} on ${resource.arn}` };
  if (resource.region !== undefined)
    use.viaService = `${rules.endpoint}.${resource.region}.amazonaws.com`;
  return withKeyUse(base, req.caller, req.model, req.context, use);
}
