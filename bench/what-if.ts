/**
 * Benchmark of `what-if` on the 1,000-account demo organization: a change of 20 edits (trust
 * policies, inline policies, attachments, group memberships, bucket policies, a new role, a
 * deletion) answered with the incremental rebuild and with a full rebuild, alternating, in one
 * run, on the same loaded base (as `trustmap serve` holds it). Prints JSON: per run the total
 * time and its stages, and whether both answers are the same. Load average is recorded with each
 * figure: the machine is shared.
 *
 * Run: node --max-old-space-size=12288 --import tsx bench/what-if.ts [--dir DEMO_DIR] [--accounts 1000]
 * (without --dir the demo is generated into a temporary directory first).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { lookupVendor } from '../shared/accounts/known-accounts.js';
import { computeFindings } from '../shared/audit/compute-findings.js';
import { DEFAULT_ANALYSIS_CONFIG } from '../shared/config/analysis-config.js';
import { parseChangeFile } from '../shared/what-if/parse-change-file.js';
import { runWhatIf } from '../shared/what-if/run-what-if.js';
import type { WhatIfResult } from '../shared/what-if/what-if-result.js';
import { analyzeSnapshot } from '../server/analyze/analyze-snapshot-dir.js';
import { writeDemoSnapshot } from '../server/demo/write-demo-snapshot.js';
import { readSnapshotDir } from '../server/snapshot/read-snapshot-dir.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const accounts = Number(flag('--accounts') ?? 1000) || 1000;
const load = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);
const s = (ms: number): number => Math.round(ms) / 1000;

const acct = (n: number): string => `5000000${String(n).padStart(5, '0')}`;
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const allow = (action: string | string[], resource: string | string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const trust = (principals: string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }],
});

/** 20 edits across the organization. */
function changeFile(): unknown {
  const changes: unknown[] = [];
  for (const n of [9, 11, 13, 15, 17])
    changes.push({
      kind: 'trust-policy',
      arn: `arn:aws:iam::${acct(n)}:role/PipelineDeployRole`,
      document: trust([
        'arn:aws:iam::444444444444:role/ci/PipelineRole',
        'arn:aws:iam::999988887777:root',
      ]),
    });
  for (const n of [19, 21, 23, 25, 27])
    changes.push({
      kind: 'inline-policy',
      arn: `arn:aws:iam::${acct(n)}:role/service-role/LambdaExecutionRole`,
      name: 'AssumeAdmin',
      document: allow(
        'sts:AssumeRole',
        `arn:aws:iam::${acct(n)}:role/OrganizationAccountAccessRole`,
      ),
    });
  for (const n of [10, 12, 14])
    changes.push({
      kind: 'attachment',
      arn: `arn:aws:iam::${acct(n)}:role/DeveloperRole`,
      policyArn: ADMIN,
    });
  changes.push({
    kind: 'group-membership',
    arn: 'arn:aws:iam::222222222222:user/people/bob',
    group: 'SecurityAdmins',
  });
  changes.push({
    kind: 'group-membership',
    arn: 'arn:aws:iam::222222222222:user/people/carol',
    group: 'Auditors',
  });
  for (const n of [20, 22])
    changes.push({
      kind: 'bucket-policy',
      arn: `arn:aws:s3:::acme-app-data-${acct(n)}`,
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999988887777:root' },
            Action: 's3:GetObject',
            Resource: `arn:aws:s3:::acme-app-data-${acct(n)}/*`,
          },
        ],
      },
    });
  changes.push({
    kind: 'principal',
    arn: `arn:aws:iam::${acct(30)}:role/PartnerAdminRole`,
    trustPolicy: trust(['arn:aws:iam::999988887777:root']),
  });
  changes.push({
    kind: 'attachment',
    arn: `arn:aws:iam::${acct(30)}:role/PartnerAdminRole`,
    policyArn: ADMIN,
  });
  changes.push({ kind: 'delete', arn: 'arn:aws:iam::500000000003:role/CycleRoleA' });
  return { changes };
}

