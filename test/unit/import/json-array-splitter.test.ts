// The --jsonArray splitter: the same elements and line numbers however the input is cut into chunks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { JsonArraySplitter, type SplitItem } from '../../../src/import/json-array-splitter.js';

function split(chunks: string[]): SplitItem[] {
  const splitter = new JsonArraySplitter();
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

function cut(text: string, points: number[]): string[] {
  const sorted = [...new Set(points.map((point) => point % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const point of sorted) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  chunks.push(text.slice(start));
  return chunks;
}

const document = fc.dictionary(
  fc.string({ maxLength: 6 }),
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.constant('{"]}[\\"'),
    fc.array(fc.boolean(), { maxLength: 3 }),
  ),
  { maxKeys: 5 },
);

describe('JsonArraySplitter', () => {
  it('yields each element of any array, with its starting line, for any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(document, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        (docs, points, pretty) => {
          const texts = docs.map((doc) => JSON.stringify(doc, null, pretty ? 2 : undefined));
          const text = `[${texts.join(',\n')}]\n`;
          let line = 1;
          const expected = texts.map((element) => {
            const item = { line, text: element };
            line += element.split('\n').length;
            return item;
          });
          assert.deepEqual(split(cut(text, points)), expected);
        },
      ),
    );
  });

  it('accepts an empty array and a byte-order mark', () => {
    assert.deepEqual(split(['\uFEFF[ ]\n']), []);
  });

  for (const [input, expected] of [
    ['{"_id":"a"}', { line: 1, problem: "expected '[' to open a --jsonArray export, found '{'" }],
    ['[{"a":1}\n{"b":2}]', { line: 2, problem: "expected ',' or ']' after a document, found '{'" }],
    ['[{"a":1},\n]', { line: 2, problem: "expected a document ('{'), found ']'" }],
    ['[{"a":1}] x', { line: 1, problem: "unexpected 'x' after the array's closing ']'" }],
    [
      '[{"a":1},\n{"b":\n"unterminated',
      { line: 2, problem: 'the file ends inside this document (truncated export?)' },
    ],
    ['[{"a":1},\n', { line: 2, problem: "the file ends before the array's closing ']' (truncated export?)" }],
  ] as const) {
    it(`reports ${JSON.stringify(input)} as a problem at line ${expected.line}`, () => {
      const items = split([input]);
      assert.deepEqual(items.at(-1), expected);
      assert.equal(items.filter((item) => 'problem' in item).length, 1, 'one problem ends the file');
    });
  }
});
