// The dashboard in Chromium against the real `trustmap serve --demo` (the demo organization of
// docs/demo-organization.md): organization view, vendor labelling, path finder, who-can-reach,
// findings filters and shared links. Screenshots are kept in test/artifacts/web/.
import { describe, expect, it } from 'vitest';
import { waitForExpression } from './helpers/browser.js';
import { useDashboard } from './helpers/dashboard-session.js';

const EXTERNAL = 'arn:aws:iam::999988887777:root';
const DATADOG = 'arn:aws:iam::464622532012:root';
const DEPLOYMENT_ADMIN = 'arn:aws:iam::500000000001:role/DeploymentAdminRole';
const EXTERNAL_DEPLOY = 'arn:aws:iam::444444444444:role/ci/ExternalDeployRole';
const PARTNER_BUCKET = 'arn:aws:s3:::acme-partner-exchange-500000000002';
const PARTNER_AUDIT = 'arn:aws:iam::500000000002:role/PartnerAuditRole';
const LEGACY_PUBLIC = 'arn:aws:iam::500000000003:role/LegacyPublicRole';
const FUNCTION = (name: string): string => `arn:aws:lambda:us-east-1:500000000005:function:${name}`;

/** What the checks read of a DOM element (the test code is compiled without the DOM library). */
interface Attributed {
  getAttribute(name: string): string | null;
}

const { open, shot } = useDashboard();

