/**
 * Scans: GET /api/scans (newest first, paginated), GET /api/scans/current (progress of the
 * running scan), GET /api/scans/:id, POST /api/scans (start a live scan; 202 with its progress).
 */
import { Router } from 'express';
import type {
  ScanDetail,
  ScanProgress,
  ScansListResponse,
  ScanStartedResponse,
} from '../../../shared/api/types.js';
import { getScan, listScans } from '../../store/scans.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { optionalInt, parseScanId } from '../params.js';

export function scanRoutes(ctx: AppContext, onScanError: (err: unknown) => void): Router {
  const router = Router();
  router.get('/scans', (req, res) => {
    const offset = optionalInt(req, 'offset', 0, 1_000_000_000) ?? 0;
    const limit = optionalInt(req, 'limit', 1, ctx.limits.pageLimit) ?? 50;
    const body: ScansListResponse = listScans(ctx.db, offset, limit);
    res.json(body);
  });
  router.get('/scans/current', (_req, res) => {
    const body: ScanProgress = ctx.scans?.progress() ?? { state: 'idle' };
    res.json(body);
  });
  router.get('/scans/:id', (req, res) => {
    const id = parseScanId(req.params.id, 'id') ?? 0;
    const body: ScanDetail = getScan(ctx.db, id);
    res.json(body);
  });
  router.post('/scans', (_req, res) => {
    const scans = ctx.scans;
    if (scans?.liveCollection !== true)
      throw new ApiError(
        'live-collection-not-configured',
        'this server cannot start scans: run `trustmap serve` with live collection (without --from-dir or --demo) or run `trustmap scan`',
      );
    if (scans.isRunning())
      throw new ApiError('scan-running', 'a scan is already running', {
        progress: scans.progress(),
      });
    scans.start().catch(onScanError);
    const body: ScanStartedResponse = { started: true, progress: scans.progress() };
    res.status(202).json(body);
  });
  return router;
}
