/**
 * The exact statement an item of evidence cites, for the hop evidence drawer: whose panel holds
 * the policy (a trust or resource policy: the role or resource it belongs to; an identity
 * policy: the principal it is attached to, else the hop's source) and which statement of which
 * document it is. Pure; the document is untrusted text from AWS and is only ever shown as text.
 */
import type { PolicyRef } from '../../../shared/policy/types.js';

/** The node whose panel (`/api/node`) lists the policy; undefined for kinds no node holds. */
export function policyHolderOf(
  ref: PolicyRef,
  hop: { source: string; target: string },
): string | undefined {
  switch (ref.kind) {
    case 'trust':
    case 'resource':
      return ref.arn ?? hop.target;
    case 'identity':
      return ref.attachedTo ?? hop.source;
    // SCPs and RCPs belong to no node; a boundary or a session policy is not in a node's panel.
    case 'scp':
    case 'rcp':
    case 'boundary':
    case 'session':
      return undefined;
  }
}

/**
 * Statement `index` of the policy `ref` among a node's policies: matched by kind, then by ARN
 * when both sides have one, else by name. Undefined when the policy or the statement is not
 * there (another attachment, a document that is not a policy).
 */
export function findStatement(
  policies: readonly { ref: PolicyRef; document: unknown }[],
  ref: PolicyRef,
  index: number,
): unknown {
  const policy = policies.find(
    (p) =>
      p.ref.kind === ref.kind &&
      (p.ref.arn !== undefined && ref.arn !== undefined
        ? p.ref.arn === ref.arn
        : p.ref.name === ref.name),
  );
  const document = policy?.document;
  if (typeof document !== 'object' || document === null || !('Statement' in document))
    return undefined;
  const statements: unknown = document.Statement;
  // A policy with one statement may give it as an object rather than a list.
  if (Array.isArray(statements)) return statements[index] as unknown;
  return index === 0 && typeof statements === 'object' && statements !== null
    ? statements
    : undefined;
}
