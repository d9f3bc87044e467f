/** What the API routes read: the store, the analyses in memory, the scan runner, the caps. */
import type { ApiLimits } from '../../shared/api/types.js';
import type { AnalysisConfig } from '../../shared/config/analysis-config.js';
import type { SuppressionWriter } from '../config/suppression-writer.js';
import type { AnalysisCache } from '../serve/analysis-cache.js';
import type { ScanController } from '../serve/scan-controller.js';
import type { Store } from '../store/open-store.js';

export interface AppContext {
  db: Store;
  cache: AnalysisCache;
  scans?: ScanController | undefined;
  schedule?: { cron: string; nextRun: () => Date | undefined } | undefined;
  limits: ApiLimits;
  version: string;
  /** The analysis config the scans use (default: the built-in defaults). */
  config?: AnalysisConfig | undefined;
  /** Set when the server may write suppressions into its config file. */
  suppressions?: SuppressionWriter | undefined;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxDepth: 10,
  maxPaths: 50,
  maxResults: 5000,
  maxGraphNodes: 3000,
  pageLimit: 500,
  queryTimeBudgetMs: 2000,
  bodyBytes: 16 * 1024,
};
