/** GET /api/findings: a scan's findings with filters and pagination (worst first). */
import { Router } from 'express';
import {
  SEVERITIES,
  type FindingStatus,
  type FindingsResponse,
} from '../../../shared/api/types.js';
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

export function findingsRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/findings', (req, res) => {
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
      ...(rule === undefined ? {} : { rule }),
      ...(accountId === undefined ? {} : { accountId }),
      ...(q === undefined ? {} : { q }),
      ...(suppressed === undefined ? {} : { suppressed }),
      offset,
      limit,
    });
    const body: FindingsResponse = { scanId, total, offset, limit, findings };
    res.json(body);
  });
  return router;
}
