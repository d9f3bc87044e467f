/** Reading every page of a listing, and refusing tokens that would loop. */
import { describe, expect, it } from 'vitest';
import { readAllPages } from '../../../server/collect/paginate.js';

describe('readAllPages', () => {
  it('follows tokens until there is none, keeping page order', async () => {
    const pages: Record<string, { items: number[]; next: string | undefined }> = {
      start: { items: [1, 2], next: 'b' },
      b: { items: [], next: 'c' },
      c: { items: [3], next: undefined },
    };
    const seen: (string | undefined)[] = [];
    const result = await readAllPages('svc:List', (token) => {
      seen.push(token);
      return Promise.resolve(pages[token ?? 'start']!);
    });
    expect(result).toEqual([[1, 2], [], [3]]);
    expect(seen).toEqual([undefined, 'b', 'c']);
  });

  it('treats an empty token as the last page', async () => {
    const result = await readAllPages('svc:List', () =>
      Promise.resolve({ items: 'only', next: '' }),
    );
    expect(result).toEqual(['only']);
  });

  it('fails instead of looping when a token comes back twice', async () => {
    await expect(
      readAllPages('svc:List', (token) =>
        Promise.resolve({ items: token, next: token === 'a' ? 'b' : 'a' }),
      ),
    ).rejects.toThrow(/svc:List: the same page token came back twice/);
  });
});
