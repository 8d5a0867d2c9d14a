// An incremental splitter for `mongoexport --jsonArray` output: cuts the top-level array into element texts.

/** One element's JSON text and the line it starts on, or a problem that ends the file. */
export type SplitItem = { line: number; text: string } | { line: number; problem: string };

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

type Phase = 'start' | 'first' | 'next' | 'after' | 'element' | 'done' | 'failed';

/**
 * Only tracks what is needed to find an element's end (string state and bracket depth): the element text is
 * parsed by EJSON afterwards, which reports any error inside it. Memory holds one element at a time.
 */
export class JsonArraySplitter {
  private phase: Phase = 'start';
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private elementLine = 0;
  private parts: string[] = [];

  /** Feeds the next chunk of text; returns the elements (and at most one problem) it completed. */
  push(chunk: string): SplitItem[] {
    const items: SplitItem[] = [];
    let start = 0;
    for (let index = 0; index < chunk.length && this.phase !== 'failed'; index++) {
      const code = chunk.charCodeAt(index);
      if (this.phase === 'element') {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (code === BACKSLASH) this.escaped = true;
          else if (code === QUOTE) this.inString = false;
          else if (code === NEWLINE) this.line++;
        } else if (code === QUOTE) this.inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          if (--this.depth === 0) {
            this.parts.push(chunk.slice(start, index + 1));
            items.push({ line: this.elementLine, text: this.parts.join('') });
            this.parts = [];
            this.phase = 'after';
          }
        } else if (code === NEWLINE) this.line++;
        continue;
      }
      if (code === NEWLINE) {
        this.line++;
        continue;
      }
      if (code === 32 || code === 9 || code === 13 || code === 0xfeff) continue;
      const problem = this.structural(code);
      if (problem !== null) {
        items.push({ line: this.line, problem });
        this.phase = 'failed';
      } else if ((this.phase as Phase) === 'element') {
        start = index;
        this.elementLine = this.line;
        this.depth = 1;
      }
    }
    if (this.phase === 'element') this.parts.push(chunk.slice(start));
    return items;
  }

  /** Call once the input is exhausted: a problem when the array is unfinished. */
  end(): SplitItem[] {
    switch (this.phase) {
      case 'done':
      case 'failed':
        return [];
      case 'element':
        return [
          { line: this.elementLine, problem: 'the file ends inside this document (truncated export?)' },
        ];
      default:
        return [
          { line: this.line, problem: "the file ends before the array's closing ']' (truncated export?)" },
        ];
    }
  }

  /** Moves between elements; null when `code` is allowed here. */
  private structural(code: number): string | null {
    const seen = String.fromCharCode(code);
    switch (this.phase) {
      case 'start':
        if (code !== OPEN_BRACKET) return `expected '[' to open a --jsonArray export, found '${seen}'`;
        this.phase = 'first';
        return null;
      case 'first':
      case 'next':
        if (code === OPEN_BRACE) this.phase = 'element';
        else if (code === CLOSE_BRACKET && this.phase === 'first') this.phase = 'done';
        else return `expected a document ('{'), found '${seen}'`;
        return null;
      case 'after':
        if (code === COMMA) this.phase = 'next';
        else if (code === CLOSE_BRACKET) this.phase = 'done';
        else return `expected ',' or ']' after a document, found '${seen}'`;
        return null;
      default:
        return `unexpected '${seen}' after the array's closing ']'`;
    }
  }
}
