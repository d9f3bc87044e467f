/**
 * Graph exports for graph databases (server/report/export/): each format is read back by an
 * independent reader written here and must give the same nodes, edges and properties as the
 * graph it came from, with hostile text (quotes, backslashes, newlines, `;`, `%`, backticks,
 * `__proto__`) intact. The OpenGraph document is validated against the rules of BloodHound's
 * published OpenGraph schema (required fields, at most three kinds per node, flat properties of
 * primitives or homogeneous primitive lists, edge kinds without a dash). Then the CLI end to end:
 * `trustmap export` for every format on a snapshot directory, and its usage errors.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessGraph } from '../../../shared/graph/types.js';
import { cypherChunks, cypherString } from '../../../server/report/export/cypher.js';
import { neo4jCsvFiles } from '../../../server/report/export/neo4j-csv.js';
import { openGraphChunks } from '../../../server/report/export/opengraph.js';
import { runCli } from '../../helpers/run-cli.js';

const HOSTILE = `it's a "test"\\ with\nnewline; 50% \`tick\` \u0007bell`;
const ROLE = 'arn:aws:iam::111111111111:role/Deploy';
const ACCOUNT = 'arn:aws:iam::222222222222:root';
const BUCKET = 'arn:aws:s3:::acme-logs';

function sampleGraph(): AccessGraph {
  const g: AccessGraph = new Graph.MultiDirectedGraph({ allowSelfLoops: true });
  g.addNode(ROLE, {
    kind: 'role',
    label: HOSTILE,
    accountId: '111111111111',
    scope: 'org',
    admin: true,
    path: '/x/',
    // As JSON.parse makes it from a snapshot: `__proto__` an own key, not the prototype.
    tags: JSON.parse('{"team":"a;b","__proto__":"polluted"}') as Record<string, string>,
  });
  g.addNode(ACCOUNT, { kind: 'account', label: '222222222222', scope: 'external' });
  g.addNode(BUCKET, { kind: 'bucket', label: 'acme-logs', accountId: '111111111111' });
  g.addEdgeWithKey('e1', ACCOUNT, ROLE, {
    kind: 'can-assume',
    decision: 'conditional',
    conditionKeys: ['sts:ExternalId'],
    action: 'sts:AssumeRole',
    aggregate: true,
    evidence: [
      {
        policy: { kind: 'trust', arn: ROLE },
        role: 'grants',
        conditionKeys: ['sts:ExternalId'],
        reason: HOSTILE,
      },
    ],
  } as never);
  g.addEdgeWithKey('e2', ROLE, BUCKET, {
    kind: 'can-access',
    decision: 'allow',
    conditionKeys: [],
    actionGroup: 'read',
    actions: ['s3:GetObject', 's3:GetObjectVersion'],
    evidence: [],
  });
  return g;
}

/** The OpenGraph schema's rules, as published for BloodHound CE generic ingest. */
const primitiveOrList = {
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: { type: 'string' } },
    { type: 'array', items: { type: 'number' } },
    { type: 'array', items: { type: 'boolean' } },
  ],
};
const endpoint = {
  type: 'object',
  properties: {
    match_by: { enum: ['id', 'name'] },
    value: { type: 'string' },
    kind: { type: 'string' },
  },
  required: ['value'],
};
const OPENGRAPH_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    metadata: {
      type: 'object',
      additionalProperties: false,
      properties: { source_kind: { type: ['string', 'null'] } },
    },
    graph: {
      type: 'object',
      required: ['nodes', 'edges'],
      properties: {
        nodes: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'kinds'],
            properties: {
              id: { type: 'string' },
              kinds: { type: 'array', items: { type: 'string' }, maxItems: 3 },
              properties: { type: ['object', 'null'], additionalProperties: primitiveOrList },
            },
          },
        },
        edges: {
          type: 'array',
          items: {
            type: 'object',
            required: ['start', 'end', 'kind'],
            properties: {
              start: endpoint,
              end: endpoint,
              kind: { type: 'string', pattern: '^[A-Za-z0-9_]+$' },
              properties: { type: ['object', 'null'], additionalProperties: primitiveOrList },
            },
          },
        },
      },
    },
  },
  required: ['graph'],
};

interface OgNode {
  id: string;
  kinds: string[];
  properties: Record<string, unknown>;
}
interface OgEdge {
  start: { value: string; match_by: string };
  end: { value: string; match_by: string };
  kind: string;
  properties: Record<string, unknown>;
}
interface OgDoc {
  metadata: { source_kind: string };
  graph: { nodes: OgNode[]; edges: OgEdge[] };
}

