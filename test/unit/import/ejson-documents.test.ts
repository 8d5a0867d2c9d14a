// Extended JSON v2 (relaxed and canonical) to Roster's JSON: dates, numbers, ObjectIds, and what is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentError, parseExportDocument } from '../../../src/import/ejson-documents.js';

describe('parseExportDocument', () => {
  it('turns relaxed and canonical dates into the same ISO-8601 string with milliseconds', () => {
    const relaxed = parseExportDocument('{"_id":"a","at":{"$date":"2023-03-01T10:00:00Z"}}');
    const canonical = parseExportDocument('{"_id":"a","at":{"$date":{"$numberLong":"1677664800000"}}}');
    assert.deepEqual(relaxed, { _id: 'a', at: '2023-03-01T10:00:00.000Z' });
    assert.deepEqual(canonical, relaxed);
  });

  it('turns $numberInt, $numberLong, $numberDouble and plain numbers into numbers', () => {
    const doc = parseExportDocument(
      '{"i":{"$numberInt":"7"},"l":{"$numberLong":"9007199254740991"},"d":{"$numberDouble":"-3.5"},"p":42,"f":0.25}',
    );
    assert.deepEqual(doc, { i: 7, l: 9007199254740991, d: -3.5, p: 42, f: 0.25 });
  });

  it('turns an $oid into its 24-digit hex string, nested in arrays and objects too', () => {
    const doc = parseExportDocument(
      '{"_id":{"$oid":"5f1d7f1c2b3c4d5e6f708192"},"refs":[{"id":{"$oid":"5f1d7f1c2b3c4d5e6f708193"}}]}',
    );
    assert.deepEqual(doc, { _id: '5f1d7f1c2b3c4d5e6f708192', refs: [{ id: '5f1d7f1c2b3c4d5e6f708193' }] });
  });

  it('keeps every other field, key order and a "__proto__" key as plain data', () => {
    const doc = parseExportDocument('{"z":1,"a":{"b":[true,null,"x"]},"__proto__":{"polluted":true}}');
    assert.deepEqual(Object.keys(doc), ['z', 'a', '__proto__']);
    assert.equal(Object.getPrototypeOf(doc), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  for (const [text, message] of [
    ['{"_id":"a",', /^not valid JSON/],
    ['[1,2]', /^not a document/],
    ['{"_id":{"$oid":"xyz"}}', /^not valid Extended JSON/],
    ['{"at":{"$date":{"$numberLong":"nope"}}}', /^not valid Extended JSON/],
    ['{"at":{"$date":"yesterday"}}', /^invalid date at at$/],
    ['{"n":{"$numberLong":"9007199254740993"}}', /9007199254740993 at n is beyond 2\^53/],
    ['{"n":{"$numberDouble":"NaN"}}', /NaN at n has no JSON form/],
    ['{"b":{"$binary":{"base64":"AAE=","subType":"00"}}}', /unsupported BSON type Binary at b/],
  ] as const) {
    it(`refuses ${text} with a DocumentError saying why`, () => {
      assert.throws(
        () => parseExportDocument(text),
        (error: unknown) => error instanceof DocumentError && message.test(error.message),
      );
    });
  }
});
