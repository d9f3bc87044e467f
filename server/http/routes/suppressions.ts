/**
 * POST /api/suppressions: writes a suppression (rule, subject and/or account, reason, expiry) into
 * the config file, when the server was started with `--config FILE --allow-config-writes`;
 * otherwise 403 `config-read-only`. The bearer token (when set) and the state-changing-request
 * guard of security.ts (`requireSameOriginJson`: JSON bodies from this same origin only) apply
 * as to every route of /api.
 */
import { Router } from 'express';
import type { SuppressionRequest, SuppressionResponse } from '../../../shared/api/types.js';
import { RULES } from '../../../shared/audit/index.js';
import { ConfigError, validateAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { expiryInstant } from '../../../shared/audit/suppressions.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';

const MAX_REASON = 500;
const MAX_SUBJECT = 2048;
const FIELDS = new Set(['rule', 'subject', 'accountId', 'reason', 'expires']);

function bad(field: string, message: string, expected: string): ApiError {
  return new ApiError('bad-request', `${field}: ${message}`, { field, expected });
}

/** The request body as a suppression, or a 400 naming the field. */
export function readSuppressionRequest(body: unknown, now: Date): SuppressionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw bad('body', 'expected a JSON object', '{ rule, subject?, accountId?, reason, expires? }');
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).find((k) => !FIELDS.has(k));
  if (extra !== undefined)
    throw bad(extra.slice(0, 50), 'unknown field', 'rule, subject, accountId, reason, expires');
  let suppression;
  try {
    suppression = validateAnalysisConfig({ suppressions: [record] }, 'body').suppressions?.[0];
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      const field = /^body\.suppressions\[0\]\.?(\w*)/.exec(err.message)?.[1] ?? '';
      throw new ApiError(
        'bad-request',
        err.message.replace(/^body\.suppressions\[0\]\.?/, field === '' ? 'body' : ''),
        { field: field === '' ? 'body' : field },
      );
    }
    throw err;
  }
  if (suppression === undefined) throw bad('body', 'expected a suppression', 'a suppression');
  if (suppression.rule !== '*' && !RULES.some((r) => r.id === suppression.rule))
    throw bad('rule', `unknown rule "${suppression.rule.slice(0, 80)}"`, 'a finding rule id or *');
  if (suppression.reason.trim() === '' || suppression.reason.length > MAX_REASON)
    throw bad('reason', `expected 1 to ${String(MAX_REASON)} characters`, 'a short reason');
  if (suppression.subject !== undefined && suppression.subject.length > MAX_SUBJECT)
    throw bad('subject', 'too long', `at most ${String(MAX_SUBJECT)} characters`);
  const end = expiryInstant(suppression.expires);
  if (end !== undefined && end <= now.getTime())
    throw bad('expires', 'the date is already past', 'a date in the future, e.g. 2027-01-31');
  return suppression;
}

export function suppressionRoutes(ctx: AppContext, now: () => Date = () => new Date()): Router {
  const router = Router();
  router.post('/suppressions', async (req, res) => {
    const writer = ctx.suppressions;
    if (writer === undefined)
      throw new ApiError(
        'config-read-only',
        'this server does not write its config: start it with --config FILE --allow-config-writes, or add the suppression to the config file yourself',
      );
    const suppression = readSuppressionRequest(req.body, now());
    const written = await writer.add(suppression);
    const body: SuppressionResponse = {
      suppression: written,
      file: writer.file,
      appliesFrom: 'next-scan',
    };
    res.status(201).json(body);
  });
  return router;
}
