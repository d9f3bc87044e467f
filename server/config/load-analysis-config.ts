/**
 * Reads the analysis config file (JSON: trustedAccounts, crownJewels, suppressions). The path
 * comes from `--config`, else `TRUSTMAP_CONFIG`; without either, the defaults apply.
 * `TRUSTMAP_MAX_SNAPSHOT_FILE_MIB` overrides the file's `maxSnapshotFileMiB`.
 */
import { readFile } from 'node:fs/promises';
import {
  ConfigError,
  parseMaxSnapshotFileMiB,
  resolveAnalysisConfig,
  validateAnalysisConfig,
  type AnalysisConfig,
} from '../../shared/config/analysis-config.js';
import { UsageError } from '../cli/errors.js';

export async function loadAnalysisConfig(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<AnalysisConfig> {
  const config = await loadConfigFile(path ?? env.TRUSTMAP_CONFIG);
  const limit = env.TRUSTMAP_MAX_SNAPSHOT_FILE_MIB;
  if (limit !== undefined && limit !== '') {
    try {
      config.maxSnapshotFileMiB = parseMaxSnapshotFileMiB(limit, 'TRUSTMAP_MAX_SNAPSHOT_FILE_MIB');
    } catch (err: unknown) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
  }
  return config;
}

async function loadConfigFile(file: string | undefined): Promise<AnalysisConfig> {
  if (file === undefined || file === '') return resolveAnalysisConfig();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err: unknown) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'error';
    throw new UsageError(`config file ${file}: cannot be read (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err: unknown) {
    throw new UsageError(
      `config file ${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  try {
    return resolveAnalysisConfig(validateAnalysisConfig(json, file));
  } catch (err: unknown) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}