describe('dashboard on the demo organization', () => {
  it('renders the organization view: a WebGL canvas, the account-level graph, no console errors', async () => {
    const w = await open('');
    const canvas = w.page.locator('[data-testid="graph-canvas"][data-rendered="true"]');
    await canvas.waitFor({ timeout: 60_000 });
    expect(await w.page.locator('[data-testid="graph-canvas"] canvas').count()).toBeGreaterThan(0);
    // A WebGL2 context exists on the renderer's canvases (getContext returns the existing one).
    const hasWebgl = await w.page.evaluate(
      "[...document.querySelectorAll('[data-testid=graph-canvas] canvas')].some((c) => c.getContext('webgl2') !== null)",
    );
    expect(hasWebgl).toBe(true);
    expect(await w.page.locator('[data-testid="graph-summary"]').getAttribute('data-level')).toBe(
      'account',
    );
    expect(Number(await canvas.getAttribute('data-nodes'))).toBeGreaterThan(12);
    await w.page.waitForTimeout(500);
    await shot(w, 'organization');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('labels the Datadog account by vendor name; its trust edges are conditional (ExternalId)', async () => {
    const w = await open('');
    const datadog = w.page.locator(`[data-testid="outsider"][data-key="${DATADOG}"]`);
    await datadog.waitFor({ timeout: 60_000 });
    expect(await datadog.locator('.row-title').textContent()).toBe('Datadog');
    // Its worst edge: the resources shared with it in 500000000005 (a resource policy has no
    // ExternalId to require), as bad as the unknown external account's unconditional trust.
    expect(await datadog.getAttribute('data-state')).toBe('external');
    const external = w.page.locator(`[data-testid="outsider"][data-key="${EXTERNAL}"]`);
    expect(await external.getAttribute('data-state')).toBe('external');
    await datadog.click();
    await w.page.locator('[data-testid="node-detail"]').waitFor();
    expect(await w.page.locator('[data-testid="panel-title"]').textContent()).toBe('Datadog');
    expect(new URL(w.page.url()).searchParams.get('node')).toBe(DATADOG);
    await shot(w, 'datadog-selected');
    // Its trust into an organization account is conditional on sts:ExternalId.
    await w.page.goto(
      `${new URL(w.page.url()).origin}/?edge=${encodeURIComponent(JSON.stringify([DATADOG, 'arn:aws:iam::500000000001:root']))}`,
    );
    const state = w.page.locator('[data-testid="edge-state"] [data-testid="state-badge"]');
    await state.waitFor({ timeout: 60_000 });
    expect(await state.getAttribute('data-state')).toBe('conditional');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('path finder: finds the external chain 999988887777 → ExternalDeployRole → DeploymentAdminRole', async () => {
    const w = await open(`?view=path&from=${encodeURIComponent(EXTERNAL)}`);
    const to = w.page.locator('[data-testid="path-to"]');
    await to.fill('DeploymentAdminRole');
    const suggestion = w.page.locator(`[data-testid="suggestion"][data-key="${DEPLOYMENT_ADMIN}"]`);
    await suggestion.waitFor({ timeout: 30_000 });
    await suggestion.click();
    const path = w.page.locator('[data-testid="path"]').first();
    await path.waitFor({ timeout: 60_000 });
    const hops = await path
      .locator('[data-testid="hop"]')
      .evaluateAll((items: Attributed[]) =>
        items.map((i) => [i.getAttribute('data-source'), i.getAttribute('data-target')]),
      );
    expect(hops).toEqual([
      [EXTERNAL, EXTERNAL_DEPLOY],
      [EXTERNAL_DEPLOY, DEPLOYMENT_ADMIN],
    ]);
    expect(await path.locator('.decision-conditional').count()).toBeGreaterThan(0);
    expect(new URL(w.page.url()).searchParams.get('to')).toBe(DEPLOYMENT_ADMIN);
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    await w.page.waitForTimeout(800);
    await shot(w, 'path-finder');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('who can reach: lists the external partner account and PartnerAuditRole for the partner bucket', async () => {
    const w = await open(`?view=reach&resource=${encodeURIComponent(PARTNER_BUCKET)}&action=read`);
    await w.page.locator('[data-testid="reach-results"]').waitFor({ timeout: 60_000 });
    const external = w.page.locator(
      `[data-testid="reach-group-external"] [data-testid="reach-entry"][data-key="${EXTERNAL}"]`,
    );
    expect(await external.count()).toBe(1);
    const org = w.page.locator(
      `[data-testid="reach-group-org"] [data-testid="reach-entry"][data-key="${PARTNER_AUDIT}"]`,
    );
    expect(await org.count()).toBe(1);
    expect(await w.page.locator('[data-testid="reach-group-public"]').count()).toBe(0);
    await w.page.waitForTimeout(800);
    await shot(w, 'who-can-reach');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('who can reach a Lambda function: its groups in the picker; anyone through the public URL, Datadog through the function policy', async () => {
    const w = await open(
      `?view=reach&resource=${encodeURIComponent(FUNCTION('public-status-page'))}&action=invoke`,
    );
    await w.page.locator('[data-testid="reach-results"]').waitFor({ timeout: 60_000 });
    const options = await w.page
      .locator('[data-testid="reach-action"] option')
      .evaluateAll((items: Attributed[]) => items.map((i) => i.getAttribute('value')));
    expect(options).toEqual(['invoke', 'read', 'modify']);
    expect(
      await w.page
        .locator('[data-testid="reach-group-public"] [data-testid="reach-entry"][data-key="*"]')
        .count(),
    ).toBe(1);
    await w.page.goto(
      w.page
        .url()
        .replace(
          encodeURIComponent(FUNCTION('public-status-page')),
          encodeURIComponent(FUNCTION('vendor-report-export')),
        ),
    );
    const datadog = w.page.locator(
      `[data-testid="reach-group-vendor"] [data-testid="reach-entry"][data-key="${DATADOG}"]`,
    );
    await datadog.waitFor({ timeout: 60_000 });
    expect(await w.page.locator('[data-testid="reach-group-public"]').count()).toBe(0);
    await shot(w, 'who-can-reach-function');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it("a Lambda function's panel shows its function URLs (AuthType, alias served) and its aliases", async () => {
    const publicPage = FUNCTION('public-status-page');
    const w = await open(`?node=${encodeURIComponent(publicPage)}`);
    const detail = w.page.locator(`[data-testid="node-detail"][data-key="${publicPage}"]`);
    await detail.waitFor({ timeout: 60_000 });
    const url = detail.locator('[data-testid="function-url"]');
    expect(await url.count()).toBe(1);
    expect(await url.getAttribute('data-auth-type')).toBe('NONE');
    expect(await url.locator('[data-testid="function-url-auth-type"]').textContent()).toBe(
      'AuthType NONE',
    );
    expect(await url.locator('[data-testid="function-url-address"]').textContent()).toMatch(
      /^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/,
    );
    expect(await url.locator('[data-testid="function-url-target"]').textContent()).toBe(
      'serves the function itself ($LATEST)',
    );
    expect(await url.locator('[data-testid="function-url-meaning"]').textContent()).toBe(
      "AuthType NONE: Lambda does not authenticate callers; who may call is the function policy's * statements.",
    );
    expect(await detail.locator('[data-testid="function-aliases-none"]').textContent()).toBe(
      'No alias.',
    );
    expect(
      await detail.locator('[data-testid="function-versions-without-policy"]').textContent(),
    ).toBe('No published version.');
    await shot(w, 'function-panel-url');

    const settlement = FUNCTION('partner-settlement');
    await w.page.goto(
      w.page.url().replace(encodeURIComponent(publicPage), encodeURIComponent(settlement)),
    );
    const other = w.page.locator(`[data-testid="node-detail"][data-key="${settlement}"]`);
    await other.waitFor({ timeout: 60_000 });
    expect(await other.locator('[data-testid="function-urls-none"]').count()).toBe(1);
    expect(await other.locator('[data-testid="function-url"]').count()).toBe(0);
    const alias = other.locator('[data-testid="function-alias"]');
    expect(await alias.count()).toBe(1);
    expect(await alias.locator('[data-testid="function-alias-name"]').textContent()).toBe('live');
    expect(await alias.locator('[data-testid="function-alias-version"]').textContent()).toBe(
      'version 7',
    );
    expect(
      await alias.locator('[data-testid="function-alias-policy"]').getAttribute('data-has-policy'),
    ).toBe('true');
    await shot(w, 'function-panel-alias');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('findings table: the rule filter keeps only matching rows and goes into the URL', async () => {
    const w = await open('?view=findings');
    const table = w.page.locator('[data-testid="findings-table"]');
    await table.waitFor({ timeout: 60_000 });
    const before = Number(await table.getAttribute('data-total'));
    await w.page.locator('[data-testid="filter-rule"]').selectOption('public-trust');
    await waitForExpression(
      w.page,
      "[...document.querySelectorAll('[data-testid=finding-row]')].every((r) => r.getAttribute('data-rule') === 'public-trust')",
    );
    const rows = w.page.locator('[data-testid="finding-row"]');
    const subjects = await rows.evaluateAll((items: Attributed[]) =>
      items.map((i) => i.getAttribute('data-subject')),
    );
    expect(subjects).toContain(LEGACY_PUBLIC);
    expect(subjects).not.toContain('arn:aws:iam::500000000003:role/OrgWideReadRole');
    expect(
      Number(await w.page.locator('[data-testid="findings-table"]').getAttribute('data-total')),
    ).toBeLessThan(before);
    expect(new URL(w.page.url()).searchParams.get('rule')).toBe('public-trust');
    // A row opens the finding (issue 17), its subject selected on the graph.
    await w.page
      .locator(`[data-testid="finding-row"][data-subject="${LEGACY_PUBLIC}"]`)
      .first()
      .click();
    await w.page
      .locator('[data-testid="finding-detail"][data-rule="public-trust"]')
      .waitFor({ timeout: 60_000 });
    expect(new URL(w.page.url()).searchParams.get('node')).toBe(LEGACY_PUBLIC);
    await shot(w, 'findings');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('a shared link opens the right node with its trust policy and granting statement', async () => {
    const w = await open(
      `?view=drill&accounts=500000000003&node=${encodeURIComponent(LEGACY_PUBLIC)}`,
    );
    const detail = w.page.locator(`[data-testid="node-detail"][data-key="${LEGACY_PUBLIC}"]`);
    await detail.waitFor({ timeout: 60_000 });
    expect(await w.page.locator('[data-testid="panel-title"]').textContent()).toBe(
      'LegacyPublicRole',
    );
    expect(await detail.locator('[data-testid="policy-document"]').count()).toBeGreaterThan(0);
    expect(await detail.locator('[data-testid="granting-line"]').count()).toBeGreaterThan(0);
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    await w.page.waitForTimeout(800);
    await shot(w, 'shared-link');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});
