// Positions of the principal-level view (web/src/layout/principal-layout.ts): computed before the
// first frame, the same whatever order the server lists the nodes in, one cluster per account
// around its account node.
import { describe, expect, it } from 'vitest';
import {
  layoutPrincipalView,
  type PrincipalLayoutNode,
} from '../../web/src/layout/principal-layout.js';

function node(
  key: string,
  kind: PrincipalLayoutNode['attributes']['kind'],
  label: string,
  accountId?: string,
): PrincipalLayoutNode {
  return { key, attributes: { kind, label, ...(accountId === undefined ? {} : { accountId }) } };
}

function demo(): PrincipalLayoutNode[] {
  const nodes: PrincipalLayoutNode[] = [node('anyone', 'anyone', 'Anyone')];
  for (const account of ['111111111111', '222222222222', '333333333333']) {
    nodes.push(node(`arn:aws:iam::${account}:root`, 'account', account, account));
    for (let i = 0; i < 25; i++)
      nodes.push(
        node(`arn:aws:iam::${account}:role/R${String(i)}`, 'role', `R${String(i)}`, account),
      );
    nodes.push(node(`arn:aws:iam::${account}:user/u`, 'user', 'u', account));
  }
  // Two nodes with the same label and kind in one account (untrusted data): the key decides.
  nodes.push(node('arn:aws:iam::111111111111:role/path/R1', 'role', 'R1', '111111111111'));
  return nodes;
}

describe('layoutPrincipalView', () => {
  it('gives every node a finite position, no two nodes the same', () => {
    const positions = layoutPrincipalView(demo());
    expect(positions.size).toBe(demo().length);
    const seen = new Set<string>();
    for (const p of positions.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      seen.add(`${p.x.toFixed(6)},${p.y.toFixed(6)}`);
    }
    expect(seen.size).toBe(positions.size);
  });

  it('does not depend on the order of the input, even with equal labels', () => {
    const forward = layoutPrincipalView(demo());
    const backward = layoutPrincipalView([...demo()].reverse());
    for (const [key, p] of forward) expect(backward.get(key)).toEqual(p);
  });

  it('puts each account node at the centre of its cluster, its principals around it', () => {
    const positions = layoutPrincipalView(demo());
    for (const account of ['111111111111', '222222222222', '333333333333']) {
      const centre = positions.get(`arn:aws:iam::${account}:root`);
      if (centre === undefined) throw new Error(`no position for account ${account}`);
      const own = demo().filter(
        (n) => n.attributes.accountId === account && n.attributes.kind !== 'account',
      );
      const others = demo().filter(
        (n) => n.attributes.accountId !== undefined && n.attributes.accountId !== account,
      );
      const distance = (key: string): number => {
        const p = positions.get(key);
        if (p === undefined) throw new Error(`no position for ${key}`);
        return Math.hypot(p.x - centre.x, p.y - centre.y);
      };
      const farthestOwn = Math.max(...own.map((n) => distance(n.key)));
      const nearestOther = Math.min(...others.map((n) => distance(n.key)));
      expect(farthestOwn).toBeLessThan(nearestOther);
    }
  });
});
