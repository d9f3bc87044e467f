/**
 * Compiles and validates one statement (IAM-SEMANTICS.md §1, §2.5, §2.6, §3.2). Which elements
 * a statement may have depends on the policy kind:
 *
 * | kind | Principal | NotPrincipal | Resource |
 * |---|---|---|---|
 * | trust | required | invalid | invalid |
 * | resource | required (or NotPrincipal) | Deny only (Allow: flagged, evaluated) | required |
 * | rcp | required, must be `"*"` | invalid | required |
 * | identity, boundary, session, scp | invalid | invalid | required |
 *
 * An Allow statement with an error grants nothing and is not returned, except the two
 * documented over-approximations: `"Principal": "*"` in a trust policy (evaluated as
 * `{"AWS": "*"}`) and `Allow` + `NotPrincipal` in a resource policy (a grant to everyone but
 * the listed principals). A Deny statement with an error keeps what can be read soundly:
 * unreadable conditions become unknown, a missing Resource means every resource, a missing
 * Principal means everyone, an element not allowed for the kind is ignored.
 */
import { ActionSet, compileActions } from './action-pattern.js';
import { compileCondition, NO_CONDITION } from './conditions/compile-condition.js';
import { isObject, show, type IssueCollector } from './policy-issues.js';
import { compilePrincipals, type CompiledPrincipals } from './principal-pattern.js';
import { compileResources, type ResourceSet } from './resource-pattern.js';
import type { StatementScope } from './statement-scope.js';
import { StatementInternal } from './statement-internal.js';
import type { CompiledStatement, Effect, PolicyKind, StatementView } from './types.js';

const STATEMENT_FIELDS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

const HAS_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(['trust', 'resource', 'rcp']);

export interface StatementInput {
  raw: unknown;
  index: number;
  path: string;
  kind: PolicyKind;
  variables: boolean;
  partition: string | undefined;
  issues: IssueCollector;
}

function readEffect(
  raw: Record<string, unknown>,
  report: (code: string, message: string, path: string) => void,
  path: string,
): Effect | undefined {
  const effect = raw.Effect;
  if (effect === 'Allow' || effect === 'Deny') return effect;
  if (typeof effect === 'string' && effect.trim().toLowerCase() === 'deny') {
    report(
      'invalid-effect',
      `Effect must be exactly "Allow" or "Deny", found ${show(effect)}; read as Deny`,
      `${path}.Effect`,
    );
    return 'Deny';
  }
  report(
    'invalid-effect',
    effect === undefined
      ? 'Effect is missing; expected "Allow" or "Deny"'
      : `Effect must be "Allow" or "Deny", found ${show(effect)}`,
    `${path}.Effect`,
  );
  return undefined;
}

