// Streams the documents of one mongoexport file, in either format, with line numbers and bytes read.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { JsonArraySplitter } from './json-array-splitter.js';

/** One document's text, or a problem with the file's structure; `bytesRead` is for progress only. */
export type ExportRecord =
  { line: number; text: string; bytesRead: number } | { line: number; problem: string; bytesRead: number };

/** `--jsonArray` output starts with '[' (after an optional byte-order mark); anything else is one per line. */
export async function isJsonArrayFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return head.trimStart().startsWith('[');
  } finally {
    await handle.close();
  }
}

export async function* readExportFile(path: string): AsyncGenerator<ExportRecord> {
  if (await isJsonArrayFile(path)) yield* readJsonArray(path);
  else yield* readJsonLines(path);
}

/** mongoexport's default: one document per line; blank lines are ignored. */
async function* readJsonLines(path: string): AsyncGenerator<ExportRecord> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      const trimmed = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (trimmed.trim() === '') continue;
      yield { line, text: trimmed, bytesRead: input.bytesRead };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

async function* readJsonArray(path: string): AsyncGenerator<ExportRecord> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const splitter = new JsonArraySplitter();
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      for (const item of splitter.push(chunk)) {
        yield { ...item, bytesRead: input.bytesRead };
        if ('problem' in item) return;
      }
    }
    for (const item of splitter.end()) yield { ...item, bytesRead: input.bytesRead };
  } finally {
    input.destroy();
  }
}
