// Dashboard rendering in Chromium (SwiftShader WebGL, headless) against `trustmap serve --demo`
// with the 1,000-account demo: time to first render of the organization view, and frames per
// second while panning and zooming, at account level and for a ~50,000-node principal-level view.
// Targets (issue 6): first render ≤ 2 s at account level, ≥ 30 fps while interacting.
// Run: npx tsx bench/dashboard.ts [--accounts 1000] [--principal-nodes 50000]. Prints JSON.
import type { Page } from 'playwright-core';
import { launchBrowser, waitForExpression } from '../test/web/helpers/browser.js';
import { startDemoServer } from '../test/web/helpers/serve-demo.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const ACCOUNTS = arg('accounts', 1000);
const PRINCIPAL_NODES = arg('principal-nodes', 50_000);
const INTERACT_MS = 5_000;

interface RenderMark {
  ms: number;
  nodes: number;
  edges: number;
}

/** Waits for the n-th `trustmap:graph-rendered` mark; its time is relative to navigation start. */
async function waitForRender(page: Page, count: number, timeoutMs: number): Promise<RenderMark> {
  await waitForExpression(
    page,
    `performance.getEntriesByName('trustmap:graph-rendered').length >= ${count}`,
    timeoutMs,
  );
  return page.evaluate(
    `(() => { const m = performance.getEntriesByName('trustmap:graph-rendered')[${count - 1}];
      return { ms: m.startTime, nodes: m.detail.nodes, edges: m.detail.edges }; })()`,
  );
}

/** Drags and wheels over the canvas for INTERACT_MS while counting animation frames. */
async function measureFps(
  page: Page,
): Promise<{ fps: number; worstFrameMs: number; frames: number }> {
  const box = await page.locator('[data-testid="graph-canvas"]').boundingBox();
  if (box === null) throw new Error('graph canvas not visible');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(`(() => {
    window.__frames = []; window.__counting = true;
    const tick = (t) => { window.__frames.push(t); if (window.__counting) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const start = Date.now();
  let step = 0;
  while (Date.now() - start < INTERACT_MS) {
    // Pan in a circle, then zoom in and out with the wheel.
    const angle = (step / 20) * Math.PI * 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 120 * Math.cos(angle), cy + 120 * Math.sin(angle), { steps: 8 });
    await page.mouse.up();
    await page.mouse.wheel(0, step % 2 === 0 ? -240 : 240);
    step += 1;
  }
  const frames: number[] = await page.evaluate(
    '(() => { window.__counting = false; return window.__frames; })()',
  );
  const first = frames[0] ?? 0;
  const last = frames[frames.length - 1] ?? first;
  let worst = 0;
  for (let i = 1; i < frames.length; i++)
    worst = Math.max(worst, (frames[i] ?? 0) - (frames[i - 1] ?? 0));
  const seconds = (last - first) / 1000;
  return {
    fps: seconds > 0 ? Math.round(((frames.length - 1) / seconds) * 10) / 10 : 0,
    worstFrameMs: Math.round(worst),
    frames: frames.length,
  };
}

interface AccountGraph {
  graph: {
    nodes: {
      key: string;
      attributes?: { kind?: string; scope?: string; accountId?: string; principals?: number };
    }[];
  };
}

async function main(): Promise<void> {
  const serverStart = Date.now();
  const server = await startDemoServer(['--demo-accounts', String(ACCOUNTS)], 30 * 60_000);
  const serverReadyMs = Date.now() - serverStart;
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    // Account level, cold page.
    await page.goto(`${server.url}/`);
    const accountRender = await waitForRender(page, 1, 120_000);
    await page.waitForTimeout(500);
    const accountFps = await measureFps(page);

    // Principal level: enough organization accounts for PRINCIPAL_NODES nodes.
    const response = await fetch(`${server.url}/api/graph?level=account`);
    const body = (await response.json()) as AccountGraph;
    const accounts: string[] = [];
    let planned = 0;
    for (const node of body.graph.nodes) {
      const a = node.attributes;
      if (a?.kind !== 'account' || a.scope !== 'org' || a.accountId === undefined) continue;
      accounts.push(a.accountId);
      planned += (a.principals ?? 0) + 2;
      if (planned >= PRINCIPAL_NODES) break;
    }
    const principalPage = await browser.context.newPage();
    await principalPage.goto(
      `${server.url}/?view=drill&accounts=${accounts.slice(0, 200).join(',')}`,
    );
    let principal: Record<string, unknown>;
    try {
      const principalRender = await waitForRender(principalPage, 1, 300_000);
      await principalPage.waitForTimeout(500);
      principal = {
        accountsOpened: Math.min(accounts.length, 200),
        nodes: principalRender.nodes,
        edges: principalRender.edges,
        firstRenderMs: Math.round(principalRender.ms),
        interaction: await measureFps(principalPage),
        targetFps: 30,
      };
    } catch (err: unknown) {
      const shown = await principalPage
        .locator('.centre')
        .innerText()
        .catch(() => '');
      principal = {
        accountsOpened: Math.min(accounts.length, 200),
        error: err instanceof Error ? err.message : String(err),
        pageSays: shown.slice(0, 300),
      };
    }

    process.stdout.write(
      `${JSON.stringify(
        {
          bench: 'dashboard',
          browser: 'chromium headless, SwiftShader WebGL (no GPU)',
          demoAccounts: ACCOUNTS,
          serverReadyMs,
          accountLevel: {
            nodes: accountRender.nodes,
            edges: accountRender.edges,
            firstRenderMs: Math.round(accountRender.ms),
            targetFirstRenderMs: 2000,
            interaction: accountFps,
            targetFps: 30,
          },
          principalLevel: principal,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
