/**
 * Compiles and validates one statement (IAM-SEMANTICS.md §1, §2.5, §2.6, §3.2). Which elements
 * a statement may have depends on the policy kind:
 *
 * | kind | Principal | NotPrincipal | Resource |
 * |---|---|---|---|
 * | trust | required | invalid | invalid |
 * | resource | required (or NotPrincipal) | Deny only (Allow: flagged, evaluated) | required for S3, else optional (the attached resource) |
 * | rcp | required, must be `"*"` | invalid | required |
 * | identity, boundary, session, scp | invalid | invalid | required |
 *
 * A statement that cannot be read whole (IAM-SEMANTICS.md §2.7, docs/security.md) is treated
 * conservatively, in three values:
 * - an Allow in a policy that grants (identity, trust, resource) grants nothing and is not
 *   returned, except the two documented over-approximations: `"Principal": "*"` in a trust policy
 *   (evaluated as `{"AWS": "*"}`) and `Allow` + `NotPrincipal` in a resource policy;
 * - a Deny, and an Allow in a policy that only limits (SCP, RCP, permissions boundary, session
 *   policy), is kept as a statement that POSSIBLY applies: its unreadable parts read as widest
 *   (every action, resource, principal) and it is conditional on the unknown key
 *   `<unreadable-statement>`. So an unreadable Deny never widens access and an unreadable
 *   ceiling Allow never narrows it: what it might block or open becomes `conditional`, never
 *   a silent `allow` or a silent nothing;
 * - an Effect that is neither Allow nor Deny is read as both possibilities where each matters: a
 *   possible Deny everywhere, and also a possible Allow in a policy that only limits.
 */
import { ActionSet, compileActions } from './action-pattern.js';
import {
  compileCondition,
  NO_CONDITION,
  UNREADABLE_STATEMENT_KEY,
  type CompiledClause,
} from './conditions/compile-condition.js';
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

/** Policies whose Allow statements only limit what other policies grant. */
const LIMITING: ReadonlySet<PolicyKind> = new Set(['scp', 'rcp', 'boundary', 'session']);

/** The clause that makes a statement read in part possibly apply (its key is never known). */
const UNREADABLE_CLAUSE: CompiledClause = {
  operator: '<unreadable>',
  key: UNREADABLE_STATEMENT_KEY,
  lowerKey: UNREADABLE_STATEMENT_KEY,
  info: undefined,
  values: [],
};

