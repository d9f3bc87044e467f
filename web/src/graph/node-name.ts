/**
 * A short display name for a node known only by its key (query answers carry keys, not labels):
 * the last segment of a role/user/group/bucket ARN, the account id of an account root (or the
 * vendor's name), the service name, `Anyone` for `*`. Used only when the graph has no label.
 */
import { parseArn } from '../../../shared/arn/parse-arn.js';

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
