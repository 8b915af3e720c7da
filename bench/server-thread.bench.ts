/**
 * `npm run bench:server-thread`: the server with inference in a worker thread (the default) against inference on
 * the event loop (`--no-inference-thread`), default model (minilm-reward q8), both as child processes:
 * - /health latency while the largest default batch (32 pairs of ~30 KB, 0.97 MB) is scored on /predict;
 * - throughput and p99 at 64 connections of short NIM requests (autocannon).
 * Writes bench/results/server-thread.json. Ratios measured in one run; the machine is named in the file.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { startServeChild } from './serve-child';

interface CannonResult {
  duration: number;
  errors: number;
  non2xx: number;
  latency: { p50: number; p99: number; totalCount: number };
}
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (o: object) => Promise<CannonResult>;

const MODEL = process.env.BENCH_MODEL ?? 'minilm-reward';
const AMOUNT = Number(process.env.BENCH_REQUESTS ?? 4000);
const LONG = 'The quick brown fox jumps over the lazy dog and keeps running. '.repeat(240);

function startServer(thread: boolean): Promise<{ child: ChildProcess; origin: string }> {
  const flags = ['--model', MODEL, '--log-level', 'warn', '--max-queue', '4096'];
  return startServeChild(thread ? flags : [...flags, '--no-inference-thread']);
}

/** /health asked again and again while one big /predict batch is scored. */
async function healthUnderBatch(origin: string) {
  const inputs = Array.from({ length: 32 }, (_, i) => [`Question ${i}: ${LONG}`, `${LONG}${i}`]);
  const started = performance.now();
  let done = false;
  const batch = fetch(`${origin}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inputs }),
  }).then(async (r) => {
    await r.arrayBuffer();
    done = true;
    return { status: r.status, ms: performance.now() - started };
  });
  const latencies: number[] = [];
  // Every /health sent while the batch is in flight counts, the one that waited for the batch to end included.
  while (!done) {
    const t = performance.now();
    await (await fetch(`${origin}/health`)).arrayBuffer();
    latencies.push(performance.now() - t);
  }
  const b = await batch;
  latencies.sort((x, y) => x - y);
  return {
    batchStatus: b.status,
    batchMs: Math.round(b.ms),
    healthAnswers: latencies.length,
    healthMaxMs: Math.round(latencies.at(-1) ?? b.ms),
    healthMedianMs: Math.round(latencies[Math.floor(latencies.length / 2)] ?? b.ms),
  };
}

async function load(origin: string) {
  const body = JSON.stringify({
    model: MODEL,
    messages: [
      { role: 'user', content: 'What is the capital of France?' },
      { role: 'assistant', content: 'The capital of France is Paris.' },
    ],
  });
  const r = await autocannon({
    url: `${origin}/v1/chat/completions`,
    connections: 64,
    amount: AMOUNT,
    timeout: 60,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return {
    requests: r.latency.totalCount,
    throughputRps: Math.round(r.latency.totalCount / r.duration),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

const results: Record<string, unknown> = {};
for (const thread of [false, true]) {
  const { child, origin } = await startServer(thread);
  try {
    await load(origin); // warm-up
    const health = await healthUnderBatch(origin);
    const throughput = await load(origin);
    results[thread ? 'inferenceThread' : 'eventLoop'] = { health, throughput };
    console.log(
      `${thread ? 'worker thread' : 'event loop  '}: /health max ${health.healthMaxMs} ms (${health.healthAnswers} answers) ` +
        `during a ${health.batchMs} ms batch; ${throughput.throughputRps} req/s, p99 ${throughput.p99Ms} ms at 64 connections`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}
const out = {
  date: new Date().toISOString(),
  command: 'npm run bench:server-thread',
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadavg: loadavg(),
  },
  model: MODEL,
  goal: '/health within 100 ms while the largest allowed batch is scored',
  ...results,
};
mkdirSync(new URL('results/', import.meta.url), { recursive: true });
writeFileSync(new URL('results/server-thread.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log('wrote bench/results/server-thread.json');
