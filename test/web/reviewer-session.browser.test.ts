// A cloud security reviewer's session on the demo organization, where it used to mislead: the
// role-level edges behind an edge from Anyone keep the state the graph draws (a grant limited to
// a partner organization is conditional, not public), resources are not called buckets, the
// findings list keeps the organization's names and outsider count while an account is open,
// a finding whose subject is no node opens without a failed request, and who-can-reach says
// which condition keys decide; the side panel names a KMS key by its alias and a resource's
// account by its name, and the rule guides read as prose. Screenshots in test/artifacts/web/reviewer-*.png.
import { describe, expect, it } from 'vitest';
import { waitForExpression } from './helpers/browser.js';
import { useDashboard } from './helpers/dashboard-session.js';
import { decodePng } from './helpers/png.js';

const DATA_PROD = 'arn:aws:iam::500000000005:root';
const PARTNER_REPOSITORY = 'arn:aws:ecr:us-east-1:500000000005:repository/partner-builds';
const PUBLIC_REPOSITORY = 'arn:aws:ecr:us-east-1:500000000005:repository/public-images';
const PARTNER_SECRET =
  'arn:aws:secretsmanager:us-east-1:500000000005:secret:partner/shared-report-Pt7rN2';
const PUBLIC_QUEUE = 'arn:aws:sqs:us-east-1:500000000005:public-intake';
const PUBLIC_KEY = 'arn:aws:kms:us-east-1:500000000005:key/00000005-0000-4000-8000-000000000005';
const VENDOR_KEY = 'arn:aws:kms:us-east-1:500000000005:key/00000005-0000-4000-8000-000000000003';
const PARTNER_FUNCTION = 'arn:aws:lambda:us-east-1:500000000005:function:partner-settlement';
const DELETED_USER = 'sso:d-9067a1b2c3:user/9067a1b2c3-5e7f9a1b-0000-4000-8000-000000000999';
const q = encodeURIComponent;

const { open, shot } = useDashboard();

