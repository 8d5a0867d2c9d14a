// Import progress per file: a bar with documents and rate on a terminal, a plain line every 10 % otherwise.
import cliProgress from 'cli-progress';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ExportFile } from '../import/collection-files.js';
import type { ImportObserver, ImportPhase } from '../import/import-run.js';

/** Bytes give the percentage (the document count of a file is unknown until it is read); documents the rate. */
export function importProgress(stream: NodeJS.WriteStream = process.stderr): ImportObserver {
  let label = '';
  let total = 0;
  let documents = 0;
  let started = 0;
  let nextReport = 0.1;
  let bar: cliProgress.SingleBar | null = null;
  const rate = (): number => Math.round(documents / Math.max((Date.now() - started) / 1000, 0.001));
  return {
    fileStarted(file: ExportFile, phase: ImportPhase) {
      label = `${phase} ${basename(file.path)}`;
      total = Math.max(statSync(file.path).size, 1);
      documents = 0;
      started = Date.now();
      nextReport = 0.1;
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar(
          { format: `${label} [{bar}] {percentage}% | {documents} documents | {rate}/s`, stream },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { documents: 0, rate: 0 });
      }
    },
    progressed(count: number, bytesRead: number) {
      documents += count;
      if (bar !== null) {
        bar.update(Math.min(bytesRead, total), { documents, rate: rate() });
        return;
      }
      const fraction = bytesRead / total;
      // The last one is the "done" line of fileFinished.
      if (fraction < nextReport || fraction >= 1) return;
      stream.write(`${label}: ${Math.floor(fraction * 100)}% (${documents} documents, ${rate()}/s)\n`);
      while (nextReport <= fraction) nextReport += 0.1;
    },
    fileFinished() {
      if (bar !== null) {
        bar.update(total, { documents, rate: rate() });
        bar.stop();
        bar = null;
      } else {
        stream.write(`${label}: done (${documents} documents, ${rate()}/s)\n`);
      }
    },
  };
}
