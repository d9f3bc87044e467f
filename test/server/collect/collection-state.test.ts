/** collection.json as the record of a collection and the checkpoint of --resume. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CollectionRecorder,
  PreviousCollectionError,
  readPreviousCollection,
  type CollectionFile,
} from '../../../server/collect/collection-state.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trustmap-state-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const header = {
  startedAt: '2026-01-01T00:00:00.000Z',
  collectedBy: 'arn:aws:iam::111111111111:user/auditor',
  organizationAvailable: true,
  organizationId: 'o-abc',
  roleName: 'TrustmapAudit',
};

async function readBack(): Promise<CollectionFile> {
  return JSON.parse(await readFile(join(dir, 'collection.json'), 'utf8')) as CollectionFile;
}

describe('CollectionRecorder', () => {
  it('writes every account and flattens all errors with their account at the top level', async () => {
    const recorder = new CollectionRecorder(dir, header);
    recorder.addErrors([
      {
        accountId: '111111111111',
        call: 'organizations:ListRoots',
        errorName: 'AccessDeniedException',
        message: 'no',
      },
    ]);
    recorder.setAccount('333333333333', {
      status: 'denied',
      errors: [{ call: 'sts:AssumeRole', errorName: 'AccessDenied', message: 'm' }],
    });
    recorder.setAccount('222222222222', { status: 'ok', errors: [] });
    recorder.finish('2026-01-01T00:01:00.000Z');
    await recorder.save();
    expect(await readBack()).toEqual({
      ...header,
      finishedAt: '2026-01-01T00:01:00.000Z',
      accounts: {
        '222222222222': { status: 'ok', errors: [] },
        '333333333333': {
          status: 'denied',
          errors: [{ call: 'sts:AssumeRole', errorName: 'AccessDenied', message: 'm' }],
        },
      },
      errors: [
        {
          accountId: '111111111111',
          call: 'organizations:ListRoots',
          errorName: 'AccessDeniedException',
          message: 'no',
        },
        {
          accountId: '333333333333',
          call: 'sts:AssumeRole',
          errorName: 'AccessDenied',
          message: 'm',
        },
      ],
    });
  });

  it('concurrent saves all resolve after a write that includes their change', async () => {
    const recorder = new CollectionRecorder(dir, header);
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 20; i += 1) {
      recorder.setAccount(String(100000000000 + i), { status: 'ok', errors: [] });
      saves.push(recorder.save());
    }
    await saves[5];
    // The sixth change is on disk once the sixth save resolves.
    expect(Object.keys((await readBack()).accounts).length).toBeGreaterThanOrEqual(6);
    await Promise.all(saves);
    expect(Object.keys((await readBack()).accounts)).toHaveLength(20);
  });

  it('a checkpoint within the interval is written later, and save() writes it at once', async () => {
    const recorder = new CollectionRecorder(dir, header, 60_000);
    recorder.setAccount('100000000001', { status: 'ok', errors: [] });
    await recorder.checkpoint();
    recorder.setAccount('100000000002', { status: 'ok', errors: [] });
    await recorder.checkpoint();
    expect(Object.keys((await readBack()).accounts)).toEqual(['100000000001']);
    await recorder.save();
    expect(Object.keys((await readBack()).accounts)).toEqual(['100000000001', '100000000002']);
  });
});

describe('readPreviousCollection', () => {
  it('keeps only accounts marked ok', async () => {
    const recorder = new CollectionRecorder(dir, header);
    recorder.setAccount('222222222222', { status: 'ok', errors: [] });
    recorder.setAccount('333333333333', { status: 'failed', errors: [] });
    recorder.setAccount('444444444444', { status: 'skipped', errors: [], reason: 'suspended' });
    await recorder.save();
    const previous = await readPreviousCollection(dir);
    expect([...(previous?.finished.keys() ?? [])]).toEqual(['222222222222']);
    expect(previous?.organizationId).toBe('o-abc');
  });

  it('is undefined when there is no collection.json', async () => {
    expect(await readPreviousCollection(join(dir, 'missing'))).toBeUndefined();
  });

  it('names the file when it is not JSON', async () => {
    const bad = join(dir, 'bad');
    await rm(bad, { recursive: true, force: true });
    await mkdir(bad);
    await writeFile(join(bad, 'collection.json'), '{"accounts": ');
    await expect(readPreviousCollection(bad)).rejects.toThrow(PreviousCollectionError);
    await expect(readPreviousCollection(bad)).rejects.toThrow(/collection\.json: not valid JSON/);
  });
});
