// The query parser's fast path answers exactly what qs answers, for plain queries and for everything else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import qs from 'qs';
import { parseQueryString } from '../../../src/http/query-string.js';

const viaQs = (query: string) => qs.parse(query, { depth: 5, parameterLimit: 1000, arrayLimit: 100 });

/** Compared as JSON plus prototype, so an array, an object or a missing key all show. */
function same(query: string): void {
  const fast = parseQueryString(query);
  const reference = viaQs(query);
  assert.deepEqual(fast, reference, query);
  assert.equal(Object.getPrototypeOf(fast), Object.getPrototypeOf(reference), query);
  assert.deepEqual(Object.keys(fast), Object.keys(reference), query);
}

describe('parseQueryString', () => {
  it('answers as qs for the queries clients send', () => {
    for (const query of [
      '',
      'username=user1',
      'username=user1&includeUserRooms=true',
      'userId=abc&userId=def',
      'username[]=a',
      'username[b]=a',
      'a.b=c',
      'email=user1%40example.com',
      'name=a+b',
      'constructor=1',
      'toString=x&username=y',
      '__proto__=x',
      'hasOwnProperty=1',
      'username=',
      'username',
      'a=1&&b=2',
      'a=1&',
      '=x',
      'fields={"a":1}',
      'username=user1&username=user1',
    ]) {
      same(query);
    }
  });

  it('answers as qs for any query built from keys and values of plain and special characters', () => {
    const piece = fc.stringMatching(/^[A-Za-z0-9_.~%+[\]=&-]{0,8}$/);
    const key = fc.oneof(
      fc.constantFrom('username', 'userId', 'a', 'constructor', '__proto__', 'a.b'),
      piece,
    );
    const query = fc
      .array(fc.tuple(key, piece), { maxLength: 5 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
    fc.assert(
      fc.property(fc.oneof(query, piece), (q) => same(q)),
      { numRuns: 2000 },
    );
  });

  it('leaves a query of more than a thousand parameters to qs, which keeps the first thousand', () => {
    const query = Array.from({ length: 1005 }, (_, i) => `k${i}=v`).join('&');
    assert.equal(Object.keys(parseQueryString(query)).length, 1000);
    same(query);
  });
});
