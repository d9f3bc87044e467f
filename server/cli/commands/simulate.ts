/**
 * `trustmap simulate --from-dir DIR --request FILE [--json]`: could this exact call succeed?
 * Decides one request (sts:AssumeRole / AssumeRoleWithWebIdentity / AssumeRoleWithSAML on a
 * role, or an S3 action on a bucket or object) against a snapshot, with the policy statements
 * that decide it. The request file follows the contract in shared/authorize/simulate-request.ts.
 *
 * Exit 0 whatever the decision; a bad request file or snapshot directory is a usage error
 * (exit 2) with a message on stderr naming the file and the field, and nothing on stdout.
 */
import { applyConfiguredOrganization } from '../../../shared/config/configured-organization.js';
import { loadAnalysisConfig } from '../../config/load-analysis-config.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  SimulateRequestError,
  compileAuthzModel,
  parseSimulateRequest,
  planSimulation,
  decidePlan,
  type AuthorizationResult,
  type Evidence,
  type SimulateRequest,
} from '../../../shared/authorize/index.js';
import type { Snapshot } from '../../../shared/snapshot/types.js';
import { policyLoadIssues } from '../../../shared/authorize/policy-load-issues.js';
import { printLoadIssues } from '../format/load-issues-output.js';
import { NotASnapshotError, readSnapshotDir } from '../../snapshot/read-snapshot-dir.js';
import { UsageError } from '../errors.js';
import { printJson, type CliIo } from '../io.js';

interface SimulateFlags {
  config?: string;
  fromDir: string;
  request: string;
  json?: boolean;
}

/** Request files are small; a larger file is a mistake (or hostile). */
const MAX_REQUEST_BYTES = 1024 * 1024;

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

/** Reads and validates the request file; every problem names the file (and the field). */
async function readRequest(file: string, shown: string): Promise<SimulateRequest> {
  let text: string;
  try {
    const buf = await readFile(file);
    if (buf.length > MAX_REQUEST_BYTES)
      throw new UsageError(
        `--request ${shown}: the file is larger than ${MAX_REQUEST_BYTES} bytes`,
      );
    text = buf.toString('utf8');
  } catch (err: unknown) {
    if (err instanceof UsageError) throw err;
    const code = errorCode(err);
    if (code === 'ENOENT') throw new UsageError(`--request ${shown}: no such file`);
    if (code === 'EISDIR')
      throw new UsageError(`--request ${shown}: is a directory, expected a JSON file`);
    throw new UsageError(`--request ${shown}: cannot read the file (${code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err: unknown) {
    throw new UsageError(
      `--request ${shown}: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  try {
    return parseSimulateRequest(json);
  } catch (err: unknown) {
    if (err instanceof SimulateRequestError)
      throw new UsageError(`--request ${shown}: field "${err.field}": ${err.message}`);
    throw err;
  }
}

async function readSnapshot(dir: string): Promise<Snapshot> {
  try {
    return await readSnapshotDir(dir);
  } catch (err: unknown) {
    // The loader's message already names the directory and what was expected.
    if (err instanceof NotASnapshotError) throw new UsageError(`--from-dir: ${err.message}`);
    throw err;
  }
}

/** Untrusted text (policy names, Sids, ARNs) printed to a terminal: no control characters. */
function clean(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x20 || (c >= 0x7f && c < 0xa0) ? '?' : ch;
  }
  return out;
}

function policyLabel(e: Evidence): string {
  const p = e.policy;
  const kind: Record<typeof p.kind, string> = {
    identity: 'identity policy',
    trust: 'trust policy',
    resource: p.name === 'bucket ACL' || p.name === 'bucket policy' ? p.name : 'resource policy',
    scp: 'SCP',
    rcp: 'RCP',
    boundary: 'permissions boundary',
    session: 'session policy',
  };
  const parts = [kind[p.kind]];
  if (p.kind !== 'trust' && p.name !== 'bucket ACL' && p.name !== 'bucket policy')
    parts.push(`"${p.name}"`);
  if (p.arn !== undefined) parts.push(p.arn);
  if (p.attachedTo !== undefined) parts.push(`on ${p.attachedTo}`);
  if (e.statementIndex !== undefined)
    parts.push(
      `#${e.statementIndex}${e.sid !== undefined && e.sid !== '' ? ` (Sid ${e.sid})` : ''}`,
    );
  return clean(parts.join(' '));
}

/** The readable report: decision, condition keys, then the evidence as an indented list. */
export function formatResult(result: AuthorizationResult): string {
  const lines = [`decision: ${result.decision}`];
  if (result.conditionKeys.length > 0)
    lines.push(`condition keys: ${clean(result.conditionKeys.join(', '))}`);
  lines.push('evidence:');
  for (const e of result.evidence) {
    lines.push(
      `  - ${e.role}${e.action !== undefined ? ` [${clean(e.action)}]` : ''}: ${policyLabel(e)}`,
    );
    lines.push(`      ${clean(e.reason)}`);
    if (e.conditionKeys.length > 0)
      lines.push(`      condition keys: ${clean(e.conditionKeys.join(', '))}`);
  }
  return `${lines.join('\n')}\n`;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description(
      'Could this exact call succeed? Decide one request against a snapshot, with the statements that decide it',
    )
    .requiredOption('--from-dir <dir>', 'snapshot directory to analyze')
    .requiredOption(
      '--request <file>',
      'request JSON file (principal, action, resource, context …)',
    )
    .option('--json', 'print {decision, conditionKeys, evidence} as JSON')
    .option(
      '--config <file>',
      'analysis config: its organization (for a snapshot without organization.json) is used',
    )
    .addHelpText(
      'after',
      '\nRequest file:\n' +
        '  { "principal": "arn:aws:iam::111111111111:user/alice",\n' +
        '    "action": "sts:AssumeRole", "resource": "arn:aws:iam::222222222222:role/deploy",\n' +
        '    "context": { "sts:ExternalId": "abc" }, "unknownContextKeys": ["aws:SourceIp"] }\n' +
        'principal may also be {"service": …}, {"federated": …} or {"anonymous": true}.\n' +
        'Keys the request does not set are absent; unknownContextKeys make the decision conditional where they decide.\n',
    )
    .action(async (flags: SimulateFlags) => {
      const requestFile = resolve(io.cwd, flags.request);
      const dir = resolve(io.cwd, flags.fromDir);
      const request = await readRequest(requestFile, flags.request);
      const config = await loadAnalysisConfig(
        flags.config === undefined ? undefined : resolve(io.cwd, flags.config),
        io.env,
      );
      const snapshot = applyConfiguredOrganization(await readSnapshot(dir), config);
      const model = compileAuthzModel(snapshot);
      if (flags.json !== true)
        printLoadIssues(io, 'simulate', [...snapshot.issues, ...policyLoadIssues(model, snapshot)]);
      let result: AuthorizationResult;
      try {
        const plan = planSimulation(model, request);
        result = decidePlan(plan);
      } catch (err: unknown) {
        if (err instanceof SimulateRequestError)
          throw new UsageError(`--request ${flags.request}: field "${err.field}": ${err.message}`);
        throw err;
      }
      if (flags.json === true) {
        printJson(io, {
          decision: result.decision,
          conditionKeys: result.conditionKeys,
          evidence: result.evidence,
          notes: result.notes,
        });
        return;
      }
      io.out(formatResult(result));
    });
}
