/** GET /api/diff?from=&to=: what changed between two scans (default: the latest and the one before). */
import { Router } from 'express';
import type { DiffResponse } from '../../../shared/api/types.js';
import { diffScans } from '../../scan/scan-diff.js';
import type { AppContext } from '../app-context.js';
import { optionalScanId } from '../params.js';

export function diffRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/diff', (req, res) => {
    const body: DiffResponse = diffScans(
      ctx.db,
      optionalScanId(req, 'from'),
      optionalScanId(req, 'to'),
    );
    res.json(body);
  });
  return router;
}
