// IAM Identity Center in the dashboard, in Chromium against the real `trustmap serve --demo`
// (docs/demo-organization.md "IAM Identity Center"): the per-account AWSSSO providers are one
// "IAM Identity Center" node in the organization view, no two labels on the canvas overlap there,
// and who-can-reach lists the groups and the people. Screenshots in test/artifacts/web/.
import { describe, expect, it } from 'vitest';
import type { WatchedPage } from './helpers/browser.js';
import { useDashboard } from './helpers/dashboard-session.js';

const IDENTITY_CENTER = 'sso:identity-center';
const PAYMENTS_BUCKET = 'arn:aws:s3:::acme-app-data-500000000001';

interface Box {
  key: string;
  label: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const { open, shot } = useDashboard();

/** The label boxes the page reports (web/src/graph/label-boxes.ts). */
async function labelBoxes(w: WatchedPage): Promise<Box[]> {
  await w.page.evaluate(
    "document.querySelector('[data-testid=graph-canvas]').dispatchEvent(new CustomEvent('trustmap:measure-labels'))",
  );
  const text = await w.page
    .locator('[data-testid="graph-canvas"]')
    .getAttribute('data-labels', { timeout: 10_000 });
  return JSON.parse(text ?? '[]') as Box[];
}

function overlaps(boxes: readonly Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)
        out.push(`${a.label} × ${b.label}`);
    }
  return out;
}

describe('IAM Identity Center in the dashboard', () => {
  it('shows one IAM Identity Center node at organization level and no overlapping labels', async () => {
    const w = await open('');
    await w.page
      .locator('[data-testid="graph-canvas"][data-rendered="true"]')
      .waitFor({ timeout: 60_000 });
    // Listed as the organization's own sign-in, not among the outsiders (nor counted with them).
    const hub = w.page.locator(`[data-testid="sign-in"][data-key="${IDENTITY_CENTER}"]`);
    await hub.waitFor({ timeout: 30_000 });
    expect(await hub.locator('.row-title').textContent()).toBe('IAM Identity Center');
    expect(await w.page.locator('[data-testid="sign-in"]').count()).toBe(1);
    const outsiders = w.page.locator('[data-testid="outsider"]');
    expect(await outsiders.count()).toBeGreaterThan(0);
    expect(
      await w.page.locator(`[data-testid="outsider"][data-key="${IDENTITY_CENTER}"]`).count(),
    ).toBe(0);
    expect(await w.page.locator('[data-testid*="outsider"][data-key*="AWSSSO_"]').count()).toBe(0);
    expect(await w.page.locator('[data-testid="summary-outsiders"]').textContent()).toBe(
      `${String(await outsiders.count())} outsiders`,
    );
    // Labels are drawn once the camera has rested.
    await w.page.waitForTimeout(1500);
    const boxes = await labelBoxes(w);
    expect(boxes.map((b) => b.label)).toContain('IAM Identity Center');
    expect(boxes.some((b) => b.label.startsWith('AWSSSO_'))).toBe(false);
    expect(overlaps(boxes)).toEqual([]);
    await shot(w, 'identity-center-organization');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('who can reach: groups and people, the direct assignment named', async () => {
    const w = await open(`?view=reach&resource=${encodeURIComponent(PAYMENTS_BUCKET)}&action=read`);
    await w.page.locator('[data-testid="reach-results"]').waitFor({ timeout: 60_000 });
    const groups = w.page.locator(
      '[data-testid="reach-group-sso-groups"] [data-testid="reach-entry"]',
    );
    const names = await groups.locator('button.link').allTextContents();
    expect(names).toContain('Platform Admins');
    const people = w.page.locator('[data-testid="reach-group-people"] [data-testid="reach-entry"]');
    expect(await people.count()).toBe(22);
    const dana = people.filter({ hasText: 'dana.kim@acme.example' });
    expect(await dana.locator(':scope > .row-meta').textContent()).toContain('direct assignment');
    // The AWSSSO providers are not starting points of their own.
    expect(
      await w.page
        .locator('[data-testid="reach-entry"][data-key*="saml-provider/AWSSSO_"]')
        .count(),
    ).toBe(0);
    // Whatever labels the highlighted view shows, a person or group is never labelled by its key.
    await w.page
      .locator('[data-testid="graph-summary"][data-level="principal"]')
      .waitFor({ timeout: 60_000 });
    await w.page.waitForTimeout(1500);
    const labels = (await labelBoxes(w)).map((b) => b.label);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.filter((l) => l.startsWith('sso:'))).toEqual([]);
    await shot(w, 'identity-center-who-can-reach');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });
});
