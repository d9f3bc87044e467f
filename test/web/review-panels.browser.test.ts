// A reviewer's session on the demo organization, where the panels got in the way: long AWS names
// (a permission-set role, a managed policy ARN in an evidence line) widened a panel past its edge
// and cut their end off; the findings table opened scrolled down to the legend after a long
// who-can-reach answer; the Scans diff counted "3 changed" edges without saying which; and the
// diff's colours stayed on the other views' graphs after leaving Scans. Screenshots in
// test/artifacts/web/panels-*.png.
import { describe, expect, it } from 'vitest';
import { waitForExpression } from './helpers/browser.js';
import { useDashboard } from './helpers/dashboard-session.js';

const SHARED_BUCKET = 'arn:aws:s3:::acme-data-shared-500000000005';
const DEPLOYMENT_ADMIN = 'arn:aws:iam::500000000001:role/DeploymentAdminRole';
const PARTNER_EXCHANGE = 'arn:aws:s3:::acme-partner-exchange-500000000002';
const q = encodeURIComponent;

const { open, shot } = useDashboard();

/** [scrollWidth, clientWidth] of the first element matching `selector`. */
const widthsOf = (selector: string): string =>
  `(() => { const e = document.querySelector(${JSON.stringify(selector)}); return e === null ? null : [e.scrollWidth, e.clientWidth]; })()`;

