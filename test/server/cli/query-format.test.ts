/**
 * The terminal output of queries and findings never breaks on long or hostile text: control
 * characters, escape sequences and bidirectional overrides are neutralised, long cells are cut
 * with an ellipsis, columns stay aligned; and a snapshot whose role name carries an escape
 * sequence prints nothing that a terminal would interpret.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../server/cli/io.js';
import { main } from '../../../server/cli/main.js';
import {
  cleanText,
  stripUnsafe,
  textWidth,
  truncate,
} from '../../../server/cli/format/sanitize-text.js';
import { formatTable } from '../../../server/cli/format/table.js';
import { trust, writeScenario } from '../../helpers/write-scenario.js';

const ESC = '\u001b';

describe('cleanText', () => {
  const cases: [string, string, string][] = [
    [
      'an ANSI colour sequence shows its ESC escaped',
      `${ESC}[31mred${ESC}[0m`,
      '\\u001b[31mred\\u001b[0m',
    ],
    ['line breaks and tabs become one space', 'a\r\n\tb', 'a b'],
    ['a bidirectional override is shown as an escape', 'admin\u202Eelor', 'admin\\u202eelor'],
    ['C1 controls and DEL are shown as escapes', 'a\u009bb\u007fc', 'a\\u009bb\\u007fc'],
    ['zero-width characters are made visible', 'Adm\u200bin', 'Adm\\u200bin'],
    [
      'an isolate, a line separator and a tag character too',
      'a\u2067b\u2028c\u{e0041}',
      'a\\u2067b\\u2028c\\u{e0041}',
    ],
    [
      'ordinary text is unchanged',
      'arn:aws:iam::111111111111:role/ci/Deploy',
      'arn:aws:iam::111111111111:role/ci/Deploy',
    ],
    ['non-ASCII names are kept', 'rôle-données', 'rôle-données'],
  ];
  for (const [name, input, want] of cases)
    it(name, () => {
      expect(stripUnsafe(input)).toBe(want);
    });

  it('cuts long text to the limit with an ellipsis, by code points', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(textWidth(truncate('😀😀😀😀😀', 3))).toBe(3);
    expect(cleanText('x'.repeat(1000), 50)).toHaveLength(50);
  });
});

describe('formatTable', () => {
  it('aligns columns and cuts cells to their maximum width', () => {
    const out = formatTable(
      [{ header: 'NAME', max: 8 }, { header: 'VALUE' }],
      [
        ['short', 'one'],
        ['a-very-long-name', 'two'],
      ],
    );
    expect(out).toBe('NAME      VALUE\nshort     one\na-very-…  two\n');
  });

  it('never lets a cell break the line or carry an escape sequence', () => {
    const out = formatTable([{ header: 'A' }, { header: 'B' }], [[`x\ny${ESC}[2J`, 'z']]);
    expect(out.split('\n')).toHaveLength(3);
    expect(out).not.toContain(ESC);
  });

  it('fills missing cells', () => {
    expect(formatTable([{ header: 'A' }, { header: 'B' }], [['1']])).toBe('A  B\n1\n');
  });
});

describe('hostile names in a snapshot', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('prints findings and queries without a single control character', async () => {
    dir = await mkdtemp(join(tmpdir(), 'trustmap-hostile-'));
    const snapshot = join(dir, 'snap');
    await writeScenario(snapshot, {
      accounts: {
        '111111111111': {
          roles: [{ name: `Evil${ESC}[2J\u202Eor`, trust: trust({ AWS: '*' }) }],
        },
      },
    });
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      out: (t) => {
        stdout += t;
      },
      err: (t) => {
        stderr += t;
      },
      isTty: false,
      env: { TRUSTMAP_DATA_DIR: dir },
      cwd: dir,
    };
    expect(await main(['findings', '--from-dir', snapshot], io)).toBe(0);
    expect(
      await main(
        [
          'query',
          'who-can-reach',
          `arn:aws:iam::111111111111:role/Evil${ESC}[2J\u202Eor`,
          '--from-dir',
          snapshot,
        ],
        io,
      ),
    ).toBe(0);
    expect(
      await main(
        ['query', 'can-assume', 'arn:aws:iam::111111111111:role/Nope', '--from-dir', snapshot],
        io,
      ),
    ).toBe(2);
    expect(stdout).toContain('public-trust');
    expect(stdout).toContain('Evil\\u001b[2J\\u202eor');
    for (const text of [stdout, stderr])
      // eslint-disable-next-line no-control-regex -- asserting their absence
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});
