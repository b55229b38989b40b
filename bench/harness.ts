/**
 * A small benchmark harness: warm up, calibrate the batch size to about `targetMs`, then take the
 * median of several timed repetitions. Results are folded into a sink so nothing is optimised away.
 */
export interface Measurement {
  name: string;
  /** Operations per second, median of the repetitions. */
  opsPerSecond: number;
  /** Slowest and fastest repetition, operations per second. */
  min: number;
  max: number;
  /** Operations per timed repetition. */
  batch: number;
  repetitions: number;
}

const taken: Measurement[] = [];
/** Every measurement this process took, in order (the runner compares them across processes). */
export function measurements(): readonly Measurement[] {
  return taken;
}

let sink = 0;
/** Fold a value into the sink (call it with something derived from each result). */
export function consume(value: unknown): void {
  sink = (sink + (typeof value === 'number' ? value : value === undefined || value === null ? 0 : 1)) | 0;
}
export function sinkValue(): number {
  return sink;
}

const now = (): number => performance.now();

/** Times `run(n)` (which must perform n operations) and reports operations per second. */
export function measure(name: string, run: (n: number) => void, options: { targetMs?: number; repetitions?: number; warmupMs?: number } = {}): Measurement {
  const targetMs = options.targetMs ?? 300;
  const repetitions = options.repetitions ?? 7;
  const warmupMs = options.warmupMs ?? 500;
  let n = 16;
  let spent = 0;
  let lastMs = 0;
  while (spent < warmupMs) {
    const start = now();
    run(n);
    lastMs = now() - start;
    spent += lastMs;
    if (lastMs < 50) n *= 2;
  }
  const batch = Math.max(1, Math.round((n * targetMs) / Math.max(lastMs, 0.001)));
  const rates: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const start = now();
    run(batch);
    const ms = now() - start;
    rates.push(batch / (ms / 1000));
  }
  rates.sort((a, b) => a - b);
  const measured: Measurement = {
    name,
    opsPerSecond: rates[Math.floor(rates.length / 2)]!,
    min: rates[0]!,
    max: rates[rates.length - 1]!,
    batch,
    repetitions,
  };
  taken.push(measured);
  return measured;
}

/** Times one call of `fn` several times and reports the median wall time in milliseconds. */
export function timeOnce(name: string, fn: () => unknown, repetitions = 5): { name: string; medianMs: number; minMs: number; maxMs: number } {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const start = now();
    consume(fn());
    times.push(now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]!, maxMs: times[times.length - 1]! };
}

export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
