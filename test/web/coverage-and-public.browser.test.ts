// Issue 12 in Chromium against the real `trustmap serve --demo`: the latest scan of the demo reads
// 500000000008 only in part (its iam.json is one page of several) and cannot read 500000000007,
// so the dashboard shows the coverage banner above every view (case 2); and the GitHub Actions
// provider, trusted with `aud` only and with `sub: "*"`, is painted public in the organization
// view — the same judgement as the CLI's scope `public` (case 4); the Scans view lists the
// worsened finding of the second scan (case 1). Screenshots in
// test/artifacts/web/.
import { describe, expect, it } from 'vitest';
import { useDashboard } from './helpers/dashboard-session.js';

const GITHUB = 'arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com';

const { open, shot } = useDashboard();

describe('issue 12 on the demo dashboard', () => {
  it('shows the coverage banner with the accounts read in part or not at all, in every view', async () => {
    const w = await open('');
    const banner = w.page.locator('[data-testid="coverage-banner"]');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.getAttribute('data-accounts')).toBe('500000000007,500000000008');
    const rows = banner.locator('[data-testid="coverage-account"]');
    expect(
      await rows.evaluateAll((items: { getAttribute(n: string): string | null }[]) =>
        items.map((i) => i.getAttribute('data-status')),
      ),
    ).toEqual(['denied', 'partial']);
    expect(await rows.nth(1).textContent()).toContain('500000000008/iam.json $.IsTruncated');
    // Folded: the first sentence names the accounts; the reasons open on demand, so the banner
    // keeps to a few lines (it sits above every view, also on a 700-pixel-high screen).
    expect(await rows.nth(1).isVisible()).toBe(false);
    expect(await banner.textContent()).toContain('500000000007 denied, 500000000008 partial');
    const folded = (await banner.boundingBox())?.height ?? 0;
    expect(folded).toBeGreaterThan(0);
    expect(folded).toBeLessThan(80);
    await banner.locator('[data-testid="coverage-why"] summary').click();
    expect(await rows.nth(1).isVisible()).toBe(true);
    expect((await banner.boundingBox())?.height ?? 0).toBeGreaterThan(folded);
    await shot(w, 'coverage-banner');
    // Still there in another view.
    await w.page.locator('[data-testid="tab-findings"]').click();
    await w.page.locator('[data-testid="coverage-banner"]').waitFor({ timeout: 30_000 });
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('paints the GitHub Actions provider public in the organization view, as the CLI scopes it', async () => {
    const w = await open('');
    const github = w.page.locator(`[data-testid="outsider"][data-key="${GITHUB}"]`);
    await github.waitFor({ timeout: 60_000 });
    expect(await github.getAttribute('data-state')).toBe('public');
    await shot(w, 'github-provider-public');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('lists the worsened finding of the second scan in the Scans view (case 1)', async () => {
    const w = await open('?view=scans');
    await w.page.locator('[data-testid="scan-row"]').first().waitFor({ timeout: 60_000 });
    await w.page.locator('[data-testid="scan-diff"]').check();
    const row = w.page.locator(
      '[data-testid="worsened-finding"][data-rule="bucket-reachable-from-outside-org"]',
    );
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getAttribute('data-subject')).toBe(
      'arn:aws:s3:::acme-partner-exchange-500000000002',
    );
    expect(await row.textContent()).toContain('conditional (aws:SourceIp) → allow');
    expect(await w.page.locator('[data-testid="diff-counts"]').textContent()).toContain(
      '1 worsened',
    );
    await shot(w, 'worsened-finding');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});
