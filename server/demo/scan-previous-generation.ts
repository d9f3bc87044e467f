/**
 * `trustmap serve --demo` stores two scans: the previous generation of the demo organization
 * (accounts/previous-generation.ts), then the current one. The Scans view then has a diff to
 * show — one role added, one removed — and the Findings view a finding `new` since the last scan
 * and one `resolved`. Scale demos skip it: a second scan would double their start-up time.
 */
import type { AnalysisConfig } from '../../shared/config/analysis-config.js';
import { runScan, type ScanPipeline, type ScanResult } from '../scan/run-scan.js';
import type { Store } from '../store/open-store.js';
import { writeDemoSnapshot } from './write-demo-snapshot.js';

/** Demos of more accounts than this start with one scan only. */
export const PREVIOUS_SCAN_MAX_ACCOUNTS = 100;

/** Where the previous generation of the demo in `currentDir` is written. */
export function previousGenerationDir(currentDir: string): string {
  return `${currentDir.replace(/[/\\]+$/, '')}-previous`;
}

/**
 * Writes the previous generation next to `currentDir` and scans it into `db`, before the scan of
 * the current generation. Returns undefined (and does nothing) above
 * PREVIOUS_SCAN_MAX_ACCOUNTS accounts.
 */
export async function scanPreviousDemoGeneration(
  db: Store,
  currentDir: string,
  options: { accounts: number; seed: string },
  config: AnalysisConfig,
  pipeline: ScanPipeline,
): Promise<ScanResult | undefined> {
  if (options.accounts > PREVIOUS_SCAN_MAX_ACCOUNTS) return undefined;
  const dir = previousGenerationDir(currentDir);
  await writeDemoSnapshot(dir, options, 'previous');
  return runScan(db, { dir, source: 'demo', sourceDetail: dir, config }, pipeline);
}
