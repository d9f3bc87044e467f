/**
 * The caller a resource policy's named principal stands for, shared by the S3 and the
 * resource-policy edge builders: a user or role of the snapshot as itself; one the snapshot does
 * not hold as an opaque caller (its node created so the edge has a source); a role session as its
 * role; a service as the service's caller (its node created). Other principal kinds (wildcard,
 * account, canonical user, federated, unique id, invalid) are the builders' own business:
 * `undefined`.
 */
import type { CallerProfile } from '../../authorize/types.js';
import { parseArn } from '../../arn/parse-arn.js';
import { ensureNamedPrincipalNode, ensureNode, type BuildContext } from '../build-context.js';
import type { PrincipalReference } from '../index/principal-references.js';
import { opaqueRoleCaller, opaqueUserCaller, serviceCaller } from './opaque-callers.js';

export function namedPrincipalCaller(
  ctx: BuildContext,
  ref: PrincipalReference,
  defaultPartition: string,
): CallerProfile | undefined {
  switch (ref.type) {
    case 'user':
    case 'role': {
      const known = ctx.model.principals.get(ref.arn);
      if (known) return known;
      const partition = parseArn(ref.arn)?.partition ?? defaultPartition;
      ensureNamedPrincipalNode(ctx, ref.arn, ref.type, ref.accountId);
      return ref.type === 'role'
        ? opaqueRoleCaller(ref.arn, ref.accountId, partition)
        : opaqueUserCaller(ref.arn, ref.accountId, partition);
    }
    case 'session': {
      const roleArn = ctx.roleByName.get(`${ref.accountId}/${ref.roleName.toLowerCase()}`);
      return roleArn !== undefined ? ctx.model.principals.get(roleArn) : undefined;
    }
    case 'service': {
      const caller = serviceCaller(ref.service);
      ensureNode(ctx, caller.key, { kind: 'service', label: ref.service });
      return caller;
    }
    case 'wildcard':
    case 'account':
    case 'canonical-user':
    case 'federated':
    case 'federated-user':
    case 'unique-id':
    case 'invalid':
      return undefined;
  }
}