describe('BloodHound OpenGraph JSON', () => {
  const doc = JSON.parse([...openGraphChunks(sampleGraph())].join('')) as OgDoc;

  it('is valid against the OpenGraph schema rules', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(OPENGRAPH_SCHEMA);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('prefixes node and edge kinds and keeps every node and edge', () => {
    expect(doc.metadata.source_kind).toBe('TM_Trustmap');
    expect(doc.graph.nodes.map((n) => [n.id, n.kinds])).toEqual([
      [ROLE, ['TM_Role']],
      [ACCOUNT, ['TM_Account']],
      [BUCKET, ['TM_Bucket']],
    ]);
    expect(doc.graph.edges.map((e) => [e.start.value, e.end.value, e.kind])).toEqual([
      [ACCOUNT, ROLE, 'TM_CanAssume'],
      [ROLE, BUCKET, 'TM_CanAccess'],
    ]);
    expect(doc.graph.edges.every((e) => e.start.match_by === 'id' && e.end.match_by === 'id')).toBe(
      true,
    );
  });

  it('flattens properties: label as name, records as key=value lists, evidence as sentences', () => {
    const role = doc.graph.nodes[0]!.properties;
    expect(role.name).toBe(HOSTILE);
    expect(role.objectid).toBe(ROLE);
    expect(role.admin).toBe(true);
    expect(role.tags).toEqual(['team=a;b', '__proto__=polluted']);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    const edge = doc.graph.edges[0]!.properties;
    expect(edge.decision).toBe('conditional');
    expect(edge.conditionKeys).toEqual(['sts:ExternalId']);
    expect(edge.evidence).toEqual([`grants: ${HOSTILE}`]);
    expect(edge.edgeid).toBe('e1');
  });
});

/** Reads a Cypher literal (string, number, boolean, list, map) at `text[at]`. */
function readLiteral(text: string, at: number): [unknown, number] {
  const skip = (i: number): number => {
    while (text[i] === ' ') i++;
    return i;
  };
  at = skip(at);
  const c = text[at];
  if (c === "'") {
    let out = '';
    let i = at + 1;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) throw new Error('unterminated string');
      if (ch === "'") return [out, i + 1];
      if (ch === '\n') throw new Error('raw newline inside a string literal');
      if (ch === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        out += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : (e ?? '');
        i += 2;
        continue;
      }
      out += ch;
      i++;
    }
  }
  if (c === '[' || c === '{') {
    const isMap = c === '{';
    const list: unknown[] = [];
    const map = new Map<string, unknown>();
    let i = skip(at + 1);
    while (text[i] !== (isMap ? '}' : ']')) {
      if (isMap) {
        let name: string;
        if (text[i] === '`') {
          const end = text.indexOf('`', i + 1);
          name = text.slice(i + 1, end);
          i = end + 1;
        } else {
          const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
          name = m![0];
          i += name.length;
        }
        if (text[i] !== ':') throw new Error(`expected ':' at ${String(i)}`);
        const [v, next] = readLiteral(text, i + 1);
        map.set(name, v);
        i = skip(next);
      } else {
        const [v, next] = readLiteral(text, i);
        list.push(v);
        i = skip(next);
      }
      if (text[i] === ',') i = skip(i + 1);
    }
    return [isMap ? map : list, i + 1];
  }
  const m = /^(true|false|-?\d+(\.\d+)?)/.exec(text.slice(at));
  if (!m) throw new Error(`unexpected literal at ${String(at)}: ${text.slice(at, at + 20)}`);
  const raw = m[0];
  return [raw === 'true' ? true : raw === 'false' ? false : Number(raw), at + raw.length];
}

