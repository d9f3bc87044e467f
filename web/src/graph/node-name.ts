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
  // An Identity Center user or group known only by its key (e.g. deleted): its id.
  if (key.startsWith('sso:')) return key.slice(key.lastIndexOf('/') + 1) || key;
  const arn = parseArn(key);
  if (arn === undefined) return key;
  if (arn.resource === 'root')
    return vendor === undefined ? arn.accountId : `${vendor} (${arn.accountId})`;
  if (arn.service === 's3') return arn.resource;
  // `function:NAME[:ALIAS]` and `secret:PATH/NAME-xxxxxx`: the name is everything after the
  // type (a secret's name may hold slashes: `partner/shared-report`).
  const typed = /^(function|secret):(.+)$/.exec(arn.resource);
  if (typed?.[2] !== undefined && (arn.service === 'lambda' || arn.service === 'secretsmanager'))
    return typed[2];
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
