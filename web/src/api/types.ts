/**
 * The API contract as the dashboard reads it. Provisional until shared/api/types.ts exists.
 */
import type {
  EdgeAttributes,
  Evidence,
  NodeAttributes,
  NodeKind,
  Scope,
} from '../../../shared/graph/types.js';
import type { SerializedGraph } from '../graph/display-graph.js';

export type { SerializedGraph };

export interface NodeRef {
  key: string;
  label: string;
  kind: NodeKind;
  scope?: Scope;
  accountId?: string;
}

export interface EdgeView {
  key?: string;
  source: string;
  target: string;
  attributes: Partial<EdgeAttributes> & Record<string, unknown>;
}

export interface PolicyView {
  kind: string;
  name: string;
  arn?: string;
  document: unknown;
}

export interface FindingView {
  id: string;
  rule: string;
  severity: string;
  subject: string;
  title: string;
  status?: string;
  evidence?: readonly Evidence[];
}

export interface NodeDetail {
  key: string;
  attributes: NodeAttributes;
  policies: readonly PolicyView[];
  findings: readonly FindingView[];
  inbound: readonly EdgeView[];
  outbound: readonly EdgeView[];
}

export interface PathView {
  hops: readonly EdgeView[];
}

export interface PathsView {
  result: string;
  paths: readonly PathView[];
}

export interface ReachEntry {
  start: NodeRef;
  scope: Scope;
  path: readonly EdgeView[];
  decision?: string;
}

export interface WhoCanReachView {
  result: string;
  entries: readonly ReachEntry[];
}

export interface FindingsView {
  total: number;
  items: readonly FindingView[];
}

export interface ScanView {
  id: string;
  startedAt?: string;
  finishedAt?: string;
  status?: string;
  source?: string;
}

export interface DiffView {
  added: readonly EdgeView[];
  removed: readonly EdgeView[];
}
