/**
 * POST /api/what-if[?scan=ID][&account=ID][&failOn=SEVERITY]: the body is the plan itself —
 * Terraform's `terraform show -json` output or a trustmap change file — applied to the stored
 * scan (default: the latest); the answer is the `trustmap what-if --json` value
 * (docs/what-if.md). JSON from this origin only, like every state-changing route (security.ts);
 * a larger body limit than other routes, since plans are large.
 */
import express, { Router, type RequestHandler } from 'express';
import { lookupVendor } from '../../../shared/accounts/known-accounts.js';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { SEVERITY_ORDER, type Finding } from '../../../shared/audit/types.js';
import { WhatIfInputError } from '../../../shared/what-if/errors.js';
import { parseChangeInput, runWhatIf } from '../../../shared/what-if/run-what-if.js';
import type { Analysis } from '../../analyze/analyze-snapshot-dir.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { optionalEnum, optionalScanId, optionalString } from '../params.js';

/** Largest plan accepted (a plan of thousands of IAM resources is a few MB). */
export const WHAT_IF_BODY_BYTES = 16 * 1024 * 1024;

/** The body parser of this route, mounted before the API's small default one. */
export function whatIfBodyParser(): RequestHandler {
  return express.json({ limit: WHAT_IF_BODY_BYTES });
}

const FAIL_ON = [...SEVERITY_ORDER, 'none'] as const;

/** Findings of an analysis in memory, computed once. */
const FINDINGS = new WeakMap<Analysis, Finding[]>();

export function whatIfRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/what-if', async (req, res) => {
    const account = optionalString(req, 'account');
    if (account !== undefined && !/^\d{12}$/.test(account))
      throw new ApiError('bad-request', 'account: expected a 12-digit account id', { account });
    const failOn = optionalEnum(req, 'failOn', FAIL_ON) ?? 'high';
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null)
      throw new ApiError(
        'bad-request',
        'expected the plan as the JSON body: `terraform show -json` output or a trustmap change file',
      );
    const { scanId, analysis } = await ctx.cache.get(optionalScanId(req));
    const config = ctx.cache.config;
    let findings = FINDINGS.get(analysis);
    if (findings === undefined) {
      findings = computeFindings({ ...analysis, config });
      FINDINGS.set(analysis, findings);
    }
    try {
      const changeSet = parseChangeInput(JSON.stringify(body), analysis.snapshot, account);
      const result = runWhatIf(
        { ...analysis, findings, source: `scan ${String(scanId)}` },
        changeSet,
        {
          config,
          lookupVendor,
          failOn,
          ...(account === undefined ? {} : { defaultAccountId: account }),
        },
      );
      res.json({ scanId, ...result });
    } catch (err: unknown) {
      if (err instanceof WhatIfInputError)
        throw new ApiError('bad-request', err.message, {
          ...(err.address === undefined ? {} : { address: err.address }),
          ...(err.field === undefined ? {} : { field: err.field }),
        });
      throw err;
    }
  });
  return router;
}
