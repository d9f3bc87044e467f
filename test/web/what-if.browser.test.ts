// The What if view in Chromium against the real `trustmap serve --demo`: a Terraform plan file
// chosen in the panel (test/fixtures/what-if/opens-external-admin.plan.json: a role trusted by
// the unknown account 999988887777 with AdministratorAccess) is sent to POST /api/what-if; the
// verdict says it opens something, the new path from 999988887777 is listed, and the change's
// edges are highlighted on the graph as a scan diff is. Screenshot in test/artifacts/web/.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitForExpression } from './helpers/browser.js';
import { useDashboard } from './helpers/dashboard-session.js';
import { ROOT } from './helpers/serve-demo.js';

const { open, shot } = useDashboard();
const PLAN = join(ROOT, 'test', 'fixtures', 'what-if', 'opens-external-admin.plan.json');

describe('what-if view on the demo organization', () => {
  it('a dropped plan shows its verdict, its new path, and its edges on the graph', async () => {
    const w = await open('?view=what-if');
    await w.page.locator('[data-testid="graph-canvas"][data-rendered="true"]').waitFor({
      timeout: 60_000,
    });
    await w.page.locator('[data-testid="what-if-file"]').setInputFiles(PLAN);
    const answer = w.page.locator('[data-testid="what-if-answer"]');
    await answer.waitFor({ timeout: 60_000 });
    expect(Number(await answer.getAttribute('data-failing'))).toBeGreaterThan(0);
    const paths = await w.page.locator('[data-testid="what-if-paths"] li').allTextContents();
    expect(
      paths.some((t) => t.includes('critical') && t.includes('aws_iam_role.partner_admin')),
    ).toBe(true);
    await waitForExpression(
      w.page,
      "document.querySelectorAll('[data-testid=diff-drawn] li[data-change=added]').length > 0",
      60_000,
    );
    await shot(w, 'what-if');
    expect(w.errors).toEqual([]);
    await w.page.close();
  });

  it('a file that is not a plan says why', async () => {
    const w = await open('?view=what-if');
    await w.page.locator('[data-testid="what-if-file"]').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": 1}'),
    });
    const error = w.page.locator('[data-testid="what-if-error"]');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain('expected a Terraform plan');
    await w.page.close();
  });
});
