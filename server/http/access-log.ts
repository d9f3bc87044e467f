/**
 * Request ids and the access log: every response carries `X-Request-Id` (the caller's, when it is
 * a short safe token, else a fresh UUID); one JSON line per request with method, path, status and
 * duration. Query strings and headers (the bearer token) are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

export interface AccessLogLine {
  time: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function accessLog(write: ((line: AccessLogLine) => void) | undefined): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given !== undefined && SAFE_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const t0 = performance.now();
    // Captured now: routers rewrite req.url while they run. originalUrl minus the query string.
    const path = (req.originalUrl.split('?')[0] ?? '').slice(0, 200);
    res.on('finish', () => {
      write?.({
        time: new Date().toISOString(),
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - t0) * 10) / 10,
      });
    });
    next();
  };
}
