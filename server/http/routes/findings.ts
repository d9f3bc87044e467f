/** GET /api/findings: a scan's findings with filters and pagination (worst first). */
import { Router } from 'express';
import {
  SEVERITIES,
  type FindingStatus,
  type FindingView,
  type FindingsResponse,
} from '../../../shared/api/types.js';
import type { AccessGraph } from '../../../shared/graph/types.js';
import { NoScanError } from '../../scan/scan-diff.js';
import { readFindings } from '../../store/read-findings.js';
import { latestScanId, requireSucceededScan } from '../../store/scans.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import {
  optionalBool,
  optionalEnum,
  optionalInt,
  optionalScanId,
  optionalString,
} from '../params.js';

const STATUSES: readonly FindingStatus[] = ['new', 'open', 'resolved'];

/**
 * The findings with their subject's label from the scan's graph (the analysis the dashboard's
 * graph of that scan is drawn from). A scan whose analysis cannot be loaded keeps its findings
 * without labels: the list never fails for a name.
 */
async function withSubjectLabels(
  ctx: AppContext,
  scanId: number,
  findings: readonly FindingView[],
): Promise<FindingView[]> {
  let graph: AccessGraph;
  try {
    graph = (await ctx.cache.get(scanId)).analysis.graph;
  } catch {
    return [...findings];
  }
  return findings.map((f) => {
    if (!graph.hasNode(f.subject)) return f;
    const label = graph.getNodeAttribute(f.subject, 'label');
    return typeof label === 'string' && label !== '' ? { ...f, subjectLabel: label } : f;
  });
}

export function findingsRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/findings', async (req, res) => {
    const scanId = optionalScanId(req) ?? latestScanId(ctx.db);
    if (scanId === undefined) throw new NoScanError();
    requireSucceededScan(ctx.db, scanId);
    const statusText = optionalString(req, 'status');
    const status = statusText?.split(',').map((s) => {
      if (!(STATUSES as readonly string[]).includes(s))
        throw new ApiError(
          'bad-request',
          `status: expected a comma-separated list of new, open, resolved; got "${s.slice(0, 50)}"`,
          {
            param: 'status',
            expected: 'new, open, resolved (comma-separated)',
          },
        );
      return s as FindingStatus;
    });
    const severity = optionalEnum(req, 'severity', SEVERITIES);
    const severityOnly = optionalBool(req, 'severityOnly');
    if (severityOnly === true && severity === undefined)
      throw new ApiError('bad-request', 'severityOnly: needs severity (the one severity to list)', {
        param: 'severityOnly',
        expected: 'severity=critical|high|medium|low|info with it',
      });
    const rule = optionalString(req, 'rule');
    const accountId = optionalString(req, 'account');
    if (accountId !== undefined && !/^\d{12}$/.test(accountId))
      throw new ApiError('bad-request', 'account: expected a 12-digit account id', {
        param: 'account',
        expected: 'a 12-digit account id',
      });
    const q = optionalString(req, 'q');
    const suppressed = optionalBool(req, 'suppressed');
    const offset = optionalInt(req, 'offset', 0, 1_000_000_000) ?? 0;
    const limit = optionalInt(req, 'limit', 1, ctx.limits.pageLimit) ?? 100;
    const { total, findings } = readFindings(ctx.db, scanId, {
      ...(status === undefined ? {} : { status }),
      ...(severity === undefined ? {} : { severity }),
      ...(severityOnly === true ? { severityOnly } : {}),
      ...(rule === undefined ? {} : { rule }),
      ...(accountId === undefined ? {} : { accountId }),
      ...(q === undefined ? {} : { q }),
      ...(suppressed === undefined ? {} : { suppressed }),
      offset,
      limit,
    });
    const body: FindingsResponse = {
      scanId,
      total,
      offset,
      limit,
      findings: await withSubjectLabels(ctx, scanId, findings),
    };
    res.json(body);
  });
  return router;
}