describe('Cypher script', () => {
  const statements = [...cypherChunks(sampleGraph())];

  it('escapes every string so that data cannot end a literal', () => {
    expect(cypherString("a'b\\c\nd")).toBe("'a\\'b\\\\c\\nd'");
    for (const s of statements.filter((x) => !x.startsWith('//')))
      expect(s.endsWith(';\n')).toBe(true);
    // One statement per line: no raw newline from the data.
    expect(statements.every((s) => s.indexOf('\n') === s.length - 1)).toBe(true);
  });

  it('reads back to the same nodes, labels, relationships and properties', () => {
    const nodes = new Map<string, { labels: string; props: Map<string, unknown> }>();
    const rels: { s: unknown; t: unknown; type: string; props: Map<string, unknown> }[] = [];
    expect(statements[1]).toContain('REQUIRE n.objectid IS UNIQUE');
    for (const s of statements.filter((x) => x.startsWith('UNWIND '))) {
      const [rows] = readLiteral(s, 'UNWIND '.length) as [Map<string, unknown>[], number];
      const node = /CREATE \(n:([^)]+)\) SET n = row;/.exec(s);
      const rel = /CREATE \(a\)-\[r:`([^`]+)`\]->\(b\) SET r = row\.p;/.exec(s);
      for (const row of rows) {
        if (node) nodes.set(row.get('objectid') as string, { labels: node[1]!, props: row });
        else if (rel)
          rels.push({
            s: row.get('s'),
            t: row.get('t'),
            type: rel[1]!,
            props: row.get('p') as Map<string, unknown>,
          });
        else throw new Error(`unexpected statement ${s}`);
      }
    }
    expect([...nodes.keys()].sort()).toEqual([ACCOUNT, BUCKET, ROLE].sort());
    const role = nodes.get(ROLE)!;
    expect(role.labels).toBe('TM_Node:`TM_Role`');
    expect(role.props.get('name')).toBe(HOSTILE);
    expect(role.props.get('tags')).toEqual(['team=a;b', '__proto__=polluted']);
    expect(rels.map((r) => [r.s, r.t, r.type])).toEqual([
      [ACCOUNT, ROLE, 'TM_CAN_ASSUME'],
      [ROLE, BUCKET, 'TM_CAN_ACCESS'],
    ]);
    expect(rels[0]!.props.get('evidence')).toEqual([`grants: ${HOSTILE}`]);
    expect(rels[1]!.props.get('actions')).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    // Empty lists are left out (no element type for Neo4j to store).
    expect(rels[1]!.props.has('conditionKeys')).toBe(false);
  });
});

/** RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

function decodeArray(cell: string): string[] {
  return cell.split(';').map((e) => e.replaceAll('%3B', ';').replaceAll('%25', '%'));
}

async function text(chunks: Iterable<string>): Promise<string> {
  return Promise.resolve([...chunks].join(''));
}

describe('Neo4j bulk-import CSV', () => {
  it('writes typed headers and rows that read back to the graph', async () => {
    const files = neo4jCsvFiles(sampleGraph());
    const nodes = parseCsv(await text(files['nodes.csv']));
    const header = nodes[0]!;
    expect(header.slice(0, 3)).toEqual(['objectid:ID', ':LABEL', 'name:string']);
    expect(header).toContain('admin:boolean');
    expect(header).toContain('tags:string[]');
    const col = (name: string): number => header.findIndex((h) => h.split(':')[0] === name);
    const role = nodes.find((r) => r[0] === ROLE)!;
    expect(role[1]).toBe('TM_Node;TM_Role');
    expect(role[col('name')]).toBe(HOSTILE);
    expect(role[col('admin')]).toBe('true');
    expect(decodeArray(role[col('tags')]!)).toEqual(['team=a;b', '__proto__=polluted']);
    expect(nodes).toHaveLength(4);

    const rels = parseCsv(await text(files['relationships.csv']));
    const rh = rels[0]!;
    expect(rh.slice(0, 3)).toEqual([':START_ID', ':END_ID', ':TYPE']);
    const rc = (name: string): number => rh.findIndex((h) => h.split(':')[0] === name);
    expect(rels.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      [ACCOUNT, ROLE, 'TM_CAN_ASSUME'],
      [ROLE, BUCKET, 'TM_CAN_ACCESS'],
    ]);
    expect(rh[rc('evidence')]).toBe('evidence:string[]');
    expect(decodeArray(rels[1]![rc('evidence')]!)).toEqual([`grants: ${HOSTILE}`]);
    expect(rels[2]![rc('aggregate')]).toBe('');
  });
});

describe('trustmap export on a snapshot directory', () => {
  const SNAPSHOT = join(import.meta.dirname, '..', '..', 'fixtures', 'simulate', 'workloads-org');
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'trustmap-export-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('writes the same graph in every format', async () => {
    const json = await runCli(['export', '--from-dir', SNAPSHOT], work);
    expect(json.code, json.stderr).toBe(0);
    const graph = JSON.parse(json.stdout) as { nodes: unknown[]; edges: unknown[] };

    const og = await runCli(['export', '--from-dir', SNAPSHOT, '--format', 'opengraph'], work);
    expect(og.code, og.stderr).toBe(0);
    const doc = JSON.parse(og.stdout) as OgDoc;
    expect(doc.graph.nodes).toHaveLength(graph.nodes.length);
    expect(doc.graph.edges).toHaveLength(graph.edges.length);
    expect(
      doc.graph.nodes.every((n) => n.kinds.length === 1 && n.kinds[0]!.startsWith('TM_')),
    ).toBe(true);

    const cy = await runCli(
      ['export', '--from-dir', SNAPSHOT, '--format', 'cypher', '--out', 'g.cypher'],
      work,
    );
    expect(cy.code, cy.stderr).toBe(0);
    const script = await readFile(join(work, 'g.cypher'), 'utf8');
    let rows = 0;
    for (const s of script.split('\n').filter((l) => l.startsWith('UNWIND ')))
      rows += (readLiteral(s, 'UNWIND '.length)[0] as unknown[]).length;
    expect(rows).toBe(graph.nodes.length + graph.edges.length);

    const csv = await runCli(
      ['export', '--from-dir', SNAPSHOT, '--format', 'neo4j-csv', '--out', 'neo4j'],
      work,
    );
    expect(csv.code, csv.stderr).toBe(0);
    const nodes = parseCsv(await readFile(join(work, 'neo4j', 'nodes.csv'), 'utf8'));
    const relationships = parseCsv(
      await readFile(join(work, 'neo4j', 'relationships.csv'), 'utf8'),
    );
    expect(nodes).toHaveLength(graph.nodes.length + 1);
    expect(relationships).toHaveLength(graph.edges.length + 1);
  });

  it('refuses an unknown format and neo4j-csv without --out (exit 2)', async () => {
    const bad = await runCli(['export', '--from-dir', SNAPSHOT, '--format', 'dot'], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format: expected one of');
    const noOut = await runCli(['export', '--from-dir', SNAPSHOT, '--format', 'neo4j-csv'], work);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    expect(noOut.stdout).toBe('');
  });
});
