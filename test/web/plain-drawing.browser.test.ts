// A very large graph on software WebGL (the tests' Chromium draws with SwiftShader) is drawn
// plainly (web/src/graph/sigma-host.ts): edges as lines, nodes as points in their colours, Sigma
// keeping only its picking pass. The page gets a synthetic principal-level answer of 3,001 nodes
// and 21,000 edges (over the 20,000-edge threshold) for one account; the test finds a role's
// colour on the canvas and clicks there: the picking pass must still select that role.
import { expect, it } from 'vitest';
import { KIND_COLORS } from '../../web/src/graph/node-look.js';
import { useDashboard } from './helpers/dashboard-session.js';
import { decodePng, findColour } from './helpers/png.js';

const { blank, url, shot } = useDashboard();

const ACCOUNT = '500000000001';
const ROLES = 3_000;
const EDGES_PER_ROLE = 7;
const roleKey = (i: number): string =>
  `arn:aws:iam::${ACCOUNT}:role/synthetic-${String(i).padStart(4, '0')}`;

function syntheticGraph(): unknown {
  const nodes = [
    {
      key: `arn:aws:iam::${ACCOUNT}:root`,
      attributes: { kind: 'account', scope: 'org', accountId: ACCOUNT, label: 'synthetic' },
    },
    ...Array.from({ length: ROLES }, (_, i) => ({
      key: roleKey(i),
      attributes: {
        kind: 'role',
        scope: 'org',
        accountId: ACCOUNT,
        label: `synthetic-${String(i)}`,
      },
    })),
  ];
  const edges = Array.from({ length: ROLES * EDGES_PER_ROLE }, (_, n) => {
    const i = Math.floor(n / EDGES_PER_ROLE);
    const j = n % EDGES_PER_ROLE;
    return {
      key: `synthetic-edge-${String(n)}`,
      source: roleKey(i),
      target: roleKey((i * 7 + j * 131 + 1) % ROLES),
      attributes: { kind: 'can-assume', decision: 'allow' },
    };
  });
  return {
    level: 'principal',
    scanId: 2,
    truncated: false,
    graph: {
      attributes: { level: 'principal' },
      options: { type: 'directed', multi: true, allowSelfLoops: true },
      nodes,
      edges,
    },
  };
}

it('draws a 21,000-edge graph plainly, and a click on a role drawn as a point selects it', async () => {
  const w = await blank();
  const body = JSON.stringify(syntheticGraph());
  await w.page.route(
    (u) => u.pathname.endsWith('/api/graph'),
    (route) => route.fulfill({ contentType: 'application/json', body }),
  );
  await w.page.goto(url(`?view=drill&accounts=${ACCOUNT}`));
  const canvas = w.page.locator('[data-testid="graph-canvas"][data-rendered="true"]');
  await canvas.waitFor({ timeout: 120_000 });
  expect(await canvas.getAttribute('data-edges')).toBe(String(ROLES * EDGES_PER_ROLE));
  expect(await canvas.getAttribute('data-drawing')).toBe('plain');
  // The full frame comes once the camera has rested; give SwiftShader time to draw it.
  await w.page.waitForTimeout(1_500);
  const box = await canvas.boundingBox();
  if (box === null) throw new Error('graph canvas not visible');
  const pixels = decodePng(await w.page.screenshot());
  const roles = findColour(pixels, KIND_COLORS.role, box);
  expect(roles.length).toBeGreaterThan(0);
  await shot(w, 'plain-drawing');
  // Click role-coloured spots until one selects a node (a spot may be where two roles overlap).
  const keys = new Set(Array.from({ length: ROLES }, (_, i) => roleKey(i)));
  let selected: string | null = null;
  for (const spot of roles.filter((_, i) => i % Math.ceil(roles.length / 8) === 0)) {
    await w.page.mouse.click(spot.x, spot.y);
    selected = await w.page
      .waitForURL((u) => u.searchParams.has('node'), { timeout: 2_000 })
      .then(() => new URL(w.page.url()).searchParams.get('node'))
      .catch(() => null);
    if (selected !== null) break;
  }
  expect(selected !== null && keys.has(selected)).toBe(true);
  // The server knows no such role: the side panel says so (the only error on the page).
  expect(w.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  await w.page.close();
}, 180_000);