export interface StatementInput {
  raw: unknown;
  index: number;
  path: string;
  kind: PolicyKind;
  variables: boolean;
  partition: string | undefined;
  issues: IssueCollector;
  /**
   * A statement without Resource applies to the resource the policy is attached to (a resource
   * policy of a service that allows that, see `resourceIsImplied`); otherwise it is invalid.
   */
  resourceImplied?: boolean;
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

/**
 * Compiles one statement into the statements that take part in evaluation: none (an unreadable
 * Allow of a granting policy), one, or two (an unreadable Effect in a limiting policy: a
 * possible Deny and a possible Allow). See the file header.
 */
export function compileStatement(input: StatementInput): CompiledStatement[] {
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
    return [];
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

  const effect = readEffect(
    raw,
    (code, message, at) => {
      issues.add('error', code, message, at, where);
    },
    path,
  );
  const out: CompiledStatement[] = [];
  const add = (stmt: CompiledStatement | undefined): void => {
    if (stmt !== undefined) out.push(stmt);
  };
  if (effect !== undefined) {
    add(compileElements(input, raw, effect, { effectUnreadable: false, report: true, sid }));
  } else {
    add(compileElements(input, raw, 'Deny', { effectUnreadable: true, report: true, sid }));
    if (LIMITING.has(kind))
      add(compileElements(input, raw, 'Allow', { effectUnreadable: true, report: false, sid }));
  }
  return out;
}

/** The elements of one statement read with `effect`; undefined when it takes no part. */
function compileElements(
  input: StatementInput,
  raw: Record<string, unknown>,
  effect: Effect,
  mode: { effectUnreadable: boolean; report: boolean; sid: string | undefined },
): CompiledStatement | undefined {
  const { index, path, kind, issues } = input;
  const sid = mode.sid;
  const where = { index, sid };
  const state = { invalid: mode.effectUnreadable, errors: 0 };
  /** Errors met while reading each element's entries (not: an element the kind forbids). */
  const unreadableIn = { actions: 0, resources: 0, principals: 0, condition: 0 };
  let reading: keyof typeof unreadableIn | undefined;
  const parse = <T>(element: keyof typeof unreadableIn, read: () => T): T => {
    reading = element;
    try {
      return read();
    } finally {
      reading = undefined;
    }
  };
  const scope: StatementScope = {
    effect,
    kind,
    variables: input.variables,
    partition: input.partition,
    error: (code, message, at) => {
      state.invalid = true;
      state.errors += 1;
      if (reading !== undefined) unreadableIn[reading] += 1;
      if (mode.report) issues.add('error', code, message, at, where);
    },
    warn: (code, message, at) => {
      if (mode.report) issues.add('warning', code, message, at, where);
    },
  };
  /** An error IAM would reject, but the statement stays evaluated (over-approximation). */
  const flag = (code: string, message: string, at: string): void => {
    if (mode.report) issues.add('error', code, message, at, where);
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
    actionTexts = parse('actions', () => compileActions(raw.Action, `${path}.Action`, scope));
  } else if (raw.NotAction !== undefined) {
    notAction = true;
    actionTexts = parse('actions', () => compileActions(raw.NotAction, `${path}.NotAction`, scope));
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

  // No Action and no NotAction: which actions it meant cannot be read.
  const actionsUnreadable = unreadableIn.actions > 0 || (!notAction && actionTexts.length === 0);

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
    if (input.resourceImplied === true)
      scope.warn(
        'implied-resource',
        'The statement has no Resource: in a resource-based policy it applies to the resource the policy is attached to',
        path,
      );
    else
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
    const compiled = parse('resources', () =>
      compileResources(raw[name], `${path}.${name}`, scope),
    );
    resources = compiled.set;
    resourceMode = hasResource ? 'resource' : 'notResource';
    if (hasResource) resourceTexts = compiled.texts;
    else notResourceTexts = compiled.texts;
  }

  const resourcesUnreadable = unreadableIn.resources > 0;

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
      principals = parse('principals', () =>
        compilePrincipals(raw.Principal, `${path}.Principal`, scope, () => {
          if (kind === 'trust') {
            flag(
              'string-wildcard-principal-in-trust',
              '"Principal": "*" is not supported in a role trust policy; it is evaluated as {"AWS": "*"} (public)',
              `${path}.Principal`,
            );
          }
        }),
      );
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

  const principalsUnreadable = unreadableIn.principals > 0;

  // Condition
  const condition =
    raw.Condition === undefined
      ? NO_CONDITION
      : parse('condition', () => compileCondition(raw.Condition, `${path}.Condition`, scope));

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

  // A statement not read whole, or an invalid Allow: see the file header.
  if (state.invalid && effect === 'Allow' && !LIMITING.has(kind)) return undefined;
  const unreadable =
    mode.effectUnreadable ||
    actionsUnreadable ||
    resourcesUnreadable ||
    principalsUnreadable ||
    unreadableIn.condition > 0 ||
    (state.invalid && effect === 'Allow');
  let matchActions = actionTexts;
  let clauses = condition.clauses;
  let conditionKeys = condition.keys;
  if (unreadable) {
    // Unreadable parts read as widest; the whole statement only possibly applies.
    if (!notAction && actionsUnreadable) matchActions = ['*'];
    if (resourceMode === 'resource' && resourcesUnreadable) {
      resourceMode = 'all';
      resources = undefined;
    }
    if (principalMode === 'principal' && principalsUnreadable)
      principals = compilePrincipals('*', `${path}.Principal`, scope, () => undefined);
    if (!clauses.some((c) => c.info === undefined)) {
      clauses = [...clauses, UNREADABLE_CLAUSE];
      conditionKeys = [...conditionKeys, UNREADABLE_STATEMENT_KEY];
    }
  }

  const view: StatementView = {
    index,
    effect,
    conditionKeys,
    conditions: condition.view,
  };
  if (sid !== undefined) view.sid = sid;
  // Exact-size copies: lists grown by `push` keep spare slots for as long as the policy lives.
  if (raw.Action !== undefined) view.actions = actionTexts.slice();
  else if (notAction) view.notActions = actionTexts.slice();
  if (resourceTexts !== undefined) view.resources = resourceTexts.slice();
  if (notResourceTexts !== undefined) view.notResources = notResourceTexts.slice();
  if (principalMode === 'principal' && principals !== undefined) view.principals = principals.view;
  if (principalMode === 'notPrincipal' && principals !== undefined)
    view.notPrincipals = principals.view;

  const internal = new StatementInternal(
    notAction,
    ActionSet.of(matchActions),
    resourceMode,
    resources,
    principalMode,
    principals,
    clauses,
    conditionKeys,
    view,
  );
  const stmt: CompiledStatement = { index, effect, internal };
  if (sid !== undefined) stmt.sid = sid;
  return stmt;
}
