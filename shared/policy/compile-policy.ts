/**
 * `compilePolicy`: reads one policy document of any shape into a `CompiledPolicy`
 * (IAM-SEMANTICS.md §1, §2.6). Never throws. Normalises what IAM normalises (a single statement
 * object, scalars for lists), reports what IAM would reject or what is probably a mistake as
 * `PolicyIssue`s with a JSON path, and compiles every matcher once.
 */
import { parseArn } from '../arn/parse-arn.js';
import { compileStatement } from './compile-statement.js';
import { IssueCollector, isObject, show } from './policy-issues.js';
import type { CompiledPolicy, CompiledStatement, PolicyRef } from './types.js';

const DOCUMENT_FIELDS = new Set(['Version', 'Id', 'Statement']);
const CURRENT_VERSION = '2012-10-17';
const KNOWN_VERSIONS = new Set([CURRENT_VERSION, '2008-10-17']);

/** A JSON string or URL-encoded JSON string, decoded; undefined when it is neither. */
function decodeString(text: string): unknown {
  for (const candidate of [text, safeDecodeUri(text)]) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecodeUri(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function compileDocument(input: unknown, ref: PolicyRef): CompiledPolicy {
  const issues = new IssueCollector();
  const empty = (): CompiledPolicy => ({
    ref,
    version: undefined,
    statements: [],
    issues: issues.issues,
  });
  let doc = input;
  if (typeof doc === 'string') {
    doc = decodeString(doc);
    if (doc === undefined) {
      issues.add(
        'error',
        'invalid-json',
        'The policy document is a string that is neither JSON nor URL-encoded JSON',
        '$',
      );
      return empty();
    }
  }
  if (!isObject(doc)) {
    issues.add(
      'error',
      'not-an-object',
      `A policy document must be a JSON object, found ${show(doc)}`,
      '$',
    );
    return empty();
  }

  for (const field of Object.keys(doc)) {
    if (!DOCUMENT_FIELDS.has(field)) {
      issues.add(
        'warning',
        'unknown-field',
        `Unknown document field ${show(field)} is ignored; expected Version, Id, Statement`,
        field,
      );
    }
  }
  const version = typeof doc.Version === 'string' ? doc.Version : undefined;
  if (doc.Version === undefined) {
    issues.add(
      'warning',
      'missing-version',
      `Version is missing: policy variables are read as literal text; use "Version": "${CURRENT_VERSION}"`,
      'Version',
    );
  } else if (version === undefined || !KNOWN_VERSIONS.has(version)) {
    issues.add(
      'warning',
      'unknown-version',
      `Version ${show(doc.Version)} is not "${CURRENT_VERSION}" or "2008-10-17"; policy variables are read as literal text`,
      'Version',
    );
  }
  const variables = version === CURRENT_VERSION;

  const raw = doc.Statement;
  let list: { raw: unknown; path: string }[];
  if (raw === undefined) {
    issues.add('error', 'missing-statement', 'The document has no Statement', 'Statement');
    list = [];
  } else if (Array.isArray(raw)) {
    list = (raw as unknown[]).map((s, i) => ({ raw: s, path: `Statement[${i}]` }));
    if (list.length === 0)
      issues.add(
        'warning',
        'empty-statement',
        'Statement is an empty list; the policy allows nothing',
        'Statement',
      );
  } else if (isObject(raw)) {
    list = [{ raw, path: 'Statement' }];
  } else {
    issues.add(
      'error',
      'invalid-statement',
      `Statement must be an object or a list of objects, found ${show(raw)}`,
      'Statement',
    );
    list = [];
  }

  const partition = ref.arn !== undefined ? parseArn(ref.arn)?.partition : undefined;
  const statements: CompiledStatement[] = [];
  const sids = new Set<string>();
  list.forEach(({ raw: stmtRaw, path }, index) => {
    const compiled = compileStatement({
      raw: stmtRaw,
      index,
      path,
      kind: ref.kind,
      variables,
      partition,
      issues,
      resourceImplied: resourceIsImplied(ref),
    });
    const sid = isObject(stmtRaw) && typeof stmtRaw.Sid === 'string' ? stmtRaw.Sid : undefined;
    if (sid !== undefined && sid !== '') {
      if (sids.has(sid)) {
        issues.add(
          'warning',
          'duplicate-sid',
          `Sid ${show(sid)} is used by more than one statement`,
          `${path}.Sid`,
          { index, sid },
        );
      }
      sids.add(sid);
    }
    statements.push(...compiled);
  });
  return { ref, version, statements, issues: issues.issues };
}

/**
 * Whether a statement of this policy may leave Resource out: in a resource-based policy "this
 * element is optional. If you do not include this element, then the resource to which the action
 * applies is the resource to which the policy is attached"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#access_policies-json;
 * ECR repository policies are written that way). S3 is the exception: a bucket policy statement
 * must name its resources (S3 rejects the policy otherwise), so there it stays an error.
 */
export function resourceIsImplied(ref: PolicyRef): boolean {
  if (ref.kind !== 'resource') return false;
  return ref.arn === undefined || parseArn(ref.arn)?.service !== 's3';
}

/**
 * Compiles a policy document. `doc` is a decoded JSON object (a JSON string or URL-encoded JSON
 * string is decoded too); `ref.kind` decides which elements are valid (IAM-SEMANTICS.md §2.6).
 *
 * Never throws: problems are in `issues` (`error`: IAM would reject it; `warning`: valid but
 * suspicious). An Allow statement with an error grants nothing and is left out of `statements`,
 * except the documented over-approximations (`"Principal": "*"` in a trust policy,
 * `Allow` + `NotPrincipal` in a resource policy), which are flagged and evaluated.
 */
export function compilePolicy(doc: unknown, ref: PolicyRef): CompiledPolicy {
  try {
    return compileDocument(doc, ref);
  } catch (err: unknown) {
    // Defensive: hostile input (getters that throw, pathological nesting) must not crash a load.
    const message = err instanceof Error ? err.message : String(err);
    return {
      ref,
      version: undefined,
      statements: [],
      issues: [
        {
          severity: 'error',
          code: 'unreadable-document',
          message: `The policy document could not be read: ${message.slice(0, 200)}`,
          path: '$',
        },
      ],
    };
  }
}
