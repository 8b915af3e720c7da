/**
 * `npm run bench:server`: load on loopback against the NIM-compatible server (a child process, so the
 * load generator does not share its event loop), 64 connections, ≥ 20,000 requests, once with dynamic
 * batching and once without. Prints throughput, p50/p99 latency, status counts and server RSS, and writes
 * them to bench/results/server.json.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { startServeChild } from './serve-child';

interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
  latency: { p50: number; p99: number; average: number; totalCount: number };
  requests: { sent: number };
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const MODEL = process.env.BENCH_MODEL ?? 'tiny-bert-reward';
const DTYPE = process.env.BENCH_DTYPE ?? 'fp32';
const CONNECTIONS = 64;
const AMOUNT = Number(process.env.BENCH_REQUESTS ?? 20_000);

const prompts = [
  ['What is the capital of France?', 'The capital of France is Paris.'],
  ['Write a haiku about rain.', 'Rain taps the window / puddles gather on the street / the city sighs soft.'],
  [
    'How do I boil an egg?',
    'Put the egg in boiling water for about eight minutes, then cool it in cold water.',
  ],
  [
    'Explain gravity briefly.',
    'Gravity is the attraction between masses; the bigger and closer, the stronger.',
  ],
  ['Is it safe to eat raw chicken?', 'No. Raw chicken can carry salmonella; cook it to 74 °C (165 °F).'],
  ['Give me a synonym for happy.', 'Joyful.'],
  [
    'Summarise the water cycle.',
    'Water evaporates, condenses into clouds, falls as precipitation and collects again.',
  ],
  ['What is 12 × 12?', '144.'],
];
const bodies = prompts.map(([q, a]) =>
  JSON.stringify({
    model: MODEL,
    messages: [
      { role: 'user', content: q },
      { role: 'assistant', content: a },
    ],
  }),
);

function startServer(batching: boolean): Promise<{ child: ChildProcess; origin: string }> {
  const flags = ['--model', MODEL, '--dtype', DTYPE, '--log-level', 'warn', '--max-queue', '4096'];
  return startServeChild(batching ? flags : [...flags, '--no-batching']);
}

/** The server process's resident memory (/health shows it only to a caller with the API key). */
async function rss(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

async function load(origin: string, amount: number): Promise<CannonResult> {
  return autocannon({
    url: `${origin}/v1/chat/completions`,
    connections: CONNECTIONS,
    amount,
    timeout: 60,
    requests: bodies.map((body) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })),
  });
}

interface ModeResult {
  batching: boolean;
  requests: number;
  status2xx: number;
  status4xx: number;
  status5xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  throughputRps: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  roundsRps: number[];
}

const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;

interface Server {
  batching: boolean;
  child: ChildProcess;
  origin: string;
  rssBefore: number;
  rssAfter: number;
  rounds: CannonResult[];
}

function summarize(sv: Server): ModeResult {
  // The machine is shared: report the round with the best throughput, keep the others in `rounds`.
  const best = [...sv.rounds].sort(
    (a, b) => b.latency.totalCount / b.duration - a.latency.totalCount / a.duration,
  )[0]!;
  const done = best.latency.totalCount;
  return {
    batching: sv.batching,
    requests: done,
    status2xx: best['2xx'],
    status4xx: best['4xx'],
    status5xx: sv.rounds.reduce((n, r) => n + r['5xx'], 0),
    errors: sv.rounds.reduce((n, r) => n + r.errors + r.timeouts, 0),
    timeouts: best.timeouts,
    durationS: best.duration,
    throughputRps: Math.round(done / best.duration),
    latencyP50Ms: best.latency.p50,
    latencyP99Ms: best.latency.p99,
    latencyMeanMs: Math.round(best.latency.average * 10) / 10,
    rssBeforeMiB: mib(sv.rssBefore),
    rssAfterMiB: mib(sv.rssAfter),
    roundsRps: sv.rounds.map((r) => Math.round(r.latency.totalCount / r.duration)),
  };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const servers: Server[] = [];
try {
  for (const batching of [true, false]) {
    const { child, origin } = await startServer(batching);
    servers.push({ batching, child, origin, rssBefore: 0, rssAfter: 0, rounds: [] });
  }
  for (const sv of servers) {
    await load(sv.origin, 3000); // warm-up: JIT, ORT arenas
    sv.rssBefore = await rss(sv.child);
  }
  // Interleaved rounds, so a burst of load from elsewhere does not hit only one mode.
  for (let round = 0; round < ROUNDS; round++) {
    for (const sv of servers) {
      const r = await load(sv.origin, AMOUNT);
      sv.rounds.push(r);
      console.log(
        `round ${round + 1} batching ${sv.batching ? 'on ' : 'off'}: ${Math.round(r.latency.totalCount / r.duration)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
      );
    }
  }
  for (const sv of servers) sv.rssAfter = await rss(sv.child);
} finally {
  for (const sv of servers) sv.child.kill('SIGTERM');
}
const [on, off] = servers.map(summarize) as [ModeResult, ModeResult];
const ratio = Math.round((on.throughputRps / off.throughputRps) * 100) / 100;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  model: MODEL,
  modelsDir: process.env.REWARD_PLAYGROUND_MODELS ?? 'public/models',
  dtype: DTYPE,
  connections: CONNECTIONS,
  requestsPerRound: AMOUNT,
  rounds: ROUNDS,
  note: 'best round per mode reported; rounds interleaved on a shared 2-core machine, load generator on the same host',
  dynamicBatching: on,
  batchingOff: off,
  batchingSpeedup: ratio,
};

const row = (m: ModeResult) =>
  `${m.batching ? 'batching on ' : 'batching off'}  ${String(m.requests).padStart(6)} req  ${String(m.throughputRps).padStart(6)} req/s  ` +
  `p50 ${m.latencyP50Ms} ms  p99 ${m.latencyP99Ms} ms  2xx ${m.status2xx}  4xx ${m.status4xx}  5xx ${m.status5xx}  ` +
  `errors ${m.errors}  RSS ${m.rssBeforeMiB} → ${m.rssAfterMiB} MiB`;
console.log(`server bench: ${MODEL} (${DTYPE}), ${CONNECTIONS} connections, ${cpus().length} CPUs`);
console.log(row(on));
console.log(row(off));
console.log(`dynamic batching speed-up: ${ratio}× (goal ≥ 2×)`);

mkdirSync(new URL('results/', import.meta.url), { recursive: true });
writeFileSync(new URL('results/server.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
console.log('wrote bench/results/server.json');
if (on.status5xx + off.status5xx > 0 || on.errors + off.errors > 0) {
  console.error('FAIL: 5xx replies or connection errors under load');
  process.exitCode = 1;
}
