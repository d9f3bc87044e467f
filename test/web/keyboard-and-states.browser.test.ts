// Keyboard navigation and request states of the dashboard, in Chromium against the real
// `trustmap serve --demo`: findings rows are reached with the arrows and opened with Enter, the
// search picks a node with the keyboard, Escape closes the side panel wherever the focus is (but
// first closes an open list of suggestions); a request shows that it is loading, and a bad node
// in a link or an answer the server refuses shows a readable error, never a blank page.
import { describe, expect, it } from 'vitest';
import { waitForExpression, type WatchedPage } from './helpers/browser.js';
import { useDashboard } from './helpers/dashboard-session.js';

const DEPLOYMENT_ADMIN = 'arn:aws:iam::500000000001:role/DeploymentAdminRole';
const LEGACY_PUBLIC = 'arn:aws:iam::500000000003:role/LegacyPublicRole';
const NO_SUCH_ROLE = 'arn:aws:iam::500000000003:role/NoSuchRole';

const { url, blank, open, shot } = useDashboard();

/** The `data-subject` of the focused element (the findings row that has the focus). */
async function focusedSubject(w: WatchedPage): Promise<string | null> {
  return w.page.evaluate(
    "document.activeElement ? document.activeElement.getAttribute('data-subject') : null",
  );
}

/** Errors other than the failed request a test provoked on purpose. */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter(
    (e) => !/Failed to load resource: the server responded with a status of (400|404)/.test(e),
  );
}

describe('keyboard navigation', () => {
  it('findings: arrows move between rows, Enter opens the finding, Escape closes the panel', async () => {
    const w = await open('?view=findings');
    const rows = w.page.locator('[data-testid="finding-row"]');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBeGreaterThan(2);
    const subjects = await rows.evaluateAll((items: { getAttribute(n: string): string | null }[]) =>
      items.map((i) => i.getAttribute('data-subject')),
    );

    await rows.first().focus();
    expect(await focusedSubject(w)).toBe(subjects[0]);
    await w.page.keyboard.press('ArrowDown');
    expect(await focusedSubject(w)).toBe(subjects[1]);
    await w.page.keyboard.press('ArrowDown');
    await w.page.keyboard.press('ArrowUp');
    expect(await focusedSubject(w)).toBe(subjects[1]);

    await w.page.keyboard.press('Enter');
    const subject = subjects[1] ?? '';
    // The finding opens in the side panel (issue 17), its subject selected on the graph.
    await w.page.locator('[data-testid="finding-detail"]').waitFor({ timeout: 60_000 });
    await waitForExpression(
      w.page,
      `new URLSearchParams(location.search).get('node') === ${JSON.stringify(subject)}`,
    );
    expect(new URL(w.page.url()).searchParams.get('finding')).not.toBeNull();
    // The focus stayed on the row: Escape closes the panel from there.
    expect(await focusedSubject(w)).toBe(subject);
    await w.page.keyboard.press('Escape');
    await w.page.locator('[data-testid="side-panel"]').waitFor({ state: 'detached' });
    expect(new URL(w.page.url()).searchParams.get('node')).toBeNull();
    expect(new URL(w.page.url()).searchParams.get('finding')).toBeNull();
    expect(unexpected(w.errors)).toEqual([]);
    await w.page.close();
  });

  it('search: arrows and Enter pick a node; Escape closes the suggestions first, then the panel', async () => {
    const w = await open(`?node=${encodeURIComponent(LEGACY_PUBLIC)}`);
    await w.page
      .locator(`[data-testid="node-detail"][data-key="${LEGACY_PUBLIC}"]`)
      .waitFor({ timeout: 60_000 });
    const search = w.page.locator('[data-testid="search"]');
    await search.focus();
    await w.page.keyboard.type('DeploymentAdmin');
    const suggestions = w.page.locator(
      '[data-testid="search-suggestions"] [data-testid="suggestion"]',
    );
    await suggestions.first().waitFor({ timeout: 30_000 });

    // Escape with the suggestions open closes them and nothing else.
    await w.page.keyboard.press('Escape');
    await w.page.locator('[data-testid="search-suggestions"]').waitFor({ state: 'detached' });
    expect(await w.page.locator('[data-testid="side-panel"]').count()).toBe(1);

    await w.page.keyboard.press('ArrowDown');
    await suggestions.first().waitFor({ timeout: 30_000 });
    await w.page.keyboard.press('Enter');
    await w.page
      .locator(`[data-testid="node-detail"][data-key="${DEPLOYMENT_ADMIN}"]`)
      .waitFor({ timeout: 60_000 });
    expect(new URL(w.page.url()).searchParams.get('node')).toBe(DEPLOYMENT_ADMIN);

    await w.page.keyboard.press('Escape');
    await w.page.locator('[data-testid="side-panel"]').waitFor({ state: 'detached' });

    // Text that matches nothing and is no key: Enter keeps it in the field ("No match."),
    // instead of opening a panel that says it is not in the graph.
    await search.fill('');
    await search.focus();
    await w.page.keyboard.type('no such thing here');
    await w.page
      .locator('[data-testid="search-suggestions"]', { hasText: 'No match.' })
      .waitFor({ timeout: 30_000 });
    await w.page.keyboard.press('Enter');
    await w.page.waitForTimeout(300);
    expect(new URL(w.page.url()).searchParams.get('node')).toBeNull();
    expect(await w.page.locator('[data-testid="side-panel"]').count()).toBe(0);
    expect(await search.inputValue()).toBe('no such thing here');
    expect(await w.page.locator('[data-testid="search-suggestions"]').textContent()).toContain(
      'No match.',
    );
    expect(unexpected(w.errors)).toEqual([]);
    await w.page.close();
  });
});

