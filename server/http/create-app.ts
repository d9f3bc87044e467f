/**
 * The Express 5 application of `trustmap serve`, without `listen` (tests use it directly):
 * security headers, request ids and the access log, the bearer token on `/api` when one is set,
 * the JSON API under `/api`, the built web app at `/` (or a plain-text note when it has not been
 * built), and the one error handler, last.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { AppContext } from './app-context.js';
import { accessLog, type AccessLogLine } from './access-log.js';
import { AnswerCache } from './answer-cache.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { diffRoutes } from './routes/diff.js';
import { edgeRoutes } from './routes/edge.js';
import { findingDetailRoutes } from './routes/finding-detail.js';
import { findingsRoutes } from './routes/findings.js';
import { graphRoutes } from './routes/graph.js';
import { healthRoutes } from './routes/health.js';
import { nodeRoutes } from './routes/node.js';
import { queryRoutes } from './routes/queries.js';
import { scanRoutes } from './routes/scans.js';
import { suppressionRoutes } from './routes/suppressions.js';
import { whatIfBodyParser, whatIfRoutes } from './routes/what-if.js';
import {
  requireAllowedHost,
  requireBearerToken,
  requireSameOriginJson,
  securityHeaders,
  strictTransportSecurity,
} from './security.js';

export interface AppOptions {
  context: AppContext;
  /** Required on every `/api` call when set (Authorization: Bearer). */
  token?: string | undefined;
  /** Directory of the built web app (`web/dist`); served at `/` when it holds index.html. */
  webDir?: string | undefined;
  /** Access log lines (default: none). */
  log?: ((line: AccessLogLine) => void) | undefined;
  /**
   * Bytes of query answers kept per scan (answer-cache.ts; default 64 MiB, 0 keeps none); as
   * many again for principal-level graph answers.
   */
  answerCacheBytes?: number | undefined;
  /**
   * Host header names answered (DNS rebinding guard, `requireAllowedHost`); every other name gets
   * 421. Undefined: any Host (tests of the routes only; `serve` always sets it).
   */
  allowedHosts?: readonly string[] | undefined;
  /** Reached through a TLS-terminating proxy: send Strict-Transport-Security. */
  hsts?: boolean | undefined;
  /** Unexpected errors, for the server's own log (never sent to the client). */
  onError?: ((err: unknown, requestId: string) => void) | undefined;
}

export const WEB_NOT_BUILT =
  'trustmap: the web dashboard has not been built.\n\n' +
  'Build it with `npm run build:web` (or run `npm start`), then reload this page.\n' +
  'The JSON API is available under /api (try /api/health).\n';

export function createApp(options: AppOptions): Express {
  const app = express();
  const ctx = options.context;
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(accessLog(options.log));
  if (options.allowedHosts !== undefined) app.use(requireAllowedHost(options.allowedHosts));
  app.use(securityHeaders());
  if (options.hsts === true) app.use(strictTransportSecurity());
  // gzip when the client accepts it: a 50,000-node principal-level answer is ~90 MB of JSON and
  // ~3 MB compressed (ARNs repeat). No answer mixes a secret with text from the request.
  app.use(compression());

  const api = express.Router();
  if (options.token !== undefined) api.use(requireBearerToken(options.token));
  // Every state-changing route: JSON from this same origin only (cross-site POST, issue 13).
  api.use(requireSameOriginJson());
  // Plans are larger than other bodies: the what-if route parses its own first.
  api.use('/what-if', whatIfBodyParser());
  api.use(express.json({ limit: ctx.limits.bodyBytes }));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(healthRoutes(ctx));
  api.use(
    scanRoutes(ctx, (err) => {
      options.onError?.(err, 'scan');
    }),
  );
  // Graph answers have a budget of their own: a large view never pushes query answers out.
  api.use(graphRoutes(ctx, new AnswerCache(options.answerCacheBytes)));
  api.use(nodeRoutes(ctx));
  api.use(edgeRoutes(ctx));
  api.use(queryRoutes(ctx, new AnswerCache(options.answerCacheBytes)));
  api.use(findingsRoutes(ctx));
  api.use(findingDetailRoutes(ctx));
  api.use(suppressionRoutes(ctx));
  api.use(diffRoutes(ctx));
  api.use(whatIfRoutes(ctx));
  api.use(notFoundHandler);
  app.use('/api', api);

  const webDir = options.webDir;
  if (webDir !== undefined && existsSync(join(webDir, 'index.html'))) {
    app.use(express.static(webDir, { index: 'index.html', fallthrough: true }));
    app.get('/{*path}', (_req, res) => {
      res.sendFile(join(webDir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send(WEB_NOT_BUILT);
    });
  }
  app.use(
    errorHandler((err, requestId) => {
      options.onError?.(err, requestId);
    }),
  );
  return app;
}
