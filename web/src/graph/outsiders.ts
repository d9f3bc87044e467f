/**
 * Who from outside the organization can get in: every `anyone`, identity-provider (but IAM
 * Identity Center), vendor and external node of the graph with the worst state and total count of its outgoing edges, worst
 * first. The organization view lists them next to the canvas (text a reviewer can read, search
 * and click; the canvas itself has none). Pure.
 */
import type { MultiDirectedGraph } from 'graphology';
import {
  IDENTITY_CENTER_KEY,
  isIdentityCenterProvider,
} from '../../../shared/graph/sso/sso-keys.js';
import { edgeStateRank, worseEdgeState, type EdgeState } from './edge-state.js';
import { KIND_LABELS, SCOPE_LABELS } from './node-look.js';
import { accountOfKey } from './principal-name.js';
import {
  isAccessNode,
  type AccessNodeAttributes,
  type DisplayEdgeAttributes,
  type DisplayNodeAttributes,
} from './display-graph.js';

export interface Outsider {
  key: string;
  label: string;
  kind: AccessNodeAttributes['kind'];
  scope?: DisplayNodeAttributes['scope'];
  vendor?: string;
  /** Worst state of its outgoing edges; undefined when it has none. */
  worst?: EdgeState;
  /** Role-level edges its outgoing edges stand for. */
  edges: number;
  /** KMS keys, secrets, queues, topics and repositories it reaches directly (by their policies). */
  resources: number;
  /**
   * Identity providers with the same name in several accounts are listed once, by that name
   * (on the canvas each copy's label names its account): how many.
   */
  copies: number;
}

/**
 * Anyone, an identity provider, a vendor or an external account. IAM Identity Center (its hub
 * and the `AWSSSO_…` SAML provider it manages in each account) is the organization's own
 * workforce sign-in: inside, as its edges' state says (edge-state.ts).
 */
function isOutsider(key: string, a: DisplayNodeAttributes): boolean {
  if (a.kind === 'anyone') return true;
  if (a.kind === 'idp') return !isIdentityCenter(key, a);
  return a.scope === 'vendor' || a.scope === 'external';
}

/** The outsiders of the graph (IAM Identity Center left out), worst first. */
export function listOutsiders(
  graph: MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>,
): Outsider[] {
  return listSources(graph, isOutsider);
}

/**
 * IAM Identity Center, the organization's own sign-in (its hub, or its providers at principal
 * level, listed once): beside the outsiders, not counted among them.
 */
export function listSignIns(
  graph: MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>,
): Outsider[] {
  return listSources(graph, isIdentityCenter);
}

function isIdentityCenter(key: string, a: DisplayNodeAttributes): boolean {
  return a.kind === 'idp' && (key === IDENTITY_CENTER_KEY || isIdentityCenterProvider(key));
}

function listSources(
  graph: MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>,
  included: (key: string, a: DisplayNodeAttributes) => boolean,
): Outsider[] {
  const result: Outsider[] = [];
  graph.forEachNode((key, a) => {
    if (!isAccessNode(a) || !included(key, a)) return;
    let worst: EdgeState | undefined;
    let edges = 0;
    let resources = 0;
    const reached = new Set<string>();
    graph.forEachOutEdge(key, (_edge, e, _source, target, _sa, ta) => {
      if (e.removed === true) return;
      worst = worst === undefined ? e.state : worseEdgeState(worst, e.state);
      edges += e.count;
      // Account level: the aggregate says how many; principal level: the resource nodes.
      const counted = e.detail.resources;
      if (typeof counted === 'number' && Number.isFinite(counted)) resources += counted;
      else if (isAccessNode(ta) && ta.kind === 'resource') reached.add(target);
    });
    resources += reached.size;
    const label = a.name ?? a.label;
    if (a.kind === 'idp') {
      const same = result.find((o) => o.kind === 'idp' && o.label === label);
      if (same !== undefined) {
        same.copies += 1;
        same.edges += edges;
        same.resources += resources;
        if (worst !== undefined)
          same.worst = same.worst === undefined ? worst : worseEdgeState(same.worst, worst);
        return;
      }
    }
    const entry: Outsider = { key, label, kind: a.kind, edges, resources, copies: 1 };
    if (a.scope !== undefined) entry.scope = a.scope;
    if (a.vendor !== undefined) entry.vendor = a.vendor;
    if (worst !== undefined) entry.worst = worst;
    result.push(entry);
  });
  const rank = (o: Outsider): number => (o.worst === undefined ? 99 : edgeStateRank(o.worst));
  return result.sort(
    (a, b) => rank(a) - rank(b) || b.edges - a.edges || (a.label < b.label ? -1 : 1),
  );
}

/**
 * What an outsider is: an account by its scope, a principal of an outside account (a vendor's
 * user at principal level) by its kind and whose it is, anything else by its kind.
 */
/**
 * The outsider's name in the list: its label, except IAM Identity Center's SAML provider, whose
 * name (`AWSSSO_…_DO_NOT_DELETE`) says nothing to a reviewer.
 */
export function outsiderTitle(o: Pick<Outsider, 'key' | 'kind' | 'label'>): string {
  return o.kind === 'idp' && isIdentityCenterProvider(o.key) ? 'IAM Identity Center' : o.label;
}

export function describeOutsider(
  o: Pick<Outsider, 'key' | 'kind' | 'scope'>,
  accountNames: ReadonlyMap<string, string>,
): string {
  if (o.kind === 'account' && o.scope !== undefined) return SCOPE_LABELS[o.scope];
  const account = o.kind === 'role' || o.kind === 'user' ? accountOfKey(o.key) : undefined;
  if (account === undefined) return KIND_LABELS[o.kind];
  return `${KIND_LABELS[o.kind]} of ${accountNames.get(account) ?? account}`;
}
