/**
 * The API contract as the dashboard reads it: the shared types of shared/api/types.ts, plus the
 * one shape the views use for a hop of a path whatever endpoint it came from (`PathHop`).
 */
import type { EdgeView, HopView } from '../../../shared/api/types.js';

export type {
  DiffEdge,
  DiffResponse,
  EdgeMembersResponse,
  EdgeView,
  FindingDetailResponse,
  FindingsResponse,
  FindingView,
  FunctionAliasView,
  FunctionDetailView,
  FunctionUrlView,
  FunctionVersionView,
  GraphResponse,
  HealthResponse,
  HopView,
  NodeDetailResponse,
  NodeRef,
  PathsResponse,
  PolicyView,
  Reacher,
  ReachableFromResponse,
  ScansListResponse,
  ScanSummary,
  SearchResponse,
  SuppressionRequest,
  SuppressionResponse,
  WhoCanReachResponse,
} from '../../../shared/api/types.js';

/** A hop as the graph and the hop lists use it: endpoints plus the edge's attributes. */
export interface PathHop {
  key?: string;
  source: string;
  target: string;
  attributes: Readonly<Record<string, unknown>>;
}

/** A hop of a query answer (`from`/`to`) in the common shape. */
export function hopOfView(hop: HopView): PathHop {
  const { from, to, ...attributes } = hop;
  return { source: from, target: to, attributes };
}

/** An edge of a node detail in the common shape. */
export function hopOfEdge(edge: EdgeView): PathHop {
  return {
    key: edge.key,
    source: edge.source,
    target: edge.target,
    attributes: { ...edge.attributes },
  };
}
