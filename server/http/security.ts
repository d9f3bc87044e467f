/**
 * Security middleware: helmet with a strict Content-Security-Policy (no inline scripts, nothing
 * from other origins) and the bearer-token check of `/api` (constant-time comparison of SHA-256
 * digests, so neither the token nor its length leaks through timing). The token is never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { errorBody } from './errors.js';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** `Authorization: Bearer <token>` must match `token`; else 401 `unauthorized`. */
export function requireBearerToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (m?.[1] !== undefined && timingSafeEqual(digest(m[1]), expected)) {
      next();
      return;
    }
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="trustmap"')
      .json(
        errorBody(
          'unauthorized',
          'a valid bearer token is required (Authorization: Bearer <token>)',
        ),
      );
  };
}

/** Loopback addresses that may be bound without a token. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}