describe('loading and error states', () => {
  it('the side panel says it is loading while the node answer is on its way', async () => {
    const w = await blank();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await w.page.route(
      (u) => u.pathname.endsWith('/api/node'),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await w.page.goto(url(`?node=${encodeURIComponent(LEGACY_PUBLIC)}`));
    const loading = w.page.locator('[data-testid="side-panel"] [data-testid="loading"]');
    await loading.waitFor({ timeout: 60_000 });
    expect(await loading.textContent()).toBe('Loading node details…');
    expect(await loading.getAttribute('role')).toBe('status');
    release();
    await w.page
      .locator(`[data-testid="node-detail"][data-key="${LEGACY_PUBLIC}"]`)
      .waitFor({ timeout: 60_000 });
    expect(await loading.count()).toBe(0);
    expect(unexpected(w.errors)).toEqual([]);
    await w.page.close();
  });

  it('a link to a node that does not exist shows a readable error beside a working graph', async () => {
    const w = await open(`?node=${encodeURIComponent(NO_SUCH_ROLE)}`);
    const error = w.page.locator('[data-testid="side-panel"] [data-testid="error"]');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.getAttribute('role')).toBe('alert');
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/^Could not load node details \(unknown-node\): /);
    expect(text).toContain(NO_SUCH_ROLE);
    // The rest of the page works: the organization view is drawn.
    await w.page
      .locator('[data-testid="graph-summary"][data-level="account"]')
      .waitFor({ timeout: 60_000 });
    expect(await w.page.locator('[data-testid="graph-canvas"] canvas').count()).toBeGreaterThan(0);
    await shot(w, 'error-unknown-node');
    expect(unexpected(w.errors)).toEqual([]);
    await w.page.close();
  });

  it('a graph request the server refuses shows its error in place of the graph', async () => {
    // 201 accounts: more than the server opens at once with its default node cap.
    const accounts = Array.from({ length: 201 }, (_, i) => String(500000000001 + i)).join(',');
    const w = await open(`?view=drill&accounts=${accounts}`);
    const error = w.page.locator('.centre [data-testid="error"]');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toBe(
      'Could not load the access graph (bad-request): accounts: expected at most 200 comma-separated 12-digit account ids',
    );
    expect(await w.page.locator('[data-testid="graph-canvas"]').count()).toBe(0);
    // Navigation still works: back to the organization view.
    await w.page.locator('[data-testid="tab-org"]').click();
    await w.page
      .locator('[data-testid="graph-summary"][data-level="account"]')
      .waitFor({ timeout: 60_000 });
    await waitForExpression(
      w.page,
      "document.querySelector('.centre [data-testid=error]') === null",
    );
    expect(unexpected(w.errors)).toEqual([]);
    await w.page.close();
  });

  it('a compact graph answer that does not hold together shows a readable error', async () => {
    const w = await blank();
    // The server's own answer, with one edge pointing at a node it does not list.
    await w.page.route(
      (u) => u.pathname.endsWith('/api/graph'),
      async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as {
          format?: string;
          graph: { nodeKeys: string[]; edgeSources: number[] };
        };
        expect(body.format).toBe('compact');
        body.graph.edgeSources[0] = body.graph.nodeKeys.length;
        await route.fulfill({ response, json: body });
      },
    );
    await w.page.goto(url(''));
    const error = w.page.locator('.centre [data-testid="error"]');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toBe(
      'Could not load the access graph (bad-response): /api/graph: the answer is not a graph (compact form: edgeSources: expected node indexes)',
    );
    expect(await w.page.locator('[data-testid="graph-canvas"]').count()).toBe(0);
    expect(unexpected(w.errors)).toEqual([]);
    await w.page.close();
  });
});
