// The demo organization is a pure function of its options: the same seed gives byte-identical
// files, another seed changes the filler but none of the planted scenarios.
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoOrganization } from '../../../server/demo/generate-demo-organization.js';
import { readAllFiles, readJson, removeDir, roleView, writeDemo } from './demo-snapshot-view.js';

const dirs: string[] = [];
async function demo(seed: string | number): Promise<string> {
  const dir = await writeDemo({ seed });
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

describe('demo determinism', () => {
  it('writes byte-identical files for the same seed', async () => {
    const a = await readAllFiles(await demo('alpha'));
    const b = await readAllFiles(await demo('alpha'));
    expect([...a.keys()]).toEqual([...b.keys()]);
    // 37 files, and workloads.json in each of the 11 readable accounts.
    expect(a.size).toBe(48);
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
  });

  it('changes the filler for another seed, not the planted scenarios', async () => {
    const alpha = await demo('alpha');
    const beta = await demo('beta');
    const a = await readAllFiles(alpha);
    const b = await readAllFiles(beta);
    const differing = [...a.keys()].filter((path) => a.get(path) !== b.get(path));
    expect(differing).toContain('500000000001/iam.json');
    // organization.json and collection.json hold no seeded data.
    expect(differing).not.toContain('organization.json');
    expect(differing).not.toContain('collection.json');
    for (const [account, role] of [
      ['500000000002', 'PartnerAuditRole'],
      ['444444444444', 'GitHubActionsWildcardRole'],
      ['500000000001', 'DeploymentAdminRole'],
    ] as const) {
      const ra = roleView(await readJson(alpha, `${account}/iam.json`), role)!;
      const rb = roleView(await readJson(beta, `${account}/iam.json`), role)!;
      expect(rb.trust).toEqual(ra.trust);
      expect(rb.managed).toEqual(ra.managed);
      expect(rb.inline).toEqual(ra.inline);
      // Unique ids are filler: they follow the seed.
      expect(rb.roleId).not.toBe(ra.roleId);
    }
  });

  it('seeds a number exactly as its decimal string', async () => {
    const a = await readAllFiles(await demo(7));
    const b = await readAllFiles(await demo('7'));
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
  });

  it('writes files in a stable order through any sink', async () => {
    const order: string[] = [];
    await generateDemoOrganization(
      {},
      {
        writeJson: (path) => {
          order.push(path);
          return Promise.resolve();
        },
      },
    );
    expect(order[0]).toBe('organization.json');
    expect(order.at(-1)).toBe('collection.json');
    expect(order.slice(1, 4)).toEqual([
      '111111111111/iam.json',
      '111111111111/s3.json',
      '111111111111/identity-providers.json',
    ]);
    expect(order.some((p) => p.startsWith('500000000007/'))).toBe(false);
  });
});
