/**
 * Fake Amazon Bedrock AgentCore control plane (REST-JSON, signed as `bedrock-agentcore`):
 * ListAgentRuntimes (`POST /runtimes/`), GetAgentRuntime (`GET /runtimes/{id}/`),
 * ListCodeInterpreters (`POST /code-interpreters`, `type`, `nextToken` and `maxResults` in the
 * query string), GetCodeInterpreter (`GET /code-interpreters/{id}`), ListBrowsers (`POST /browsers`,
 * the same query string) and GetBrowser (`GET /browsers/{id}`), from the calling account's data in
 * the signed region. Timestamps go out as RFC 3339 strings, as this API sends them.
 */
import type { Scenario } from './scenario.js';
import { FakeApiError, pageOf, type FakeService } from './fake-request.js';
import { restJsonAccount, restJsonError } from './rest-json.js';

const ONE = /^\/code-interpreters\/([^/]+)$/;
const BROWSER = /^\/browsers\/([^/]+)$/;
const RUNTIME = /^\/runtimes\/([^/]+)\/$/;
const CREATED = '2026-03-04T05:06:07Z';

export function agentcoreControlService(scenario: Scenario): FakeService {
  return {
    identify(req) {
      if (req.method === 'POST' && req.path === '/code-interpreters')
        return {
          operation: 'bedrock-agentcore:ListCodeInterpreters',
          accountId: req.callerAccount,
        };
      if (req.method === 'POST' && req.path === '/browsers')
        return { operation: 'bedrock-agentcore:ListBrowsers', accountId: req.callerAccount };
      const browser = BROWSER.exec(req.path);
      if (req.method === 'GET' && browser !== null)
        return {
          operation: 'bedrock-agentcore:GetBrowser',
          accountId: req.callerAccount,
          resource: decodeURIComponent(browser[1] ?? ''),
        };
      if (req.method === 'POST' && req.path === '/runtimes/')
        return { operation: 'bedrock-agentcore:ListAgentRuntimes', accountId: req.callerAccount };
      const runtime = RUNTIME.exec(req.path);
      if (req.method === 'GET' && runtime !== null)
        return {
          operation: 'bedrock-agentcore:GetAgentRuntime',
          accountId: req.callerAccount,
          resource: decodeURIComponent(runtime[1] ?? ''),
        };
      const one = ONE.exec(req.path);
      if (req.method === 'GET' && one !== null)
        return {
          operation: 'bedrock-agentcore:GetCodeInterpreter',
          accountId: req.callerAccount,
          resource: decodeURIComponent(one[1] ?? ''),
        };
      return { operation: 'bedrock-agentcore:Unsupported', accountId: req.callerAccount };
    },
    error(_req, error) {
      return restJsonError(error);
    },
    respond(req, operation) {
      const account = restJsonAccount(scenario, req);
      const interpreters = account.regional?.[req.region]?.codeInterpreters ?? [];
      const json = (body: unknown) => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (operation === 'bedrock-agentcore:ListCodeInterpreters') {
        const type = req.query.get('type') ?? undefined;
        const limit = scenario.pageSize.regional ?? 100;
        const asked = req.query.get('maxResults');
        const page = pageOf(
          interpreters.filter((c) => type === undefined || c.type === type),
          req.query.get('nextToken'),
          asked === null ? limit : Math.min(limit, Number(asked)),
        );
        return json({
          codeInterpreterSummaries: page.items.map((c) => ({
            codeInterpreterId: c.codeInterpreterId,
            codeInterpreterArn: c.codeInterpreterArn,
            name: c.name,
            status: c.status,
            createdAt: CREATED,
          })),
          ...(page.next === undefined ? {} : { nextToken: page.next }),
        });
      }
      if (operation === 'bedrock-agentcore:GetCodeInterpreter') {
        const id = decodeURIComponent(ONE.exec(req.path)?.[1] ?? '');
        const c = interpreters.find((x) => x.codeInterpreterId === id);
        if (c === undefined)
          throw new FakeApiError(
            'ResourceNotFoundException',
            404,
            `code interpreter ${id} not found`,
          );
        return json({
          codeInterpreterId: c.codeInterpreterId,
          codeInterpreterArn: c.codeInterpreterArn,
          name: c.name,
          status: c.status,
          networkConfiguration: { networkMode: 'SANDBOX' },
          createdAt: CREATED,
          lastUpdatedAt: CREATED,
          ...(c.executionRoleArn === undefined ? {} : { executionRoleArn: c.executionRoleArn }),
        });
      }
      const browsers = account.regional?.[req.region]?.browsers ?? [];
      if (operation === 'bedrock-agentcore:ListBrowsers') {
        const type = req.query.get('type') ?? undefined;
        const limit = scenario.pageSize.regional ?? 100;
        const asked = req.query.get('maxResults');
        const page = pageOf(
          browsers.filter((b) => type === undefined || b.type === type),
          req.query.get('nextToken'),
          asked === null ? limit : Math.min(limit, Number(asked)),
        );
        return json({
          browserSummaries: page.items.map((b) => ({
            browserId: b.browserId,
            browserArn: b.browserArn,
            name: b.name,
            status: b.status,
            createdAt: CREATED,
          })),
          ...(page.next === undefined ? {} : { nextToken: page.next }),
        });
      }
      if (operation === 'bedrock-agentcore:GetBrowser') {
        const id = decodeURIComponent(BROWSER.exec(req.path)?.[1] ?? '');
        const b = browsers.find((x) => x.browserId === id);
        if (b === undefined)
          throw new FakeApiError('ResourceNotFoundException', 404, `browser ${id} not found`);
        return json({
          browserId: b.browserId,
          browserArn: b.browserArn,
          name: b.name,
          status: b.status,
          networkConfiguration: { networkMode: 'PUBLIC' },
          createdAt: CREATED,
          lastUpdatedAt: CREATED,
          ...(b.executionRoleArn === undefined ? {} : { executionRoleArn: b.executionRoleArn }),
        });
      }
      const runtimes = account.regional?.[req.region]?.agentRuntimes ?? [];
      if (operation === 'bedrock-agentcore:ListAgentRuntimes') {
        const limit = scenario.pageSize.regional ?? 100;
        const asked = req.query.get('maxResults');
        const page = pageOf(
          runtimes,
          req.query.get('nextToken'),
          asked === null ? limit : Math.min(limit, Number(asked)),
        );
        return json({
          agentRuntimes: page.items.map((r) => ({
            agentRuntimeArn: r.agentRuntimeArn,
            agentRuntimeId: r.agentRuntimeId,
            agentRuntimeVersion: '1',
            agentRuntimeName: r.agentRuntimeName,
            description: '',
            lastUpdatedAt: r.lastUpdatedAt,
            status: r.status,
          })),
          ...(page.next === undefined ? {} : { nextToken: page.next }),
        });
      }
      if (operation === 'bedrock-agentcore:GetAgentRuntime') {
        const id = decodeURIComponent(RUNTIME.exec(req.path)?.[1] ?? '');
        const r = runtimes.find((x) => x.agentRuntimeId === id);
        if (r === undefined)
          throw new FakeApiError('ResourceNotFoundException', 404, `agent runtime ${id} not found`);
        return json({
          agentRuntimeArn: r.agentRuntimeArn,
          agentRuntimeId: r.agentRuntimeId,
          agentRuntimeName: r.agentRuntimeName,
          agentRuntimeVersion: '1',
          createdAt: CREATED,
          lastUpdatedAt: r.lastUpdatedAt,
          roleArn: r.roleArn,
          status: r.status,
          lifecycleConfiguration: {},
          ...(r.jwt === true
            ? {
                authorizerConfiguration: {
                  customJWTAuthorizer: {
                    discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
                    allowedAudience: ['agents'],
                  },
                },
              }
            : {}),
        });
      }
      throw new FakeApiError(
        'ValidationException',
        400,
        `the fake does not implement ${operation}`,
      );
    },
  };
}
