/**
 * A short display name for a node known only by its key (query answers carry keys, not labels):
 * the last segment of a role/user/group/bucket ARN, the account id of an account root (or the
 * vendor's name), the service name, `Anyone` for `*`. Used only when the graph has no label.
 */
import { parseArn } from '../../../shared/arn/parse-arn.js';
import type { NodeKind } from '../../../shared/graph/types.js';

export function nameOfKey(key: string, vendor?: string): string {
  if (key === '*') return 'Anyone';
  if (key.startsWith('service:')) return key.slice('service:'.length);
  const arn = parseArn(key);
  if (arn === undefined) return key;
  if (arn.resource === 'root')
    return vendor === undefined ? arn.accountId : `${vendor} (${arn.accountId})`;
  if (arn.service === 's3') return arn.resource;
  const segments = arn.resource.split('/');
  return segments[segments.length - 1] ?? key;
}

/**
 * The kind of a node known only by its key, for drawing a query result the loaded view lacks
 * (the node's own attributes win whenever the graph has them).
 */
export function kindOfKey(key: string): NodeKind {
  if (key === '*') return 'anyone';
  if (key.startsWith('sso:'))
    return key.includes(':user/') ? 'sso-user' : key.includes(':group/') ? 'sso-group' : 'idp';
  if (key.startsWith('service:')) return 'service';
  const arn = parseArn(key);
  if (arn === undefined) return 'idp';
  if (arn.service === 's3') return 'bucket';
  if (arn.resource === 'root') return 'account';
  const type = arn.resource.split('/')[0];
  if (type === 'user') return 'user';
  if (type === 'group') return 'group';
  if (type === 'oidc-provider' || type === 'saml-provider') return 'idp';
  return 'role';
}
