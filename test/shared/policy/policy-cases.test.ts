/**
 * Runs every table-driven case file in cases/ (see policy-case.ts for the format).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCase, type PolicyCase } from './policy-case.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('policy case files', () => {
  it('hold at least 90 cases with unique names', () => {
    const names = files.flatMap((f) =>
      (JSON.parse(readFileSync(join(dir, f), 'utf8')) as PolicyCase[]).map(
        (c) => `${f}: ${c.name}`,
      ),
    );
    expect(names.length).toBeGreaterThanOrEqual(90);
    expect(new Set(names).size).toBe(names.length);
  });
});

for (const file of files) {
  const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PolicyCase[];
  describe(file, () => {
    for (const c of cases) {
      it(c.name, () => {
        runCase(c);
      });
    }
  });
}