function signature(r: WhatIfResult): string {
  const key = (e: {
    source: string;
    target: string;
    kind: string;
    actionGroup?: string;
    decision: string;
  }): string => `${e.source}|${e.target}|${e.kind}|${e.actionGroup ?? ''}|${e.decision}`;
  return JSON.stringify({
    newEdges: r.edges.newEdges.map(key).sort(),
    removedEdges: r.edges.removedEdges.map(key).sort(),
    changedEdges: r.edges.changedEdges.map(key).sort(),
    paths: r.paths
      .map((p) => `${p.category}|${p.start}|${p.target}|${String(p.hops.length)}`)
      .sort(),
    newFindings: r.findings.new.map((f) => f.id).sort(),
    worsened: r.findings.worsened.map((f) => f.id).sort(),
    resolved: r.findings.resolved.map((f) => f.id).sort(),
    newAdmins: r.newAdmins.map((a) => a.arn).sort(),
  });
}

let tmp: string | undefined;
try {
  let dir = flag('--dir');
  if (dir === undefined) {
    tmp = await mkdtemp(join(tmpdir(), 'trustmap-bench-what-if-'));
    dir = join(tmp, 'demo');
    await writeDemoSnapshot(dir, { accounts, seed: 'trustmap-demo' });
  }
  const config = DEFAULT_ANALYSIS_CONFIG;
  const t0 = performance.now();
  const base = analyzeSnapshot(await readSnapshotDir(dir), config);
  const baseSeconds = s(performance.now() - t0);
  const t1 = performance.now();
  const findings = computeFindings({ ...base, config });
  const findingsSeconds = s(performance.now() - t1);
  const changeSet = parseChangeFile(changeFile());
  const runs: Record<string, unknown>[] = [];
  const signatures = new Map<string, string>();
  const modes =
    flag('--runs') === 'incremental'
      ? (['auto'] as const)
      : (['auto', 'full', 'auto', 'full', 'auto'] as const);
  for (const mode of modes) {
    const loadBefore = load();
    const r = runWhatIf({ ...base, findings, source: dir }, changeSet, {
      config,
      lookupVendor,
      failOn: 'high',
      rebuild: mode,
    });
    signatures.set(r.rebuild.mode, signature(r));
    runs.push({
      rebuild: r.rebuild.mode,
      ...(r.rebuild.reason !== undefined ? { reason: r.rebuild.reason } : {}),
      ...(r.rebuild.stagesMs !== undefined
        ? {
            rebuiltTargets: r.rebuild.rebuiltTargets,
            rebuildStagesSeconds: Object.fromEntries(
              Object.entries(r.rebuild.stagesMs).map(([k, v]) => [k, s(v)]),
            ),
          }
        : {}),
      totalSeconds: s(r.timingsMs.total),
      stagesSeconds: {
        apply: s(r.timingsMs.apply),
        rebuild: s(r.timingsMs.rebuild),
        findings: s(r.timingsMs.findings),
        paths: s(r.timingsMs.paths),
        ...(r.timingsMs.restore !== undefined ? { restore: s(r.timingsMs.restore) } : {}),
      },
      answer: {
        applied: r.summary.applied,
        newEdges: r.summary.newEdges,
        removedEdges: r.summary.removedEdges,
        newPaths: r.summary.newPaths,
        newFindings: r.summary.newFindings,
        resolvedFindings: r.summary.resolvedFindings,
        newAdmins: r.summary.newAdmins,
        failing: r.summary.failing,
      },
      loadAverage: { before: loadBefore, after: load() },
    });
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'what-if, 20 changes',
        accounts,
        graph: { nodes: base.graph.order, edges: base.graph.size },
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model,
          memoryGB: Math.round(totalmem() / 2 ** 30),
        },
        baseAnalysisSeconds: baseSeconds,
        baseFindingsSeconds: findingsSeconds,
        changes: changeSet.changes.length,
        ...(signatures.size === 2
          ? { sameAnswer: signatures.get('incremental') === signatures.get('full') }
          : {}),
        runs,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
}
