// The dashboard a reviewer can act on (issue 17), in Chromium against the real
// `trustmap serve --demo --config FILE --allow-config-writes`: proof of organization-level edges,
// findings with their evidence, path and fix (and a suppression written through the API),
// conditions in plain words, principals with their account, clutter, who can reach roles and
// accounts, the Scans view's removed edges and dates, the HTML report's layout, evidence in a
// wide drawer, Sigma's private fields, the legend and explanations of every kind, and the blast
// radius. Screenshots go to test/artifacts/web/review-*.png.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useDashboard } from './helpers/dashboard-session.js';
import { ROOT } from './helpers/serve-demo.js';

const EXTERNAL = 'arn:aws:iam::999988887777:root';
const WEB_PROD = 'arn:aws:iam::500000000002:root';
const DATADOG = 'arn:aws:iam::464622532012:root';
const DEPLOYMENT_ADMIN = 'arn:aws:iam::500000000001:role/DeploymentAdminRole';
const EXTERNAL_DEPLOY = 'arn:aws:iam::444444444444:role/ci/ExternalDeployRole';
const WILDCARD_ROLE = 'arn:aws:iam::444444444444:role/github/GitHubActionsWildcardRole';
const q = encodeURIComponent;

/** What the checks read of a DOM element (the test code is compiled without the DOM library). */
interface Attributed {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

const dataDir = mkdtempSync(join(tmpdir(), 'trustmap-review-'));
const configFile = join(dataDir, 'trustmap-config.json');
writeFileSync(configFile, JSON.stringify({ crownJewels: [] }));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const { open, shot } = useDashboard({
  args: () => ['--config', configFile, '--allow-config-writes'],
  server: { dataDir },
});

/** A computed style property of the element a locator points at. */
async function styleOf(
  locator: { evaluate<R>(f: (e: unknown, arg: string) => R, arg: string): Promise<R> },
  property: string,
): Promise<string> {
  return locator.evaluate((e, name) => {
    const view = globalThis as unknown as {
      getComputedStyle(x: unknown): Record<string, string>;
    };
    return view.getComputedStyle(e)[name] ?? '';
  }, property);
}

const canvasReady = '[data-testid="graph-canvas"][data-rendered="true"]';

describe('issue 17: a dashboard a reviewer can act on', () => {
  it('1. an organization-level edge lists the role-level edges it stands for, each with its proof', async () => {
    const w = await open(`?edge=${q(JSON.stringify([EXTERNAL, WEB_PROD]))}`);
    const detail = w.page.locator('[data-testid="edge-detail"][data-level="account"]');
    await detail.waitFor({ timeout: 60_000 });
    const members = detail.locator('[data-testid="member-edge"]');
    await members.first().waitFor({ timeout: 30_000 });
    expect(await members.count()).toBe(4);
    // The aggregate covers bucket access too, and says so; no raw state names, no empty proof.
    const kinds = await detail.locator('[data-testid="edge-kinds"]').textContent();
    expect(kinds).toContain('can assume');
    expect(kinds).toContain('can access (bucket or resource)');
    expect(
      await members.evaluateAll((m: Attributed[]) =>
        m.map((x) => x.getAttribute('data-kind')).sort(),
      ),
    ).toEqual(['can-access', 'can-access', 'can-access', 'can-assume']);
    const text = (await detail.textContent()) ?? '';
    expect(text).not.toContain('external-no-external-id');
    expect(text).not.toContain('No evidence recorded');
    expect(text).toContain('External, no ExternalId or condition');
    // Each role-level edge shows the statement that grants it.
    for (let i = 0; i < 4; i++)
      expect(await members.nth(i).locator('.evidence-item.role-grants').count()).toBeGreaterThan(0);
    await shot(w, 'review-aggregate-edge');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);

  it('2. a finding opens its evidence, path, why and fix; suppress writes the config; 15 rows fit on 1440×900', async () => {
    const w = await open('?view=findings');
    await w.page.setViewportSize({ width: 1440, height: 900 });
    const rows = w.page.locator('[data-testid="finding-row"]');
    await rows.first().waitFor({ timeout: 60_000 });
    const visible = await rows.evaluateAll(
      (items: { getBoundingClientRect(): { bottom: number } }[]) =>
        items.filter((r) => r.getBoundingClientRect().bottom <= 900).length,
    );
    expect(visible).toBeGreaterThanOrEqual(15);
    // Subject: short name and account; the full ARN on hover.
    const row = w.page.locator('[data-testid="finding-row"][data-rule="external-path-to-admin"]');
    const subject = row.locator('[data-testid="finding-subject"]');
    expect(await subject.getAttribute('title')).toBe(DEPLOYMENT_ADMIN);
    // The account's name replaces its id once the account list has loaded.
    await expect
      .poll(() => subject.textContent(), { timeout: 30_000 })
      .toBe('DeploymentAdminRole · acme-payments-prod');
    await row.click();
    const detail = w.page.locator(
      '[data-testid="finding-detail"][data-rule="external-path-to-admin"]',
    );
    await detail.waitFor({ timeout: 30_000 });
    expect(new URL(w.page.url()).searchParams.get('finding')).toBe(
      await row.getAttribute('data-id'),
    );
    expect(await detail.locator('[data-testid="finding-why"]').textContent()).toContain('outsider');
    expect(await detail.locator('[data-testid="finding-fix"]').textContent()).toContain(
      'Break the chain',
    );
    const hops = await detail
      .locator('[data-testid="finding-path"] [data-testid="hop"]')
      .evaluateAll((items: Attributed[]) =>
        items.map((i) => [i.getAttribute('data-source'), i.getAttribute('data-target')]),
      );
    expect(hops).toEqual([
      [EXTERNAL, EXTERNAL_DEPLOY],
      [EXTERNAL_DEPLOY, DEPLOYMENT_ADMIN],
    ]);
    expect(await detail.locator('[data-testid="evidence"] .evidence-item').count()).toBeGreaterThan(
      1,
    );
    // The path is on the graph: its accounts are opened and the canvas drawn at principal level.
    await w.page.locator(canvasReady).waitFor({ timeout: 60_000 });
    await w.page.waitForFunction(() => true);
    await detail.locator('[data-testid="suppress-reason"]').fill('Deploy pipeline reviewed');
    await detail.locator('[data-testid="suppress-expires"]').fill('2099-12-31');
    await detail.locator('[data-testid="suppress-submit"]').click();
    await detail.locator('[data-testid="suppress-done"]').waitFor({ timeout: 30_000 });
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({
      crownJewels: [],
      suppressions: [
        {
          rule: 'external-path-to-admin',
          subject: DEPLOYMENT_ADMIN,
          reason: 'Deploy pipeline reviewed',
          expires: '2099-12-31',
        },
      ],
    });
    await shot(w, 'review-finding');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);

  it('3. conditional trust statements are highlighted with their conditions in plain words, long values wrapped', async () => {
    const w = await open(`?view=drill&accounts=444444444444&node=${q(EXTERNAL_DEPLOY)}`);
    const doc = w.page.locator('[data-testid="policy-document"]').first();
    await doc.waitFor({ timeout: 60_000 });
    expect(await doc.locator('[data-testid="granting-line"]').count()).toBeGreaterThan(3);
    expect(
      await doc.locator('[data-testid="condition-explanation"]').first().textContent(),
    ).toContain('only callers that pass ExternalId "acme-deploy-7f3a9c"');
    expect(await styleOf(doc.locator('pre'), 'whiteSpace')).toBe('pre-wrap');
    await w.page.goto(w.page.url().replace(q(EXTERNAL_DEPLOY), q(WILDCARD_ROLE)));
    const wildcard = w.page.locator('[data-testid="condition-explanation"][data-loose="true"]');
    await wildcard.first().waitFor({ timeout: 60_000 });
    expect(await wildcard.first().textContent()).toContain('any GitHub repository');
    expect(
      await w.page.locator('[data-testid="granting-line"]', { hasText: 'repo:*' }).count(),
    ).toBe(1);
    await shot(w, 'review-conditions');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);

  it('4. principals carry their account; identical names are one row; "allow" inside is not alarming', async () => {
    const w = await open(`?node=${q(DATADOG)}`);
    const group = w.page.locator('[data-testid="outbound"] [data-testid="edge-group"]');
    await group.first().waitFor({ timeout: 60_000 });
    expect(Number(await group.first().getAttribute('data-count'))).toBe(35);
    expect(await group.first().locator('summary').textContent()).toContain(
      'DatadogIntegrationRole in 35 accounts',
    );
    await group.first().locator('summary').click();
    const first = group.first().locator('[data-testid="edge-row"] .link').first();
    // Account names arrive with the organization's data, which may come after the panel.
    await expect
      .poll(async () => await first.textContent(), { timeout: 30_000 })
      .toMatch(/^DatadogIntegrationRole · acme-/);
    // An unconditional edge inside the organization: a neutral badge, not an alarm.
    const base = new URL(w.page.url());
    await w.page.goto(
      `${base.origin}/?view=drill&accounts=500000000001&node=${q(DEPLOYMENT_ADMIN)}`,
    );
    const allow = w.page.locator('[data-testid="inbound"] .badge.decision-allow').first();
    await allow.waitFor({ timeout: 60_000 });
    expect(await styleOf(allow, 'backgroundColor')).toBe('rgb(229, 231, 235)');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);

  it('5. labels never overlap at rest; legend filters and the summary banner work from the URL', async () => {
    const w = await open('');
    const canvas = w.page.locator(`${canvasReady}[data-drawn-label-overlaps]`);
    await canvas.waitFor({ timeout: 60_000 });
    await w.page.waitForTimeout(600);
    expect(await canvas.getAttribute('data-drawn-label-overlaps')).toBe('0');
    expect(Number(await canvas.getAttribute('data-drawn-labels'))).toBeGreaterThan(8);
    await w.page.locator('[data-testid="filter-inside"]').check();
    expect(new URL(w.page.url()).searchParams.get('hide')).toBe('inside');
    await w.page.locator('[data-testid="filter-services"]').check();
    expect(new URL(w.page.url()).searchParams.get('hide')).toBe('inside,services');
    await w.page.waitForTimeout(600);
    await shot(w, 'review-filters');
    expect(await canvas.getAttribute('data-drawn-label-overlaps')).toBe('0');
    await w.page.locator('[data-testid="summary-critical"]').click();
    await w.page.locator('[data-testid="findings-table"]').waitFor({ timeout: 30_000 });
    const url = new URL(w.page.url());
    expect([url.searchParams.get('view'), url.searchParams.get('severity')]).toEqual([
      'findings',
      'critical',
    ]);
    const critical = await w.page
      .locator('[data-testid="finding-row"]')
      .evaluateAll((r: Attributed[]) => r.map((x) => x.getAttribute('data-rule')));
    expect(critical).toContain('external-path-to-admin');
    expect(critical).toContain('public-trust');
    expect(await w.page.locator('[data-testid="finding-row"] .severity-critical').count()).toBe(
      critical.length,
    );
    // "N high" in the header opens exactly those N findings, not "high and above".
    const highLink = w.page.locator('[data-testid="summary-high"]');
    const high = Number(/^(\d+) high$/.exec((await highLink.textContent()) ?? '')?.[1]);
    expect(high).toBeGreaterThan(0);
    await highLink.click();
    const rows = w.page.locator('[data-testid="finding-row"]');
    await w.page
      .locator('[data-testid="finding-row"] .severity-critical')
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    await rows.nth(high - 1).waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(high);
    expect(await w.page.locator('[data-testid="finding-row"] .severity-high').count()).toBe(high);
    expect(await w.page.locator('[data-testid="filter-severity"]').inputValue()).toBe('high-only');
    expect(new URL(w.page.url()).searchParams.get('severityOnly')).toBe('1');
    // The filter's "high and above" adds the critical ones back.
    await w.page.locator('[data-testid="filter-severity"]').selectOption({ value: 'high' });
    await rows.nth(high + critical.length - 1).waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(high + critical.length);
    expect(new URL(w.page.url()).searchParams.get('severityOnly')).toBeNull();
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);

  it('6. who can reach takes a role and an account, groups by scope and says why an answer is empty', async () => {
    const w = await open(`?view=reach&resource=${q(DEPLOYMENT_ADMIN)}`);
    const external = w.page.locator(
      '[data-testid="reach-group-external"] [data-testid="reach-entry"]',
    );
    await external.first().waitFor({ timeout: 60_000 });
    expect(
      await external.evaluateAll((e: Attributed[]) => e.map((x) => x.getAttribute('data-key'))),
    ).toContain(EXTERNAL);
    await w.page.goto(w.page.url().replace(q(DEPLOYMENT_ADMIN), q(WEB_PROD)));
    const entry = w.page.locator(
      `[data-testid="reach-group-external"] [data-testid="reach-entry"][data-key="${EXTERNAL}"]`,
    );
    await entry.waitFor({ timeout: 60_000 });
    expect(await entry.textContent()).toContain('4 role-level edges');
    await w.page.goto(w.page.url().replace(q(WEB_PROD), q('arn:aws:s3:::no-such-bucket-anywhere')));
    const empty = w.page.locator('[data-testid="reach-empty"]');
    await empty.waitFor({ timeout: 60_000 });
    expect(await empty.textContent()).toContain('no S3 data');
    expect(w.errors.filter((e) => !e.includes('404'))).toEqual([]);
    await w.page.close();
  }, 120_000);

  it('7. Scans: a removed edge opens as an edge (no unknown-node error); dates in the locale, relative on hover', async () => {
    const w = await open('?view=scans&diff=1');
    const removed = w.page.locator('[data-testid="diff-edge"][data-change="removed"]').first();
    await removed.waitFor({ timeout: 60_000 });
    await removed.click();
    await w.page
      .locator('[data-testid="edge-detail"] [data-testid="edge-removed"]')
      .waitFor({ timeout: 30_000 });
    expect(await w.page.locator('.status-error', { hasText: 'unknown' }).count()).toBe(0);
    const time = w.page.locator('[data-testid="scan-row"] [data-testid="time"]').first();
    expect(await time.getAttribute('title')).toMatch(/ago|now/);
    expect(await time.textContent()).not.toMatch(/T\d\d:\d\d/);
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);

  it('8. HTML report: headers never break inside a word, and the graph writes no label twice', async () => {
    const out = join(dataDir, 'report.html');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'test/web/helpers/run-cli.ts'),
        'scan',
        '--from-dir',
        join(dataDir, 'demo-org-40'),
        '--db',
        join(dataDir, 'report.db'),
        '--report',
        'html',
        '--report-file',
        out,
        '--quiet',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    // The scan's exit code says what it found (docs/serve.md); the report is written either way.
    expect(existsSync(out), run.stderr).toBe(true);
    const w = await open('');
    await w.page.goto(`file://${out}`);
    const headers = await w.page
      .locator('th')
      .evaluateAll((ths: { getBoundingClientRect(): { height: number } }[]) =>
        ths.map((t) => Math.round(t.getBoundingClientRect().height)),
      );
    expect(headers.length).toBeGreaterThan(5);
    // One line each (font 14 px, line height 1.45, padding 8 px).
    expect(Math.max(...headers)).toBeLessThan(32);
    const labels = await w.page
      .locator('svg text')
      .evaluateAll((t: Attributed[]) => t.map((x) => x.textContent ?? ''));
    // No label twice (a name shared by many nodes is written once, with its number of accounts;
    // test/server/report/report-follows-dashboard.test.ts checks that case).
    expect(labels.length).toBeGreaterThan(10);
    expect(new Set(labels).size).toBe(labels.length);
    await w.page.screenshot({
      path: join(ROOT, 'test/artifacts/web/review-report.png'),
      fullPage: false,
    });
    await w.page.close();
  }, 120_000);

  it('9. path finder evidence opens in a wide drawer, words unbroken', async () => {
    const w = await open(`?view=path&from=${q(EXTERNAL)}&to=${q(DEPLOYMENT_ADMIN)}`);
    const button = w.page.locator('[data-testid="path"] [data-testid="hop-evidence"]').first();
    await button.waitFor({ timeout: 60_000 });
    await button.click();
    const drawer = w.page.locator('[data-testid="evidence-drawer"]');
    await drawer.waitFor();
    const box = await drawer.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(700);
    expect(await styleOf(drawer, 'wordBreak')).toBe('normal');
    await shot(w, 'review-evidence-drawer');
    await w.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);

  it("10. the renderer's private fields are all where sigma-internals.ts expects them", async () => {
    const w = await open('');
    const canvas = w.page.locator(`${canvasReady}[data-sigma-contract]`);
    await canvas.waitFor({ timeout: 60_000 });
    expect(await canvas.getAttribute('data-sigma-contract')).toBe('ok');
    await w.page.close();
  }, 120_000);

  it('11. every node and edge kind has its legend entry and its explanation', async () => {
    const w = await open(`?view=drill&accounts=500000000001&node=${q(DEPLOYMENT_ADMIN)}`);
    await w.page.locator('[data-testid="kind-meaning"]').waitFor({ timeout: 60_000 });
    expect(await w.page.locator('[data-testid="kind-meaning"]').textContent()).toContain(
      'IAM role',
    );
    const kinds = w.page.locator('[data-testid^="legend-kind-"]');
    const edgeKinds = w.page.locator('[data-testid^="legend-edge-kind-"]');
    expect(await kinds.count()).toBeGreaterThanOrEqual(7);
    expect(await edgeKinds.count()).toBeGreaterThanOrEqual(4);
    for (const list of [kinds, edgeKinds])
      for (const title of await list.evaluateAll((l: Attributed[]) =>
        l.map((x) => x.getAttribute('title')),
      ))
        expect(title?.length ?? 0).toBeGreaterThan(20);
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);

  it('blast radius: an outside account reaches an administrator account first, its paths highlighted, in the URL', async () => {
    const w = await open(`?view=blast&principal=${q(EXTERNAL)}`);
    const admin = w.page.locator('[data-testid="blast-admin-account"]');
    await admin.first().waitFor({ timeout: 60_000 });
    expect(
      await admin.evaluateAll((a: Attributed[]) => a.map((x) => x.getAttribute('data-account'))),
    ).toEqual(['500000000001']);
    // Its own account is not a finding of the review: said apart.
    expect(await w.page.locator('[data-testid="blast-already-admin"]').textContent()).toContain(
      '999988887777',
    );
    const first = w.page.locator('[data-testid="blast-roles"] [data-testid="blast-entry"]').first();
    expect(await first.getAttribute('data-key')).toBe(DEPLOYMENT_ADMIN);
    expect(await first.getAttribute('data-admin')).toBe('true');
    expect(
      await w.page.locator('[data-testid="blast-buckets"] [data-testid="blast-entry"]').count(),
    ).toBeGreaterThan(0);
    // The paths' accounts are opened at principal level.
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    await w.page.locator(canvasReady).waitFor({ timeout: 60_000 });
    await shot(w, 'review-blast-radius');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 120_000);
});