describe('panels on a reviewer session', () => {
  it('long names wrap inside the panels; another view starts at the top of its panel', async () => {
    const w = await open(`?view=reach&resource=${q(SHARED_BUCKET)}&action=read`);
    // The permission-set role is in three accounts: one folded row under its long name.
    const folded = w.page.locator('[data-testid="reach-group-row"]', {
      hasText: 'AWSReservedSSO_AdministratorAccess_',
    });
    await folded.first().waitFor({ timeout: 60_000 });
    const [scroll, client] = await w.page.evaluate<[number, number]>(widthsOf('section.left'));
    expect(scroll).toBeLessThanOrEqual(client);
    await shot(w, 'panels-reach-long-name');

    // A person's first hop (membership of an Identity Center group) rests on no statement: it
    // says so, instead of an "Evidence (0)" button opening "No evidence recorded.".
    const person = w.page.locator('li', { hasText: 'ana.silva@acme.example' }).first();
    await person.locator('summary').first().click();
    const firstHop = person.locator('[data-testid="hop"]').first();
    expect(await firstHop.locator('[data-testid="hop-evidence"]').count()).toBe(0);
    expect(await firstHop.locator('[data-testid="hop-no-evidence"]').textContent()).toContain(
      'IAM Identity Center',
    );
    expect(
      await person
        .locator('[data-testid="hop"]')
        .nth(1)
        .locator('[data-testid="hop-evidence"]')
        .count(),
    ).toBe(1);

    // Scrolled down the long answer, then to Findings: the table is in view, not the legend.
    await w.page.evaluate("document.querySelector('section.left').scrollTop = 5000");
    expect(
      await w.page.evaluate("document.querySelector('section.left').scrollTop"),
    ).toBeGreaterThan(0);
    await w.page.locator('[data-testid="tab-findings"]').click();
    const firstRow = w.page.locator('[data-testid="finding-row"]').first();
    await firstRow.waitFor({ timeout: 60_000 });
    expect(await w.page.evaluate("document.querySelector('section.left').scrollTop")).toBe(0);
    expect(await firstRow.isVisible()).toBe(true);
    const box = await firstRow.boundingBox();
    const viewport = w.page.viewportSize();
    expect(box !== null && viewport !== null && box.y + box.height <= viewport.height).toBe(true);

    // The most severe finding: its evidence names a managed policy by its whole ARN.
    await w.page.locator(`[data-testid="finding-row"][data-subject="${DEPLOYMENT_ADMIN}"]`).click();
    const detail = w.page.locator('[data-testid="finding-detail"]');
    await detail.waitFor({ timeout: 30_000 });
    await w.page
      .locator('.side-panel .evidence-item', { hasText: 'policy/CrossAccountDeployAccess' })
      .first()
      .waitFor({ timeout: 30_000 });
    const [sideScroll, sideClient] = await w.page.evaluate<[number, number]>(
      widthsOf('.side-panel'),
    );
    expect(sideScroll).toBeLessThanOrEqual(sideClient);
    await shot(w, 'panels-finding-evidence');

    // Copy ARN says what it did: copied, or (no clipboard, refused) to select the text by hand.
    const copy = w.page.locator('[data-testid="finding-subject-copy"]');
    await w.page.evaluate(
      "Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: (t) => { window.__copied = t; return Promise.resolve(); } } })",
    );
    await copy.click();
    await w.page.locator('[data-testid="finding-subject-copy"][data-state="copied"]').waitFor();
    expect(await copy.textContent()).toBe('Copied');
    expect(await w.page.evaluate('window.__copied')).toBe(DEPLOYMENT_ADMIN);
    await w.page.evaluate(
      "Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined })",
    );
    await copy.click();
    expect(await copy.textContent()).toBe('Could not copy: select the text');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 180_000);

  it('the evidence drawer of a hop shows each cited statement as written', async () => {
    const w = await open(`?view=reach&resource=${q(SHARED_BUCKET)}&action=read`);
    const row = w.page.locator(
      '[data-testid="reach-entry"][data-key="arn:aws:iam::500000000008:role/ExportReader"]',
    );
    await row.waitFor({ timeout: 60_000 });
    await row.locator('summary').click();
    await row.locator('[data-testid="hop-evidence"]').click();
    const drawer = w.page.locator('[data-testid="evidence-drawer"]');
    await drawer.waitFor({ timeout: 30_000 });
    // The bucket policy's AnalyticsRead, then the key policy's AnalyticsDecrypt, as written.
    const bucketItem = drawer.locator('.evidence-item', { hasText: 'statement 0 (AnalyticsRead)' });
    await bucketItem.locator('[data-testid="show-statement"]').click();
    const bucketText = bucketItem.locator('[data-testid="statement-text"]');
    await bucketText.waitFor({ timeout: 30_000 });
    expect(JSON.parse((await bucketText.textContent()) ?? '{}')).toMatchObject({
      Sid: 'AnalyticsRead',
      Effect: 'Allow',
    });
    const keyItem = drawer.locator('.evidence-item', { hasText: 'statement 1 (AnalyticsDecrypt)' });
    await keyItem.locator('[data-testid="show-statement"]').click();
    const keyText = keyItem.locator('[data-testid="statement-text"]');
    await keyText.waitFor({ timeout: 30_000 });
    expect(JSON.parse((await keyText.textContent()) ?? '{}')).toMatchObject({
      Sid: 'AnalyticsDecrypt',
    });
    // ExportReader's own inline policy, statement 1 (kms:Decrypt).
    const identityItem = drawer
      .locator('.evidence-item', { hasText: 'ReadDataExports' })
      .filter({ hasText: 'statement 1' });
    await identityItem.locator('[data-testid="show-statement"]').click();
    const identityText = identityItem.locator('[data-testid="statement-text"]');
    await identityText.waitFor({ timeout: 30_000 });
    expect(await identityText.textContent()).toContain('kms:Decrypt');
    await shot(w, 'panels-hop-statements');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 180_000);

  it("an organization edge's role-level edges show their statements as written", async () => {
    const queue = 'arn:aws:sqs:us-east-1:500000000005:public-intake';
    const w = await open(`?edge=${q(JSON.stringify(['*', 'arn:aws:iam::500000000005:root']))}`);
    const member = w.page.locator(`[data-testid="member-edge"][data-target="${queue}"]`).first();
    await member.waitFor({ timeout: 60_000 });
    await member.locator('[data-testid="show-statement"]').first().click();
    const text = member.locator('[data-testid="statement-text"]').first();
    await text.waitFor({ timeout: 30_000 });
    const statement = JSON.parse((await text.textContent()) ?? '{}') as { Principal?: unknown };
    expect(JSON.stringify(statement.Principal)).toContain('*');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 180_000);

  it("an account's panel counts the findings in the account and opens them, not only its own", async () => {
    const w = await open(`?node=${q('arn:aws:iam::500000000001:root')}`);
    const link = w.page.locator('[data-testid="account-findings"]');
    await link.waitFor({ timeout: 60_000 });
    // The account node itself has no finding; its DeploymentAdminRole has the critical one.
    expect(
      await w.page.locator('[data-testid="node-detail"] h3', { hasText: 'Findings' }).textContent(),
    ).toBe('Findings of the account itself (0)');
    expect(await link.getAttribute('data-total')).toBe('1');
    await link.locator('button').click();
    const rows = w.page.locator('[data-testid="finding-row"]');
    await w.page.locator('[data-testid="filter-account"]').waitFor({ timeout: 30_000 });
    await w.page
      .locator(`[data-testid="finding-row"][data-subject="${DEPLOYMENT_ADMIN}"]`)
      .waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(1);
    expect(new URL(w.page.url()).searchParams.get('account')).toBe('500000000001');
    await shot(w, 'panels-account-findings');
    // The header's count is the whole scan's: its link drops the account filter.
    const critical = w.page.locator('[data-testid="summary-critical"]');
    const count = Number(/^(\d+)/.exec((await critical.textContent()) ?? '')?.[1]);
    await critical.click();
    await w.page.locator('[data-testid="filter-account"]').waitFor({ state: 'detached' });
    await waitForExpression(
      w.page,
      `document.querySelectorAll('[data-testid=finding-row]').length === ${String(count)}`,
      30_000,
    );
    await w.page.goBack();
    await w.page.locator('[data-testid="filter-account"]').waitFor({ timeout: 30_000 });
    await w.page.locator('[data-testid="filter-account"] button').click();
    await waitForExpression(
      w.page,
      "document.querySelectorAll('[data-testid=finding-row]').length > 1",
      30_000,
    );
    expect(new URL(w.page.url()).searchParams.get('account')).toBeNull();
    // An outside account has nothing "in" it to count: no "0 findings in this account".
    await w.page.goto(
      w.page.url().replace(/\?.*$/, `?node=${q('arn:aws:iam::999988887777:root')}`),
    );
    await w.page
      .locator('[data-testid="node-detail"][data-key="arn:aws:iam::999988887777:root"]')
      .waitFor({ timeout: 60_000 });
    expect(
      await w.page.locator('[data-testid="node-detail"] h3', { hasText: 'Findings' }).textContent(),
    ).toBe('Findings (0)');
    expect(await w.page.locator('[data-testid="account-findings"]').count()).toBe(0);
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 180_000);

  it('an outside account opened alone is framed whole: every node and its label inside the canvas', async () => {
    const w = await open('?view=drill&accounts=999988887777');
    const canvas = w.page.locator('[data-testid="graph-canvas"][data-rendered="true"]');
    await canvas.waitFor({ timeout: 60_000 });
    // Labels are drawn once the camera has rested.
    await w.page.waitForTimeout(1500);
    await w.page.evaluate(
      "document.querySelector('[data-testid=graph-canvas]').dispatchEvent(new CustomEvent('trustmap:measure-labels'))",
    );
    const text = await canvas.getAttribute('data-labels', { timeout: 10_000 });
    const boxes = JSON.parse(text ?? '[]') as { label: string; y1: number; y2: number }[];
    const box = await canvas.boundingBox();
    // The account at the top and the function at the bottom were cut in half by the canvas
    // edge, their labels dropped with them.
    const shown = boxes.map((b) => b.label);
    expect(shown).toContain('999988887777');
    expect(shown).toContain('partner-settlement');
    for (const b of boxes) {
      expect(b.y1).toBeGreaterThanOrEqual(0);
      expect(b.y2).toBeLessThanOrEqual(box?.height ?? 0);
    }
    await shot(w, 'panels-outside-account-alone');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 180_000);

  it('findings: Tab enters the table at one row and leaves it, the arrows move inside', async () => {
    const w = await open('?view=findings');
    const rows = w.page.locator('[data-testid="finding-row"]');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBeGreaterThan(20);
    const focused = (): Promise<string | null> =>
      w.page.evaluate(
        "document.activeElement ? (document.activeElement.getAttribute('data-testid') ?? document.activeElement.tagName) + ' ' + (document.activeElement.getAttribute('data-subject') ?? '') : null",
      );
    const first = await rows.first().getAttribute('data-subject');
    const second = await rows.nth(1).getAttribute('data-subject');
    await w.page.locator('.findings .filters button[type="submit"]').focus();
    await w.page.keyboard.press('Tab');
    expect(await focused()).toBe(`finding-row ${first ?? ''}`);
    await w.page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(`finding-row ${second ?? ''}`);
    // Opened with Enter, then Tab: out of the table (the pager), not to the next of 49 rows.
    await w.page.keyboard.press('Enter');
    await w.page.locator('[data-testid="finding-detail"]').waitFor({ timeout: 60_000 });
    await w.page.keyboard.press('Tab');
    expect(await focused()).not.toMatch(/^finding-row/);
    // Shift+Tab comes back to the row last focused.
    await w.page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(`finding-row ${second ?? ''}`);
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 180_000);

  it('who can reach an account: counted by scope first, a public GitHub trust under Public, services inside', async () => {
    const w = await open(`?view=reach&resource=${q('arn:aws:iam::444444444444:root')}`);
    const summary = w.page.locator('[data-testid="reach-summary"]');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(
      /^1 public · 1 external · \d+ in the organization$/,
    );
    const inGroup = (scope: string) =>
      w.page
        .locator(`[data-testid="reach-group-${scope}"] [data-testid="reach-entry"]`)
        .evaluateAll((es: { getAttribute(n: string): string | null }[]) =>
          es.map((e) => e.getAttribute('data-key')),
        );
    expect(await inGroup('public')).toEqual([
      'arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com',
    ]);
    expect(await inGroup('external')).toEqual(['arn:aws:iam::999988887777:root']);
    expect(await inGroup('org')).toContain('service:codebuild.amazonaws.com');
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 180_000);

  it('Scans lists the edges whose decision changed; the diff colours stay in the Scans view', async () => {
    const w = await open('?view=scans&diff=1');
    const changed = w.page.locator('[data-testid="diff-changed"] [data-testid="diff-edge"]');
    await changed.first().waitFor({ timeout: 60_000 });
    // The unknown account 999988887777 lost the condition on the partner bucket (demo, two scans).
    const rows = await changed.evaluateAll(
      (es: { getAttribute(name: string): string | null; textContent: string | null }[]) =>
        es.map((e): [string | null, string | null] => [
          e.getAttribute('data-target'),
          e.textContent,
        ]),
    );
    expect(rows.length).toBe(
      Number(
        /(\d+) changed/.exec(
          (await w.page.locator('[data-testid="diff-counts"]').textContent()) ?? '',
        )?.[1],
      ),
    );
    expect(rows.every(([target]) => target === PARTNER_EXCHANGE)).toBe(true);
    expect(rows.map(([, text]) => text).join('\n')).toContain(
      'can-access (read) · conditional → allow',
    );
    await waitForExpression(
      w.page,
      "document.querySelectorAll('[data-testid=diff-drawn] li').length > 0",
      60_000,
    );
    await shot(w, 'panels-scans-changed');

    // The Organization view: the diff is not drawn there (its toggle is the Scans view's) …
    await w.page.locator('[data-testid="tab-org"]').click();
    await w.page
      .locator('[data-testid="graph-summary"][data-level="account"]')
      .waitFor({ timeout: 60_000 });
    await waitForExpression(
      w.page,
      "document.querySelector('[data-testid=diff-drawn]') === null",
      30_000,
    );
    expect(new URL(w.page.url()).searchParams.get('diff')).toBe('1');
    // … and back in Scans it is drawn again.
    await w.page.locator('[data-testid="tab-scans"]').click();
    await waitForExpression(
      w.page,
      "document.querySelectorAll('[data-testid=diff-drawn] li').length > 0",
      60_000,
    );
    expect(w.errors).toEqual([]);
    await w.page.close();
  }, 180_000);
});
