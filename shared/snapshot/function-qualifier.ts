/**
 * The alias or version a Lambda ARN names of the function `functionArn` (workloads.json entries
 * that say which qualifier they serve: function URLs, event source mappings).
 */

/**
 * `arn`'s qualifier: undefined for the function itself or `$LATEST` (its current code), the alias
 * or version name otherwise, false when `arn` names another function (or is not one).
 */
export function functionQualifier(arn: string, functionArn: string): string | undefined | false {
  if (arn === functionArn) return undefined;
  if (!arn.startsWith(`${functionArn}:`)) return false;
  const qualifier = arn.slice(functionArn.length + 1);
  if (qualifier === '' || qualifier.includes(':')) return false;
  return qualifier === '$LATEST' ? undefined : qualifier;
}
