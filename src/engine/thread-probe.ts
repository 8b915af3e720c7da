/**
 * How many WASM threads to give ONNX Runtime, from what this machine delivers right now rather than its core
 * count. ONNX Runtime's thread pool splits each operator across its threads and waits for the slowest: on cores
 * that other processes keep busy, a descheduled thread stalls the rest, and two threads ran the model check six to
 * eight times slower than on a quiet machine (issue 27), worse than one thread. So the probe times the same
 * shape of work: a fixed amount of arithmetic done by one worker alone, then split across n workers that meet
 * at a barrier after every ~0.5 ms step, as an operator's parallel sections do. n threads are chosen only where
 * they are at least 0.75·n times as fast as one. ORT reads the thread count once, when its first session
 * starts, so this runs once per worker, before the first model's session.
 */

import type { ThreadChoice } from './contract';

/** n threads must run at least this share of n times as fast as one. */
const MIN_EFFICIENCY = 0.75;
const STEPS = 48;
const STEP_MS = 0.5;
const ROUNDS = 3;
/**
 * n threads cannot run more than n times as fast as one: a larger speed-up means the one-thread timing was slowed
 * by another process (measured here: "2 threads 2.44× one" beside a CPU hog), so the machine is busy and the
 * measurement says nothing about what n threads will get.
 */
const IMPOSSIBLE = 1.15;
/**
 * About 0.1 s on a quiet machine (mostly starting the helpers). A probe that takes ten times that met busy
 * cores, where one thread is the safe choice.
 */
const PROBE_LIMIT_MS = 1000;

/**
 * The threads to use, given the speed-up measured for each candidate count (largest first): the largest count
 * whose speed-up is worth its threads, else 1.
 */
export function chooseThreads(speedups: ReadonlyMap<number, number>): number {
  if (!steadyProbe(speedups)) return 1;
  const candidates = [...speedups.keys()].sort((a, b) => b - a);
  return candidates.find((n) => n > 1 && speedups.get(n)! >= MIN_EFFICIENCY * n) ?? 1;
}

/** False where a speed-up is beyond what its threads can give: the probe met a busy machine. */
export function steadyProbe(speedups: ReadonlyMap<number, number>): boolean {
  return [...speedups].every(([n, x]) => x <= IMPOSSIBLE * n);
}

// A helper worker: waits for the start flag, then does `steps` steps of `iterations` multiply-adds, meeting the
// other parties at a barrier (flags[0]: arrivals, flags[1]: generation) after each step.
const HELPER = `
onmessage = (e) => {
  const { buffer, parties, steps, iterations } = e.data;
  const f = new Int32Array(buffer);
  Atomics.add(f, 2, 1);
  Atomics.notify(f, 2);
  while (Atomics.load(f, 3) === 0) Atomics.wait(f, 3, 0);
  let x = 1;
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < iterations; i++) x = x * 1.0000001 + 1e-9;
    if (parties > 1) {
      const gen = Atomics.load(f, 1);
      if (Atomics.add(f, 0, 1) === parties - 1) {
        Atomics.store(f, 0, 0);
        Atomics.add(f, 1, 1);
        Atomics.notify(f, 1);
      } else {
        while (Atomics.load(f, 1) === gen) Atomics.wait(f, 1, gen);
      }
    }
  }
  Atomics.add(f, 4, 1);
  Atomics.notify(f, 4);
  postMessage(x > 0);
};`;

/** Multiply-adds per millisecond on this thread (the unit of work the helpers repeat). */
function iterationsPerMs(): number {
  let x = 1;
  const n = 2_000_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) x = x * 1.0000001 + 1e-9;
  const ms = Math.max(performance.now() - t, 0.1);
  return x > 0 ? n / ms : n;
}

class ProbeTimeout extends Error {}

/**
 * Wall time (ms) of the first `parties` helpers sharing `STEPS` steps of `stepIterations` work, with a barrier
 * after each step; rejects with ProbeTimeout past `deadline`.
 */
function timeParties(
  workers: Worker[],
  parties: number,
  stepIterations: number,
  deadline: number,
): Promise<number> {
  const buffer = new SharedArrayBuffer(5 * 4);
  const f = new Int32Array(buffer);
  return new Promise<number>((resolve, reject) => {
    for (const w of workers) w.onerror = (e) => reject(new Error(`thread probe: ${e.message}`));
    for (const w of workers.slice(0, parties))
      w.postMessage({ buffer, parties, steps: STEPS, iterations: Math.ceil(stepIterations / parties) });
    // Polled, not waited on: this thread must not block while the helpers start and run.
    const poll = (flag: number, then: () => void) => {
      if (performance.now() > deadline) return reject(new ProbeTimeout());
      if (Atomics.load(f, flag) < parties) return void setTimeout(() => poll(flag, then), 1);
      then();
    };
    poll(2, () => {
      const t = performance.now();
      Atomics.store(f, 3, 1);
      Atomics.notify(f, 3);
      poll(4, () => resolve(performance.now() - t));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Measures, then chooses; `max` is the most threads considered (the core count, capped). */
export async function probeThreads(max: number): Promise<ThreadChoice> {
  if (max <= 1) return { threads: 1, why: 'one core, or no cross-origin isolation: one thread' };
  const url = URL.createObjectURL(new Blob([HELPER], { type: 'text/javascript' }));
  const workers = Array.from({ length: max }, () => new Worker(url));
  const deadline = performance.now() + PROBE_LIMIT_MS;
  try {
    const stepIterations = Math.round(iterationsPerMs() * STEP_MS);
    const counts = [...new Set([max, 2])];
    const times = new Map<number, number[]>([[1, []], ...counts.map((n): [number, number[]] => [n, []])]);
    for (let r = 0; r < ROUNDS; r++)
      for (const n of [1, ...counts])
        times.get(n)!.push(await timeParties(workers, n, stepIterations, deadline));
    const solo = median(times.get(1)!);
    const speedups = new Map(counts.map((n) => [n, solo / median(times.get(n)!)]));
    const threads = chooseThreads(speedups);
    const measured = counts.map((n) => `${n} threads ${speedups.get(n)!.toFixed(2)}× one`).join(', ');
    const unsteady = steadyProbe(speedups)
      ? ''
      : ' (more than the threads can give: other processes disturbed it)';
    return { threads, why: `measured at start: ${measured}${unsteady}; chose ${threads}` };
  } catch (e) {
    if (e instanceof ProbeTimeout)
      return {
        threads: 1,
        why: `the cores are busy (the thread probe took over ${PROBE_LIMIT_MS / 1000} s): one thread`,
      };
    return { threads: 1, why: `the thread probe failed (${(e as Error).message}): one thread` };
  } finally {
    workers.forEach((w) => w.terminate());
    URL.revokeObjectURL(url);
  }
}
