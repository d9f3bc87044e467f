// `trustmap serve --max-graph-nodes N`: the cap on one /api/graph answer — parsed and checked
// like every serve flag, shown by --help, and applied by the running server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../server/cli/errors.js';
import type { CliIo } from '../../../server/cli/io.js';
import { DEFAULT_LIMITS } from '../../../server/http/app-context.js';
import { startServer, type RunningServer } from '../../../server/serve/serve-command.js';
import { resolveServeOptions } from '../../../server/serve/serve-options.js';
import { runCli } from '../../helpers/run-cli.js';
import { TEST_PIPELINE, V1 } from '../scan/test-pipeline.js';

const dirs: string[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'trustmap-serve-cap-'));
  dirs.push(d);
  return d;
}
const quiet: CliIo = {
  out: () => undefined,
  err: () => undefined,
  isTty: false,
  env: {},
  cwd: '/w',
};

describe('--max-graph-nodes', () => {
  it('defaults to the API default of 3,000 nodes', () => {
    expect(DEFAULT_LIMITS.maxGraphNodes).toBe(3000);
    expect(resolveServeOptions({ demo: true }, {}, '/w').maxGraphNodes).toBe(3000);
  });

  it('takes the flag over TRUSTMAP_MAX_GRAPH_NODES over the default', () => {
    expect(
      resolveServeOptions({ demo: true }, { TRUSTMAP_MAX_GRAPH_NODES: '12000' }, '/w')
        .maxGraphNodes,
    ).toBe(12000);
    expect(
      resolveServeOptions(
        { demo: true, maxGraphNodes: '60000' },
        { TRUSTMAP_MAX_GRAPH_NODES: '12000' },
        '/w',
      ).maxGraphNodes,
    ).toBe(60000);
    expect(resolveServeOptions({ demo: true, maxGraphNodes: '1' }, {}, '/w').maxGraphNodes).toBe(1);
  });

  const bad: readonly { name: string; value: string }[] = [
    { name: 'zero', value: '0' },
    { name: 'negative', value: '-5' },
    { name: 'fraction', value: '1.5' },
    { name: 'exponent', value: '5e4' },
    { name: 'word', value: 'many' },
    { name: 'empty', value: '' },
    { name: 'above the upper bound', value: '1000001' },
  ];
  it.each(bad)('refuses $name with a UsageError naming the flag', ({ value }) => {
    const attempt = (): unknown =>
      resolveServeOptions({ demo: true, maxGraphNodes: value }, {}, '/w');
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(
      `--max-graph-nodes: expected a whole number of nodes from 1 to 1000000, got "${value}"`,
    );
  });

  it('names the environment variable when the bad value comes from there', () => {
    expect(() =>
      resolveServeOptions({ demo: true }, { TRUSTMAP_MAX_GRAPH_NODES: 'lots' }, '/w'),
    ).toThrow(/^TRUSTMAP_MAX_GRAPH_NODES: expected a whole number/);
  });

  it('on the command line: a bad value exits 2 naming the flag; --help documents it', async () => {
    const d = temp();
    const run = await runCli(['serve', '--demo', '--max-graph-nodes', '0'], d, {
      TRUSTMAP_DATA_DIR: d,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-graph-nodes: expected a whole number of nodes');
    const help = await runCli(['serve', '--help'], d, { TRUSTMAP_DATA_DIR: d });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--max-graph-nodes <n>\s+cap on the nodes of one \/api\/graph/);
  });

  it('is the cap the running server applies to principal-level answers and reports in health', async () => {
    const d = temp();
    const start = async (maxGraphNodes: string | undefined): Promise<string> => {
      const options = resolveServeOptions(
        {
          fromDir: V1,
          db: join(d, `${maxGraphNodes ?? 'default'}.db`),
          port: '0',
          accessLog: false,
          ...(maxGraphNodes === undefined ? {} : { maxGraphNodes }),
        },
        {},
        d,
      );
      const s = await startServer(options, quiet, TEST_PIPELINE);
      servers.push(s);
      return s.url;
    };
    const graphOf = async (
      base: string,
    ): Promise<{ truncated: boolean; graph: { nodes: unknown[] } }> => {
      const r = await fetch(`${base}api/graph?level=principal&accounts=111111111111,222222222222`);
      expect(r.status).toBe(200);
      return (await r.json()) as { truncated: boolean; graph: { nodes: unknown[] } };
    };

    const capped = await start('2');
    const health = (await (await fetch(`${capped}api/health`)).json()) as {
      limits: { maxGraphNodes: number };
    };
    expect(health.limits.maxGraphNodes).toBe(2);
    const small = await graphOf(capped);
    expect(small.truncated).toBe(true);
    expect(small.graph.nodes).toHaveLength(2);

    const roomy = await graphOf(await start(undefined));
    expect(roomy.truncated).toBe(false);
    expect(roomy.graph.nodes.length).toBeGreaterThan(2);
  });
});
