/** SDK outputs → the JSON the AWS CLI prints. */
import { describe, expect, it } from 'vitest';
import { formatCliTimestamp, toCliJson } from '../../../server/collect/aws-json.js';

describe('formatCliTimestamp', () => {
  it.each([
    ['whole seconds', '2019-08-19T17:19:09.000Z', '2019-08-19T17:19:09+00:00'],
    [
      'milliseconds as microseconds',
      '2019-08-19T17:19:09.120Z',
      '2019-08-19T17:19:09.120000+00:00',
    ],
    ['one millisecond', '2019-08-19T17:19:09.001Z', '2019-08-19T17:19:09.001000+00:00'],
  ])('%s (AWS CLI iso8601 timestamp format)', (_name, iso, expected) => {
    expect(formatCliTimestamp(new Date(iso))).toBe(expected);
  });
});

describe('toCliJson', () => {
  it('drops $metadata at every level, undefined values and the named top-level keys', () => {
    const output = {
      $metadata: { httpStatusCode: 200, attempts: 1 },
      IsTruncated: false,
      Marker: undefined,
      RoleDetailList: [{ RoleName: 'r', Description: undefined, Nested: { $metadata: {}, A: 1 } }],
    };
    expect(toCliJson(output, ['IsTruncated', 'Marker'])).toEqual({
      RoleDetailList: [{ RoleName: 'r', Nested: { A: 1 } }],
    });
  });

  it('keeps strings byte for byte: URL-encoded documents are not decoded', () => {
    const encoded = '%7B%22Version%22%3A%222012-10-17%22%7D';
    expect(toCliJson({ AssumeRolePolicyDocument: encoded })).toEqual({
      AssumeRolePolicyDocument: encoded,
    });
  });

  it('formats dates inside lists and objects', () => {
    expect(toCliJson({ L: [new Date('2020-01-02T03:04:05Z')] })).toEqual({
      L: ['2020-01-02T03:04:05+00:00'],
    });
  });

  it('turns values JSON cannot hold into null', () => {
    expect(toCliJson({ a: Number.NaN, b: new Date(Number.NaN), c: null })).toEqual({
      a: null,
      b: null,
      c: null,
    });
  });
});