describe('a security reviewer on the demo organization', () => {
  it('Anyone → acme-data-prod: each role-level edge in its own state and words', async () => {
    const w = await open(`?edge=${q(JSON.stringify(['*', DATA_PROD]))}`);
    const member = (target: string) =>
      w.page.locator(`[data-testid="member-edge"][data-target="${target}"]`).first();
    await member(PARTNER_REPOSITORY).waitFor({ timeout: 60_000 });
    const stateOf = (target: string) =>
      member(target).locator('[data-testid="state-badge"]').getAttribute('data-state');
    // `*` limited by aws:PrincipalOrgID to a partner organization: conditional, as on the graph.
    expect(await stateOf(PARTNER_REPOSITORY)).toBe('conditional');
    expect(await stateOf(PARTNER_SECRET)).toBe('conditional');
    expect(await stateOf(PUBLIC_REPOSITORY)).toBe('public');
    // A secret's value and a queue's messages, not objects.
    expect(await member(PARTNER_SECRET).textContent()).toContain('can read the secret value');
    expect(await member(PUBLIC_QUEUE).textContent()).toContain('can send messages');
    expect(await w.page.locator('[data-testid="edge-kinds"]').textContent()).not.toContain(
      'can access bucket',
    );
    await shot(w, 'reviewer-anyone-edge');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('findings: names and outsider count of the organization while an account is open; a deleted subject opens cleanly', async () => {
    const w = await open('');
    await w.page
      .locator('[data-testid="graph-summary"][data-level="account"]')
      .waitFor({ timeout: 60_000 });
    const outsiders = w.page.locator('[data-testid="summary-outsiders"]');
    const atOrganization = await outsiders.textContent();
    expect(atOrganization).toMatch(/^\d+ outsiders$/);
    await w.page.locator('nav button', { hasText: 'Findings' }).click();
    await w.page.locator(`[data-testid="finding-row"][data-subject="${PUBLIC_QUEUE}"]`).click();
    await w.page.locator('[data-testid="finding-detail"]').waitFor({ timeout: 30_000 });
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    expect(await outsiders.textContent()).toBe(atOrganization);
    // A KMS key by its alias, every subject with its account's name (not only the open one's).
    const subject = (key: string) =>
      w.page
        .locator(
          `[data-testid="finding-row"][data-subject="${key}"] [data-testid="finding-subject"]`,
        )
        .first()
        .textContent();
    expect(await subject(VENDOR_KEY)).toBe('alias/vendor-shared · acme-data-prod');
    expect(await subject('arn:aws:iam::500000000003:role/LegacyPublicRole')).toBe(
      'LegacyPublicRole · acme-payments-dev',
    );
    await w.page.locator(`[data-testid="finding-row"][data-subject="${DELETED_USER}"]`).click();
    await w.page
      .locator('[data-testid="finding-detail"]', { hasText: 'no longer exists' })
      .waitFor({ timeout: 30_000 });
    expect(await w.page.locator('[data-testid="finding-subject-copy"]').textContent()).toBe(
      'Copy key',
    );
    await shot(w, 'reviewer-findings');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('who can reach the partner secret: Anyone, outside the organization, on aws:PrincipalOrgID', async () => {
    const w = await open(`?view=reach&resource=${q(PARTNER_SECRET)}&action=read`);
    const entry = w.page.locator(
      '[data-testid="reach-group-external"] [data-testid="reach-entry"][data-key="*"]',
    );
    await entry.waitFor({ timeout: 60_000 });
    expect(await entry.locator('[data-testid="reach-condition-keys"]').textContent()).toContain(
      'aws:PrincipalOrgID',
    );
    expect(await w.page.locator('[data-testid="reach-group-public"]').count()).toBe(0);
    // Before the fourteen people: the count of outsiders, pointing at their section.
    const summary = w.page.locator('[data-testid="reach-summary"] button').first();
    expect(await summary.textContent()).toBe('1 external');
    expect(await summary.getAttribute('data-section')).toBe('reach-group-external');
    const order = await w.page.evaluate<boolean>(
      "!!(document.querySelector('[data-testid=reach-summary]').compareDocumentPosition(document.querySelector('[data-testid=reach-group-people]')) & Node.DOCUMENT_POSITION_FOLLOWING)",
    );
    expect(order).toBe(true);
    // Fourteen people of one group stand side by side on the graph: their labels do not cover
    // one another (the list on the left names them all).
    const canvas = w.page.locator(
      '[data-testid="graph-canvas"][data-rendered="true"][data-drawn-label-overlaps]',
    );
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    await canvas.waitFor({ timeout: 60_000 });
    await w.page.waitForTimeout(2000);
    expect(await canvas.getAttribute('data-drawn-label-overlaps')).toBe('0');
    // … and the secret asked about keeps its label among them.
    await w.page.evaluate(
      "document.querySelector('[data-testid=graph-canvas]').dispatchEvent(new CustomEvent('trustmap:measure-labels'))",
    );
    const labels = JSON.parse(
      (await canvas.getAttribute('data-labels', { timeout: 10_000 })) ?? '[]',
    ) as { key: string }[];
    expect(labels.map((l) => l.key)).toContain(PARTNER_SECRET);
    await shot(w, 'reviewer-reach-partner-secret');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('side panel: resources by their label, the account by its name, rule guides without markdown', async () => {
    const w = await open(`?node=${q('*')}`);
    const row = w.page.locator(`[data-testid="outbound"] [data-key="${PUBLIC_KEY}"]`);
    await w.page
      .locator('[data-testid="graph-summary"][data-level="account"]')
      .waitFor({ timeout: 60_000 });
    await row.first().waitFor({ timeout: 30_000 });
    expect(await row.first().textContent()).toContain('alias/public-shared · acme-data-prod');
    await w.page.goto(
      `${new URL(w.page.url()).origin}/?view=drill&accounts=500000000005&node=${q(PARTNER_FUNCTION)}`,
    );
    const detail = w.page.locator(`[data-testid="node-detail"][data-key="${PARTNER_FUNCTION}"]`);
    await detail.waitFor({ timeout: 60_000 });
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    // The account's name comes with the graph (or the organization view's facts) once loaded.
    await detail.filter({ hasText: '500000000005 (acme-data-prod)' }).waitFor({ timeout: 30_000 });
    expect(await w.page.locator('[data-testid="open-accounts"]').textContent()).toContain(
      'acme-data-prod',
    );
    // The organization view's IAM Identity Center node has no edge of its own: it says what it
    // stands for rather than "Inbound (0), Outbound (0)" beside its 39 drawn edges.
    await w.page.goto(`${new URL(w.page.url()).origin}/?node=${q('sso:identity-center')}`);
    await w.page
      .locator('[data-testid="identity-center-hub"]')
      .filter({ hasText: 'AWSSSO_…_DO_NOT_DELETE' })
      .waitFor({ timeout: 60_000 });
    await w.page.goto(`${new URL(w.page.url()).origin}/?view=findings`);
    await w.page.locator(`[data-testid="finding-row"][data-subject="${PUBLIC_QUEUE}"]`).click();
    const fix = w.page.locator('[data-testid="finding-fix"]');
    await fix.waitFor({ timeout: 30_000 });
    const text = (await fix.textContent()) ?? '';
    expect(text).toMatch(/^Name the accounts/);
    expect(text).not.toContain('`');
    expect(await fix.locator('code', { hasText: 'aws:PrincipalOrgID' }).count()).toBe(1);
    await shot(w, 'reviewer-finding-guide');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('an escalation through a workload the graph names but does not draw shows its ARN, not a link to nowhere', async () => {
    const SANDBOX = '500000000006';
    const GROUP = `arn:aws:autoscaling:us-east-1:${SANDBOX}:autoScalingGroup:0e5ca1a7-0000-4000-9000-000000000001:autoScalingGroupName/sandbox-web`;
    const FUNCTION = `arn:aws:lambda:us-east-1:${SANDBOX}:function:sandbox-deploy-hook`;
    const edgeKey = (source: string, target: string, technique: string, workload: string): string =>
      JSON.stringify(['can-escalate', source, target, `${technique}|${workload}|`]);
    const viaGroup = edgeKey(
      `arn:aws:iam::${SANDBOX}:user/esc-template-editor`,
      `arn:aws:iam::${SANDBOX}:role/esc-instance-admin`,
      'ec2:CreateLaunchTemplateVersion+ec2:ModifyLaunchTemplate+autoscaling:SetDesiredCapacity',
      GROUP,
    );
    const w = await open(`?accounts=${SANDBOX}&edge=${q(viaGroup)}`);
    const workload = w.page.locator('[data-testid="edge-workload"]');
    await workload.waitFor({ timeout: 60_000 });
    expect(await workload.locator('button').count()).toBe(0);
    expect(await workload.textContent()).toBe(GROUP);
    // A workload drawn on the graph (a function taken over) stays a link to its node.
    const viaFunction = edgeKey(
      `arn:aws:iam::${SANDBOX}:user/esc-function-editor`,
      FUNCTION,
      'lambda:UpdateFunctionCode+lambda:InvokeFunction',
      FUNCTION,
    );
    await w.page.goto(
      `${new URL(w.page.url()).origin}/?accounts=${SANDBOX}&edge=${q(viaFunction)}`,
    );
    await workload
      .locator('button', { hasText: 'sandbox-deploy-hook' })
      .waitFor({ timeout: 60_000 });
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('a link straight to an open account (a shared finding) still names every account and counts the outsiders', async () => {
    const w = await open(`?view=findings&accounts=500000000005&node=${q(PUBLIC_QUEUE)}`);
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    const subject = w.page
      .locator(
        '[data-testid="finding-row"][data-subject="arn:aws:iam::500000000003:role/LegacyPublicRole"] [data-testid="finding-subject"]',
      )
      .first();
    await w.page
      .locator('[data-testid="finding-subject"]', { hasText: 'acme-payments-dev' })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await subject.textContent()).toBe('LegacyPublicRole · acme-payments-dev');
    expect(await w.page.locator('[data-testid="summary-outsiders"]').textContent()).toMatch(
      /^\d+ outsiders$/,
    );
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('on a 1280-pixel laptop screen the header keeps every view name and count on one line', async () => {
    const w = await open('');
    await w.page.setViewportSize({ width: 1280, height: 800 });
    // The header at its widest: every count in.
    await w.page.locator('[data-testid="summary-critical"]').waitFor({ timeout: 60_000 });
    await w.page
      .locator('[data-testid="summary-outsiders"]', { hasText: /^\d+ outsiders$/ })
      .waitFor({ timeout: 60_000 });
    const rows = await w.page.evaluate<[string, number, number, boolean][]>(
      "[...document.querySelectorAll('header.top .tab, header.top .summary-link, header.top .search')].map((e) => { const r = e.getBoundingClientRect(); return [e.textContent, Math.round(r.top), Math.round(r.height), e.classList.contains('search')]; })",
    );
    const tab = rows.find(([text]) => text === 'Organization');
    if (tab === undefined) throw new Error('no Organization tab');
    const middle = tab[1] + tab[2] / 2;
    for (const [text, top, height, search] of rows) {
      // One line each: no taller than one line of the header's 14 px text in its padding (a
      // wrapped "Who can reach" is 44 px tall) …
      if (!search) expect([text, height <= 30]).toEqual([text, true]);
      // … and all on the row of the tabs, the search included.
      expect([text, Math.abs(top + height / 2 - middle) < 8]).toEqual([text, true]);
    }
    await w.page.screenshot({
      path: 'test/artifacts/web/reviewer-header-1280.png',
      clip: { x: 0, y: 0, width: 1280, height: 100 },
    });
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('blast radius of the unknown account: one account, its buckets and resources by name', async () => {
    const w = await open(`?view=blast&principal=${q('arn:aws:iam::999988887777:root')}`);
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    expect(await w.page.locator('[data-testid="blast-admin"] h3').textContent()).toBe(
      'Becomes administrator of (1 account)',
    );
    const resources = w.page.locator('[data-testid="blast-buckets"]');
    expect(await resources.locator('h3').textContent()).toMatch(/^Buckets and resources \(\d+\)$/);
    const key = resources.locator(
      '[data-testid="blast-entry"][data-key="arn:aws:kms:us-east-1:500000000005:key/00000005-0000-4000-8000-000000000004"]',
    );
    await key
      .first()
      .filter({ hasText: 'alias/org-shared · acme-data-prod' })
      .waitFor({ timeout: 30_000 });
    // What anyone reaches is anyone's own answer, one click away.
    await w.page.locator('[data-testid="blast-open-anyone"]').click();
    await waitForExpression(
      w.page,
      "new URLSearchParams(location.search).get('principal') === '*'",
    );
    await w.page
      .locator(
        '[data-testid="blast-buckets"] [data-testid="blast-entry"][data-key="arn:aws:sqs:us-east-1:500000000005:public-intake"]',
      )
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await w.page.locator('[data-testid="blast-anyone-note"]').count()).toBe(0);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('on a 1024-pixel screen a finding opened beside the list leaves the graph in view', async () => {
    const w = await open('?view=findings');
    await w.page.setViewportSize({ width: 1024, height: 700 });
    await w.page.locator(`[data-testid="finding-row"][data-subject="${PUBLIC_QUEUE}"]`).click();
    await w.page.locator('[data-testid="finding-detail"]').waitFor({ timeout: 30_000 });
    // The finding's account graph replaces the organization view: wait for its canvas.
    await w.page.locator('[data-testid="graph-canvas"]').waitFor({ timeout: 60_000 });
    const widths = await w.page.evaluate<[number, number]>(
      "[document.querySelector('[data-testid=graph-canvas]').getBoundingClientRect().width, document.documentElement.scrollWidth]",
    );
    expect(widths[0]).toBeGreaterThanOrEqual(200);
    expect(widths[1]).toBe(1024);
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('opening the account that could not be read says so, instead of one huge node and "nothing can reach in"', async () => {
    const w = await open('?view=drill&accounts=500000000007');
    const nothing = w.page.locator('[data-testid="graph-nothing"]');
    await nothing.waitFor({ timeout: 60_000 });
    expect(await nothing.textContent()).toContain('unknown, not absent');
    expect(await nothing.textContent()).toContain('acme-legacy-prod');
    expect(await w.page.locator('[data-testid="graph-canvas"]').count()).toBe(0);
    expect(await w.page.locator('[data-testid="outsiders-empty"]').textContent()).not.toContain(
      'can reach in',
    );
    await shot(w, 'reviewer-unread-account');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('a shared who-can-reach link greys out everything but the answer on the graph', async () => {
    const w = await open(`?view=reach&resource=${q(PARTNER_SECRET)}&action=read`);
    await w.page
      .locator('[data-testid="reach-group-external"] [data-testid="reach-entry"]')
      .first()
      .waitFor({ timeout: 60_000 });
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    await w.page
      .locator('[data-testid="graph-canvas"][data-rendered="true"]')
      .waitFor({ timeout: 60_000 });
    await w.page.waitForTimeout(2000);
    const box = await w.page.locator('[data-testid="graph-canvas"]').boundingBox();
    if (box === null) throw new Error('no graph canvas');
    const pixels = decodePng(await w.page.screenshot());
    // The account's hundreds of edges that are not on a path to the secret are drawn in
    // GREY_EDGE (#e8ecf0, highlight.ts); only the answer's few keep their colours, such as the
    // slate of an edge inside the organization (#8a9bb0) or the amber of a conditional one
    // (#e2a600). Loaded from a link, the graph once kept every edge in its colours.
    const near = (o: number, rgb: readonly [number, number, number], d: number): boolean =>
      Math.abs((pixels.rgba[o] ?? 0) - rgb[0]) < d &&
      Math.abs((pixels.rgba[o + 1] ?? 0) - rgb[1]) < d &&
      Math.abs((pixels.rgba[o + 2] ?? 0) - rgb[2]) < d;
    let grey = 0;
    let coloured = 0;
    for (let y = Math.ceil(box.y); y < box.y + box.height; y++)
      for (let x = Math.ceil(box.x); x < box.x + box.width; x++) {
        const o = (y * pixels.width + x) * 4;
        if (near(o, [0xe8, 0xec, 0xf0], 5)) grey++;
        else if (near(o, [0x8a, 0x9b, 0xb0], 12) || near(o, [0xe2, 0xa6, 0x00], 20)) coloured++;
      }
    expect(grey).toBeGreaterThan(5 * coloured);
    await shot(w, 'reviewer-reach-link-focus');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('a shared link with the scan diff on colours the added edge green on the graph, as the toggle does', async () => {
    const w = await open('?view=scans&diff=1');
    await w.page
      .locator('[data-testid="graph-canvas"][data-rendered="true"]')
      .waitFor({ timeout: 60_000 });
    await waitForExpression(
      w.page,
      "document.querySelectorAll('[data-testid=diff-drawn] li[data-change=added]').length > 0",
    );
    await w.page.waitForTimeout(1000);
    const box = await w.page.locator('[data-testid="graph-canvas"]').boundingBox();
    if (box === null) throw new Error('no graph canvas');
    const pixels = decodePng(await w.page.screenshot());
    // ADDED_COLOR of highlight.ts (#1e9e4a), on the canvas only (the lists beside it have green
    // bars too); a thin antialiased line, so single pixels are counted.
    let green = 0;
    for (let y = Math.ceil(box.y); y < box.y + box.height; y++)
      for (let x = Math.ceil(box.x); x < box.x + box.width; x++) {
        const o = (y * pixels.width + x) * 4;
        const [r, g, b] = [pixels.rgba[o] ?? 0, pixels.rgba[o + 1] ?? 0, pixels.rgba[o + 2] ?? 0];
        if (Math.abs(r - 0x1e) < 20 && Math.abs(g - 0x9e) < 20 && Math.abs(b - 0x4a) < 20) green++;
      }
    expect(green).toBeGreaterThan(20);
    await shot(w, 'reviewer-scans-diff-link');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});
