/**
 * Adds a suppression to the analysis config file on behalf of `POST /api/suppressions` (only when
 * `trustmap serve --config FILE --allow-config-writes`). The file is read again, the new
 * suppression appended, the whole document validated as `loadAnalysisConfig` would, and written
 * atomically; writes are serialized. The in-memory config gets the suppression too, so the next
 * scan of this server applies it. Other keys of the file are kept as they are.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  validateAnalysisConfig,
  type AnalysisConfig,
  type Suppression,
} from '../../shared/config/analysis-config.js';
import { writeJsonAtomic } from '../snapshot/write-json-atomic.js';

export interface SuppressionWriter {
  /** The config file's base name (what the API says it wrote). */
  readonly file: string;
  add(suppression: Suppression): Promise<Suppression>;
}

export function createSuppressionWriter(path: string, config: AnalysisConfig): SuppressionWriter {
  let queue: Promise<unknown> = Promise.resolve();
  const write = async (suppression: Suppression): Promise<Suppression> => {
    const document = JSON.parse(await readFile(path, 'utf8')) as unknown;
    if (typeof document !== 'object' || document === null || Array.isArray(document))
      throw new Error(`config file ${path}: expected an object`);
    const record = document as Record<string, unknown>;
    const list: unknown[] = Array.isArray(record.suppressions)
      ? (record.suppressions as unknown[])
      : [];
    const next = { ...record, suppressions: [...list, suppression] };
    // The file as a whole must stay loadable.
    validateAnalysisConfig(next, `config file ${path}`);
    await writeJsonAtomic(path, next);
    config.suppressions = [...config.suppressions, suppression];
    return suppression;
  };
  return {
    file: basename(path),
    add(suppression) {
      const result = queue.then(() => write(suppression));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
