/** GET /api/health: liveness, version, latest scan, scan state, schedule and the API's caps. */
import { Router } from 'express';
import type { HealthResponse } from '../../../shared/api/types.js';
import { latestScanId } from '../../store/scans.js';
import type { AppContext } from '../app-context.js';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const body: HealthResponse = {
      status: 'ok',
      version: ctx.version,
      scanRunning: ctx.scans?.isRunning() ?? false,
      liveCollection: ctx.scans?.liveCollection ?? false,
      limits: ctx.limits,
    };
    const latest = latestScanId(ctx.db);
    if (latest !== undefined) body.latestScan = latest;
    if (ctx.suppressions !== undefined) body.configWritable = true;
    if (ctx.schedule !== undefined) {
      const next = ctx.schedule.nextRun();
      body.schedule =
        next === undefined
          ? { cron: ctx.schedule.cron }
          : { cron: ctx.schedule.cron, nextRun: next.toISOString() };
    }
    res.json(body);
  });
  return router;
}
