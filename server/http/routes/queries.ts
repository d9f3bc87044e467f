/**
 * The graph queries: GET /api/can-assume, /api/paths, /api/who-can-reach, /api/reachable-from.
 * Bodies are the query engine's values (what the CLI prints with --json); caps on depth and
 * result size answer 400 when exceeded, and the time budget answers `truncated`. Answers are
 * kept per scan (answer-cache.ts): the same question on the same scan is answered once.
 */
import { Router, type Request, type Response } from 'express';
import { AnswerCache } from '../answer-cache.js';
import type {
  CanAssumeResponse,
  PathsResponse,
  ReachableFromResponse,
  WhoCanReachResponse,
} from '../../../shared/api/types.js';
import type { ActionGroup } from '../../../shared/graph/types.js';
import { ALL_ACTION_GROUPS } from '../../../shared/query/action-groups.js';
import {
  findPaths,
  findReachableFrom,
  findWhoCanAssume,
  findWhoCanReach,
  resolveNodeKey,
} from '../../../shared/query/index.js';
import type { AppContext } from '../app-context.js';
import {
  optionalBool,
  optionalEnum,
  optionalInt,
  optionalScanId,
  requiredString,
} from '../params.js';

const ACTIONS: readonly ActionGroup[] = ALL_ACTION_GROUPS;

export function queryRoutes(ctx: AppContext, answers = new AnswerCache()): Router {
  const router = Router();
  /** Sends the kept answer of `req` on `scanId`, or computes, keeps and sends it. */
  const answer = (req: Request, res: Response, scanId: number, compute: () => unknown): void => {
    const key = AnswerCache.keyOf(scanId, req);
    let json = answers.get(key);
    if (json === undefined) {
      const body = compute();
      json = JSON.stringify(body);
      answers.set(key, json, body);
    }
    res.type('application/json').send(json);
  };
  const search = (
    req: Request,
  ): { includeConditional?: boolean; maxDepth?: number; timeBudgetMs: number } => {
    const includeConditional = optionalBool(req, 'includeConditional');
    const maxDepth = optionalInt(req, 'maxDepth', 1, ctx.limits.maxDepth);
    return {
      ...(includeConditional === undefined ? {} : { includeConditional }),
      ...(maxDepth === undefined ? {} : { maxDepth }),
      timeBudgetMs: ctx.limits.queryTimeBudgetMs,
    };
  };

  router.get('/can-assume', async (req, res) => {
    const role = requiredString(req, 'role', 'the role ARN');
    const includeConditional = optionalBool(req, 'includeConditional');
    const { scanId, analysis } = await ctx.cache.get(optionalScanId(req));
    answer(req, res, scanId, (): CanAssumeResponse => {
      const key = resolveNodeKey(analysis.graph, role);
      return findWhoCanAssume(
        analysis.graph,
        key,
        includeConditional === undefined ? {} : { includeConditional },
      );
    });
  });

  router.get('/paths', async (req, res) => {
    const from = requiredString(req, 'from', 'the starting node key');
    const to = requiredString(req, 'to', 'the target node key');
    const options = search(req);
    const maxPaths = optionalInt(req, 'maxPaths', 1, ctx.limits.maxPaths);
    const action = optionalEnum(req, 'action', ACTIONS);
    const { scanId, analysis } = await ctx.cache.get(optionalScanId(req));
    answer(req, res, scanId, (): PathsResponse => {
      const fromKey = resolveNodeKey(analysis.graph, from);
      const toKey = resolveNodeKey(analysis.graph, to);
      const result = findPaths(analysis.graph, fromKey, toKey, {
        ...options,
        ...(maxPaths === undefined ? {} : { maxPaths }),
        ...(action === undefined ? {} : { action }),
      });
      return { from: fromKey, to: toKey, ...result };
    });
  });

  router.get('/who-can-reach', async (req, res) => {
    const resource = requiredString(req, 'resource', 'the bucket, resource or role ARN');
    const options = search(req);
    const action = optionalEnum(req, 'action', ACTIONS);
    const maxResults = optionalInt(req, 'maxResults', 1, ctx.limits.maxResults);
    const { scanId, analysis } = await ctx.cache.get(optionalScanId(req));
    answer(req, res, scanId, (): WhoCanReachResponse => {
      const key = resolveNodeKey(analysis.graph, resource);
      return findWhoCanReach(analysis.graph, key, {
        ...options,
        ...(action === undefined ? {} : { action }),
        ...(maxResults === undefined ? {} : { maxResults }),
      });
    });
  });

  router.get('/reachable-from', async (req, res) => {
    const principal = requiredString(req, 'principal', 'the principal or account ARN');
    const options = search(req);
    const maxResults = optionalInt(req, 'maxResults', 1, ctx.limits.maxResults);
    const { scanId, analysis } = await ctx.cache.get(optionalScanId(req));
    answer(req, res, scanId, (): ReachableFromResponse => {
      const key = resolveNodeKey(analysis.graph, principal);
      return findReachableFrom(analysis.graph, key, {
        ...options,
        ...(maxResults === undefined ? {} : { maxResults }),
      });
    });
  });
  return router;
}
