/**
 * What the REST-JSON fakes (AgentCore control, Batch) share: the error body with
 * `x-amzn-errortype`, and the calling account's data or the SDK's invalid-token error.
 */
import type { AccountData, Scenario } from './scenario.js';
import { FakeApiError, type FakeRequest, type FakeResponse } from './fake-request.js';

export function restJsonError(error: FakeApiError): FakeResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
    body: JSON.stringify({ message: error.message }),
  };
}

export function restJsonAccount(scenario: Scenario, req: FakeRequest): AccountData {
  const account = scenario.account(req.callerAccount);
  if (account === undefined)
    throw new FakeApiError('UnrecognizedClientException', 403, 'The security token is invalid.');
  return account;
}
