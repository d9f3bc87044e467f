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

/**
 * The host name of a `Host` header (`name`, `name:port`, `[v6]:port`), lower-case, without a
 * trailing dot; undefined when malformed.
 */
export function hostName(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  if (h === '') return undefined;
  let name: string;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return undefined;
    name = h.slice(0, end + 1);
    const rest = h.slice(end + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined;
  } else {
    const colon = h.indexOf(':');
    name = colon < 0 ? h : h.slice(0, colon);
    if (colon >= 0 && !/^\d{1,5}$/.test(h.slice(colon + 1))) return undefined;
  }
  if (name.endsWith('.')) name = name.slice(0, -1);
  return /^[a-z0-9.\-_[\]:]+$/.test(name) ? name : undefined;
}

/** The names every server answers to on loopback. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]', '::1'];

/**
 * The Host names a server bound to `boundHost` answers: the loopback names, the bound address
 * (when it is not a wildcard address) and the names given by `--allowed-host`.
 */
export function allowedHostNames(boundHost: string, extra: readonly string[] = []): string[] {
  const names = new Set(LOOPBACK_NAMES);
  const bound = boundHost.trim().toLowerCase();
  if (bound !== '0.0.0.0' && bound !== '::' && bound !== '[::]' && bound !== '') {
    names.add(bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound);
  }
  for (const name of extra) {
    const n = hostName(name);
    if (n !== undefined) names.add(n);
  }
  return [...names];
}

/**
 * DNS rebinding guard: a page on `attacker.example` whose name resolves to 127.0.0.1 reaches the
 * server with `Host: attacker.example`. Only the names in `allowed` (and any loopback IPv4
 * address) are answered; anything else is 421 `misdirected-host`.
 */
export function requireAllowedHost(allowed: readonly string[]): RequestHandler {
  const names = new Set(allowed.map((n) => n.toLowerCase()));
  return (req, res, next) => {
    const name = hostName(req.get('host') ?? '');
    if (name !== undefined && (names.has(name) || /^127(\.\d{1,3}){3}$/.test(name))) {
      next();
      return;
    }
    res
      .status(421)
      .json(
        errorBody(
          'misdirected-host',
          'this server does not answer for that Host name; open it by an address it is bound to, or start it with --allowed-host NAME',
        ),
      );
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request guard for every state-changing request (anything but GET, HEAD, OPTIONS):
 * the body must be `application/json` (a cross-site form or `text/plain` POST cannot set it
 * without a CORS preflight, which this server never grants), and when the browser says where the
 * request comes from (`Sec-Fetch-Site`, `Origin`) it must be this same origin.
 */
export function requireSameOriginJson(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const site = req.get('sec-fetch-site')?.trim().toLowerCase();
    const origin = req.get('origin')?.trim();
    const host = hostName(req.get('host') ?? '');
    let sameOrigin = site === undefined || site === 'same-origin' || site === 'none';
    if (sameOrigin && origin !== undefined) {
      let originHost: string | undefined;
      try {
        originHost = origin === 'null' ? undefined : new URL(origin).host;
      } catch {
        originHost = undefined;
      }
      sameOrigin =
        originHost !== undefined &&
        host !== undefined &&
        originHost.toLowerCase() === (req.get('host') ?? '').trim().toLowerCase();
    }
    if (!sameOrigin) {
      res
        .status(403)
        .json(
          errorBody(
            'forbidden-origin',
            'a state-changing request must come from this server’s own pages (Origin and Sec-Fetch-Site say it does not)',
          ),
        );
      return;
    }
    const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      res
        .status(415)
        .json(
          errorBody(
            'unsupported-media-type',
            'a state-changing request must send Content-Type: application/json (e.g. an empty body {})',
          ),
        );
      return;
    }
    next();
  };
}

/** Strict-Transport-Security for a server reached through TLS (a terminating reverse proxy). */
export function strictTransportSecurity(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
