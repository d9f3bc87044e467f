/**
 * Writes the demo organization to a snapshot directory on disk. Each file is written atomically
 * (server/snapshot/write-json-atomic.ts) as soon as its account is generated.
 */
import { join } from 'node:path';
import { writeJsonAtomic } from '../snapshot/write-json-atomic.js';
import type { DemoGeneration } from './accounts/previous-generation.js';
import type { DemoOptions } from './demo-options.js';
import {
  generateDemoOrganization,
  type DemoSink,
  type DemoSummary,
} from './generate-demo-organization.js';

/** A sink writing each file under `dir`. */
export function directorySink(dir: string): DemoSink {
  return {
    writeJson: (path, value) => writeJsonAtomic(join(dir, ...path.split('/')), value),
  };
}

/**
 * Writes the demo organization into `dir` (created if missing). Files of the same names are
 * replaced; other files in `dir` are left alone, so callers should pass a new or empty directory.
 * `generation: 'previous'` writes it as it was one scan earlier.
 */
export async function writeDemoSnapshot(
  dir: string,
  options: Partial<DemoOptions> = {},
  generation: DemoGeneration = 'current',
): Promise<DemoSummary> {
  return generateDemoOrganization(options, directorySink(dir), generation);
}