/** Compiles one statement; undefined when it takes no part in evaluation (see file header). */
export function compileStatement(input: StatementInput): CompiledStatement | undefined {
  const { raw, index, path, kind, issues } = input;
  if (!isObject(raw)) {
    issues.add(
      'error',
      'invalid-statement',
      `A statement must be an object, found ${show(raw)}`,
      path,
      {
        index,
        sid: undefined,
      },
    );
    return undefined;
  }
  let sid: string | undefined;
  if (typeof raw.Sid === 'string') sid = raw.Sid;
  else if (typeof raw.Sid === 'number') sid = String(raw.Sid);
  const where = { index, sid };
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') {
    issues.add(
      'warning',
      'invalid-sid',
      `Sid should be a string, found ${show(raw.Sid)}`,
      `${path}.Sid`,
      where,
    );
  }
  for (const field of Object.keys(raw)) {
    if (!STATEMENT_FIELDS.has(field)) {
      issues.add(
        'warning',
        'unknown-field',
        `Unknown statement field ${show(field)} is ignored; fields are case-sensitive (Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition)`,
        `${path}.${field}`,
        where,
      );
    }
  }

  const state = { invalid: false };
  const effect = readEffect(
    raw,
    (code, message, at) => {
      issues.add('error', code, message, at, where);
    },
    path,
  );
  if (effect === undefined) return undefined;

  const scope: StatementScope = {
    effect,
    kind,
    variables: input.variables,
    partition: input.partition,
    error: (code, message, at) => {
      state.invalid = true;
      issues.add('error', code, message, at, where);
    },
    warn: (code, message, at) => {
      issues.add('warning', code, message, at, where);
    },
  };
  /** An error IAM would reject, but the statement stays evaluated (over-approximation). */
  const flag = (code: string, message: string, at: string): void => {
    issues.add('error', code, message, at, where);
  };

  // Action / NotAction
  let notAction = false;
  let actionTexts: string[] = [];
  if (raw.Action !== undefined && raw.NotAction !== undefined) {
    scope.error(
      'action-and-notaction',
      'A statement cannot have both Action and NotAction; Action is used',
      path,
    );
  }
  if (raw.Action !== undefined) {
    actionTexts = compileActions(raw.Action, `${path}.Action`, scope);
  } else if (raw.NotAction !== undefined) {
    notAction = true;
    actionTexts = compileActions(raw.NotAction, `${path}.NotAction`, scope);
    if (kind === 'trust') {
      scope.warn(
        'notaction-in-trust',
        'NotAction in a trust policy allows every action not listed',
        `${path}.NotAction`,
      );
    }
  } else {
    scope.error(
      'missing-action',
      'The statement has neither Action nor NotAction; it matches no action',
      path,
    );
  }

  // Resource / NotResource
  let resourceMode: 'all' | 'resource' | 'notResource' = 'all';
  let resources: ResourceSet | undefined;
  let resourceTexts: string[] | undefined;
  let notResourceTexts: string[] | undefined;
  const hasResource = raw.Resource !== undefined;
  const hasNotResource = raw.NotResource !== undefined;
  if (kind === 'trust') {
    if (hasResource || hasNotResource) {
      scope.error(
        'resource-in-trust',
        'A role trust policy applies to its role; it cannot have Resource or NotResource',
        `${path}.${hasResource ? 'Resource' : 'NotResource'}`,
      );
    }
  } else if (!hasResource && !hasNotResource) {
    scope.error('missing-resource', 'The statement has neither Resource nor NotResource', path);
  } else {
    if (hasResource && hasNotResource) {
      scope.error(
        'resource-and-notresource',
        'A statement cannot have both Resource and NotResource; Resource is used',
        path,
      );
    }
    const name = hasResource ? 'Resource' : 'NotResource';
    const compiled = compileResources(raw[name], `${path}.${name}`, scope);
    resources = compiled.set;
    resourceMode = hasResource ? 'resource' : 'notResource';
    if (hasResource) resourceTexts = compiled.texts;
    else notResourceTexts = compiled.texts;
  }

  // Principal / NotPrincipal
  let principalMode: 'none' | 'principal' | 'notPrincipal' = 'none';
  let principals: CompiledPrincipals | undefined;
  const hasPrincipal = raw.Principal !== undefined;
  const hasNotPrincipal = raw.NotPrincipal !== undefined;
  if (!HAS_PRINCIPAL.has(kind)) {
    if (hasPrincipal) {
      scope.error(
        `principal-in-${kind}`,
        `A ${kind} policy cannot have a Principal element`,
        `${path}.Principal`,
      );
    }
    if (hasNotPrincipal) {
      scope.error(
        `notprincipal-in-${kind}`,
        `A ${kind} policy cannot have a NotPrincipal element`,
        `${path}.NotPrincipal`,
      );
    }
  } else {
    if (hasPrincipal && hasNotPrincipal) {
      scope.error(
        'principal-and-notprincipal',
        'A statement cannot have both Principal and NotPrincipal; Principal is used',
        path,
      );
    }
    if (hasPrincipal) {
      principalMode = 'principal';
      principals = compilePrincipals(raw.Principal, `${path}.Principal`, scope, () => {
        if (kind === 'trust') {
          flag(
            'string-wildcard-principal-in-trust',
            '"Principal": "*" is not supported in a role trust policy; it is evaluated as {"AWS": "*"} (public)',
            `${path}.Principal`,
          );
        }
      });
      if (kind === 'rcp' && !(principals.view.wildcard && principals.entries.length === 1)) {
        scope.error(
          'rcp-principal-not-wildcard',
          'The Principal of a resource control policy must be "*"',
          `${path}.Principal`,
        );
      }
    } else if (hasNotPrincipal) {
      principalMode = 'notPrincipal';
      if (kind === 'trust' || kind === 'rcp') {
        scope.error(
          `notprincipal-in-${kind}`,
          `A ${kind === 'trust' ? 'role trust policy' : 'resource control policy'} cannot have a NotPrincipal element`,
          `${path}.NotPrincipal`,
        );
      } else if (effect === 'Allow') {
        flag(
          'notprincipal-with-allow',
          'NotPrincipal with Allow is not supported; it is evaluated as a grant to everyone (anonymous users included) except the principals listed',
          `${path}.NotPrincipal`,
        );
      }
      principals = compilePrincipals(
        raw.NotPrincipal,
        `${path}.NotPrincipal`,
        scope,
        () => undefined,
      );
    } else {
      scope.error(
        'missing-principal',
        `A ${kind === 'trust' ? 'role trust' : kind} policy statement needs a Principal`,
        path,
      );
      if (effect === 'Deny') {
        principalMode = 'principal';
        principals = compilePrincipals('*', `${path}.Principal`, scope, () => undefined);
      }
    }
  }

  // Condition
  const condition =
    raw.Condition === undefined
      ? NO_CONDITION
      : compileCondition(raw.Condition, `${path}.Condition`, scope);

  // Federated principal ↔ action pairing (§2.3).
  if (kind === 'trust' && effect === 'Allow' && !notAction && principalMode === 'principal') {
    const set = new ActionSet(actionTexts);
    for (const { provider, action } of principals?.federated ?? []) {
      if (!set.test(action)) {
        scope.error(
          'federated-action-mismatch',
          `Federated principal ${show(provider)} can only use ${action === 'sts:assumerolewithsaml' ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity'}, which the statement's Action does not allow`,
          `${path}.Action`,
        );
      }
    }
  }

  if (state.invalid && effect === 'Allow') return undefined;

  const view: StatementView = {
    index,
    effect,
    conditionKeys: condition.keys,
    conditions: condition.view,
  };
  if (sid !== undefined) view.sid = sid;
  if (raw.Action !== undefined) view.actions = actionTexts;
  else if (notAction) view.notActions = actionTexts;
  if (resourceTexts !== undefined) view.resources = resourceTexts;
  if (notResourceTexts !== undefined) view.notResources = notResourceTexts;
  if (principalMode === 'principal' && principals !== undefined) view.principals = principals.view;
  if (principalMode === 'notPrincipal' && principals !== undefined)
    view.notPrincipals = principals.view;

  const internal = new StatementInternal(
    notAction,
    new ActionSet(actionTexts),
    resourceMode,
    resources,
    principalMode,
    principals,
    condition.clauses,
    condition.keys,
    view,
  );
  const stmt: CompiledStatement = { index, effect, internal };
  if (sid !== undefined) stmt.sid = sid;
  return stmt;
}
