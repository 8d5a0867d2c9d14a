// Progress for long commands: a bar with counts and rate on a terminal, plain lines every 10 % otherwise.
import cliProgress from 'cli-progress';

export interface Progress {
  advance(by: number): void;
  stop(): void;
}

export function startProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta}s`, stream },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    let value = 0;
    bar.start(total, 0, { rate: 0 });
    return {
      advance(by) {
        value += by;
        bar.update(value, { rate: Math.round(value / Math.max((Date.now() - started) / 1000, 0.001)) });
      },
      stop: () => bar.stop(),
    };
  }
  let value = 0;
  let nextReport = 0.1;
  return {
    advance(by) {
      value += by;
      while (total > 0 && value / total >= nextReport) {
        stream.write(`${label}: ${Math.round(nextReport * 100)}% (${value}/${total})\n`);
        nextReport += 0.1;
      }
    },
    stop() {},
  };
}
