/**
 * Conditions in plain words: for one policy statement, a sentence per condition it sets
 * ("only callers that pass ExternalId `acme-42`", "any GitHub repository"), so that a reviewer
 * sees what decides a conditional grant without reading operator tables. Statement text is
 * untrusted: values are returned as data for the caller to render as text. Pure.
 */

export interface ConditionExplanation {
  /** Operator and key as written, e.g. `StringLike token.actions.githubusercontent.com:sub`. */
  test: string;
  /** The values as written (wrapped by the caller, never cut). */
  values: string[];
  /** The sentence. */
  text: string;
  /** The condition admits callers the trusting account does not choose (a wildcard tenant, a negation …). */
  loose: boolean;
}

function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

function quoted(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(' or ');
}

/** `repo:org/name:ref:refs/heads/main` → what it admits, for GitHub's `sub` claim. */
function githubSubject(value: string): { text: string; loose: boolean } {
  if (value === '*' || value === 'repo:*' || value.startsWith('repo:*'))
    return { text: 'any GitHub repository', loose: true };
  const m = /^repo:([^/:*]+)(\*)?(?:\/([^:]*))?(?::(.*))?$/.exec(value);
  if (m === null)
    return { text: `GitHub tokens whose subject matches "${value}"`, loose: value.includes('*') };
  const [, org, orgStar, repo, rest] = m;
  if (orgStar !== undefined)
    return {
      text: `any repository of any GitHub organization whose name starts with "${org ?? ''}"`,
      loose: true,
    };
  const where =
    repo === undefined || repo === '*' || repo === ''
      ? `any repository of ${org ?? ''}`
      : `repository ${org ?? ''}/${repo}`;
  if (rest === undefined || rest === '*')
    return { text: `${where}, any branch or event`, loose: false };
  const branch = /^ref:refs\/heads\/(.+)$/.exec(rest);
  if (branch !== null) return { text: `${where}, branch ${branch[1] ?? ''}`, loose: false };
  const env = /^environment:(.+)$/.exec(rest);
  if (env !== null) return { text: `${where}, environment ${env[1] ?? ''}`, loose: false };
  return { text: `${where}, ${rest}`, loose: false };
}

/** Explains one operator/key/values triple. */
export function explainCondition(
  operator: string,
  key: string,
  raw: unknown,
): ConditionExplanation {
  const values = listOf(raw);
  const test = `${operator} ${key}`;
  const op = operator.replace(/^(ForAnyValue|ForAllValues):/, '');
  const ifExists = op.endsWith('IfExists');
  const base = ifExists ? op.slice(0, -'IfExists'.length) : op;
  const negated = /Not/.test(base);
  const k = key.toLowerCase();
  const anyValue = values.some((v) => v === '*') && /Like$/.test(base);
  const suffix = ifExists ? ' (or when the key is absent)' : '';
  const make = (text: string, loose = false): ConditionExplanation => ({
    test,
    values,
    text: `${text}${suffix}`,
    loose: loose || ifExists || negated || anyValue,
  });
  if (base === 'Null')
    return make(
      values.includes('true') ? `only when ${key} is absent` : `only when ${key} is present`,
      values.includes('true'),
    );
  if (negated) return make(`any caller except those whose ${key} is ${quoted(values)}`, true);
  if (k === 'sts:externalid')
    return anyValue
      ? make('any ExternalId at all: no protection against the confused deputy', true)
      : make(`only callers that pass ExternalId ${quoted(values)}`);
  if (k.endsWith(':sub') && k.includes('token.actions.githubusercontent.com')) {
    const parts = values.map(githubSubject);
    return make(
      parts.map((p) => p.text).join('; or '),
      parts.some((p) => p.loose),
    );
  }
  if (k.endsWith(':sub'))
    return make(
      anyValue
        ? 'any subject of this identity provider'
        : `only tokens whose subject is ${quoted(values)}`,
      anyValue,
    );
  if (k.endsWith(':aud') || k.endsWith(':amr') || k.endsWith(':oaud'))
    return make(`only tokens issued for ${quoted(values)}`);
  if (k === 'aws:principalorgid') return make(`only principals of organization ${quoted(values)}`);
  if (k === 'aws:principalorgpaths')
    return make(`only principals of accounts under ${quoted(values)}`);
  if (k === 'aws:principalaccount') return make(`only principals of account ${quoted(values)}`);
  if (k === 'aws:principalarn')
    return make(
      `only the principal ${quoted(values)}`,
      values.some((v) => !/\d{12}/.test(v) || v.includes('*')),
    );
  if (k === 'aws:sourceaccount')
    return make(`only when the service acts for account ${quoted(values)}`);
  if (k === 'aws:sourcearn') return make(`only when the service acts for ${quoted(values)}`);
  if (k === 'aws:sourceorgid')
    return make(`only when the service acts for organization ${quoted(values)}`);
  if (k === 'aws:multifactorauthpresent')
    return make(
      values.includes('true') ? 'only sessions signed in with MFA' : `MFA flag ${quoted(values)}`,
    );
  if (k === 'aws:sourceip') return make(`only requests from ${values.join(', ')}`);
  if (k === 'aws:sourcevpc' || k === 'aws:sourcevpce')
    return make(`only requests through ${quoted(values)}`);
  if (k === 'saml:aud') return make(`only SAML assertions for ${quoted(values)}`);
  if (k === 'aws:securetransport')
    return make('only over TLS (the caller chooses: no real limit)', true);
  const verb = /Like$/.test(base) ? 'matches' : /Equals$/.test(base) ? 'is' : base;
  return make(`only when ${key} ${verb} ${quoted(values)}`);
}

/** Every condition of a statement (its `Condition` block), in document order. */
export function explainStatementConditions(statement: unknown): ConditionExplanation[] {
  if (typeof statement !== 'object' || statement === null) return [];
  const condition = (statement as Record<string, unknown>).Condition;
  if (typeof condition !== 'object' || condition === null) return [];
  const out: ConditionExplanation[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof block !== 'object' || block === null) continue;
    for (const [key, values] of Object.entries(block as Record<string, unknown>))
      out.push(explainCondition(operator, key, values));
  }
  return out;
}
