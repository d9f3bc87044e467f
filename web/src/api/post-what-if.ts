/**
 * POST /api/what-if: a plan file's text (Terraform `show -json` output or a trustmap change file)
 * sent as the JSON body; the answer of `trustmap what-if --json` for the scan (docs/what-if.md).
 */
import type { WhatIfResult } from '../../../shared/what-if/what-if-result.js';
import { ApiError, buildUrl, readError, requestHeaders, type Query } from './client.js';

export type WhatIfAnswer = WhatIfResult & { scanId: number };

/** Sends `planText` (refused here when it is not JSON, so the message can say so). */
export async function postWhatIf(
  planText: string,
  query: Query,
  signal?: AbortSignal,
): Promise<WhatIfAnswer> {
  try {
    JSON.parse(planText);
  } catch {
    throw new ApiError(
      0,
      'bad-request',
      'the file is not JSON: use `terraform show -json PLANFILE > plan.json`',
    );
  }
  const init: RequestInit = {
    method: 'POST',
    headers: { ...requestHeaders(), 'content-type': 'application/json' },
    body: planText,
  };
  if (signal !== undefined) init.signal = signal;
  const response = await fetch(buildUrl('what-if', query), init);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw readError(response.status, body);
  if (body === undefined)
    throw new ApiError(response.status, 'bad-response', '/api/what-if: the answer is not JSON');
  return body as WhatIfAnswer;
}
