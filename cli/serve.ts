/**
 * The `serve` command (`reward-playground serve`, which `npm run serve` runs): flags → model + server options →
 * a listening server (server/app.ts) that shuts down cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { FastifyInstance } from 'fastify';
import { RewardError } from '../src/core/errors';
import { loadModelInThread } from '../server/inference-thread';
import { loadModel } from '../src/engine/node';
import type { Model } from '../src/engine/contract';
import { buildServer, type ServerOptions } from '../server/app';
import { DEFAULT_BATCH } from '../server/batcher';
import { DEFAULT_LIMITS } from '../server/hardening';
import { LOOPBACK } from '../server/cors';
import { checkProxyUrl, DEFAULT_PROXY, type ProxyOptions } from '../server/proxy';
import type { OnUnparsable } from '../server/routes/items';
import { addModelOptions, type ModelFlags, scoringFromFlags, specFromFlags, specName } from './model-args';

export interface ServeFlags extends ModelFlags {
  port: number;
  host: string;
  modelName?: string;
  authKeyEnv?: string;
  bodyLimit: number;
  maxInputTokens?: number;
  truncate: boolean;
  batching: boolean;
  inferenceThread: boolean;
  inferenceStallS: number;
  maxBatch: number;
  batchWaitMs: number;
  maxQueue: number;
  cors?: string;
  static?: string;
  proxy?: string;
  proxyKeyEnv?: string;
  proxyTimeoutMs: number;
  allowedHosts?: string;
  logLevel: string;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  maxConnections: number;
  onUnparsable: OnUnparsable;
}

function int(name: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new RewardError('input', `${name} must be an integer ≥ ${min}, got "${v}"`);
    return n;
  };
}

/** --on-unparsable: "error" or a finite number (the reward an unreadable item gets). */
export function parseOnUnparsable(v: string): OnUnparsable {
  if (v.trim() === 'error') return 'error';
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new RewardError('input', `--on-unparsable must be "error" or a number, got "${v}"`);
  return n;
}

export function addServeOptions(cmd: Command): Command {
  return addModelOptions(cmd)
    .addOption(
      new Option('-p, --port <n>', 'port to listen on (0 = any free port)')
        .argParser(int('--port', 0))
        .default(8000),
    )
    .addOption(new Option('--host <addr>', 'address to bind').default('127.0.0.1'))
    .addOption(new Option('--model-name <id>', 'model id clients send (default: the model’s name)'))
    .addOption(
      new Option(
        '--auth-key-env <VAR>',
        'require this environment variable’s value as Bearer key on /v1/* (in proxy mode too)',
      ),
    )
    .addOption(
      new Option('--body-limit <bytes>', 'largest request body (413 above)')
        .argParser(int('--body-limit', 1))
        .default(1048576),
    )
    .addOption(
      new Option(
        '--max-input-tokens <n>',
        'max input tokens per request (default: the model’s max length)',
      ).argParser(int('--max-input-tokens', 1)),
    )
    .addOption(new Option('--no-truncate', 'answer 400 for over-long inputs instead of truncating them'))
    .addOption(new Option('--no-batching', 'score each request alone (no dynamic batching)'))
    .addOption(
      new Option(
        '--no-inference-thread',
        'score on the event loop instead of a worker thread (for comparison: a large batch then holds up every request)',
      ),
    )
    .addOption(
      new Option(
        '--inference-stall-s <seconds>',
        'abandon a call to the inference thread that shows no progress for this long (a tokenizer regex that backtracks, a stuck runtime) and restart the thread',
      )
        .argParser(int('--inference-stall-s', 1))
        .default(60),
    )
    .addOption(
      new Option('--max-batch <n>', 'largest dynamic batch')
        .argParser(int('--max-batch', 1))
        .default(DEFAULT_BATCH.maxBatchSize),
    )
    .addOption(
      new Option('--batch-wait-ms <ms>', 'how long a request may wait for batch company')
        .argParser(int('--batch-wait-ms', 0))
        .default(DEFAULT_BATCH.maxWaitMs),
    )
    .addOption(
      new Option('--max-queue <n>', 'requests allowed to wait before 429')
        .argParser(int('--max-queue', 1))
        .default(DEFAULT_BATCH.maxQueue),
    )
    .addOption(
      new Option(
        '--cors <origins>',
        `allowed browser origins, comma-separated: origins, "${LOOPBACK}" (any http(s)://localhost, 127.0.0.1 or [::1] page, any port), "*" for any or "none" (default: ${LOOPBACK})`,
      ),
    )
    .addOption(
      new Option('--static <dir>', 'also serve the built playground from this folder (with COOP/COEP)'),
    )
    .addOption(
      new Option(
        '--proxy <url>',
        'forward /v1/* to this OpenAI-compatible reward endpoint instead of scoring locally',
      ),
    )
    .addOption(
      new Option(
        '--proxy-key-env <VAR>',
        'proxy: upstream key, used when the caller sends no Authorization header (always with --auth-key-env)',
      ),
    )
    .addOption(
      new Option(
        '--proxy-timeout-ms <ms>',
        'proxy: limit for an upstream exchange, reply body included (504 after)',
      )
        .argParser(int('--proxy-timeout-ms', 1))
        .default(DEFAULT_PROXY.timeoutMs),
    )
    .addOption(
      new Option(
        '--allowed-hosts <names>',
        'host names the server answers to, comma-separated (default: localhost, 127.0.0.1, [::1] and --host; any when --host is 0.0.0.0 or ::)',
      ),
    )
    .addOption(
      new Option('--request-timeout-ms <ms>', 'time a client has to send a whole request (408 after)')
        .argParser(int('--request-timeout-ms', 1))
        .default(DEFAULT_LIMITS.requestTimeoutMs),
    )
    .addOption(
      new Option('--headers-timeout-ms <ms>', 'time a client has to send the request headers (408 after)')
        .argParser(int('--headers-timeout-ms', 1))
        .default(DEFAULT_LIMITS.headersTimeoutMs),
    )
    .addOption(
      new Option('--max-connections <n>', 'open connections at most (more are closed at once)')
        .argParser(int('--max-connections', 1))
        .default(DEFAULT_LIMITS.maxConnections),
    )
    .addOption(
      new Option(
        '--on-unparsable <error|number>',
        'TEI/vLLM/OpenRLHF: what an unreadable item of a batch gets (one that cannot be split into prompt and response, or an empty response): its error beside the other results, or this reward',
      )
        .argParser(parseOnUnparsable)
        .default('error'),
    )
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
        .default('info'),
    );
}

function envKey(flag: string, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const v = process.env[name];
  if (!v) throw new RewardError('input', `${flag} ${name}: that environment variable is empty or unset`);
  return v;
}

/** --cors → the allowed origins: any loopback origin by default (server/cors.ts), "none" for none. */
export function corsOrigins(flag: string | undefined): string[] {
  if (flag === undefined) return [LOOPBACK];
  if (flag.trim() === 'none') return [];
  return flag
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The Host names a request may name (DNS rebinding): the loopback names and --host, plus --allowed-hosts;
 * undefined (any) when the server listens on every interface and no list is given.
 */
export function allowedHosts(bindHost: string, flag: string | undefined): string[] | undefined {
  const listed = (flag ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const wildcard = ['0.0.0.0', '::', '[::]'].includes(bindHost);
  if (wildcard && listed.length === 0) return undefined;
  const names = new Set(['localhost', '127.0.0.1', '[::1]', ...listed]);
  if (!wildcard) names.add(bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost);
  return [...names];
}

const stderrLine = (line: string) => {
  process.stderr.write(`${line}\n`);
};

/** Starts the server described by the flags; resolves once it listens. `notice` gets operator hints. */
export async function startServe(
  flags: ServeFlags,
  notice: (line: string) => void = stderrLine,
): Promise<{ app: FastifyInstance; url: string; backend?: Model }> {
  if (flags.static && !existsSync(flags.static))
    throw new RewardError('input', `--static ${flags.static}: no such folder (run npm run build first)`);
  const common: ServerOptions = {
    bodyLimit: flags.bodyLimit,
    requestTimeoutMs: flags.requestTimeoutMs,
    headersTimeoutMs: flags.headersTimeoutMs,
    maxConnections: flags.maxConnections,
    truncate: flags.truncate,
    onUnparsable: flags.onUnparsable,
    batch: {
      maxBatchSize: flags.batching ? flags.maxBatch : 1,
      maxWaitMs: flags.batching ? flags.batchWaitMs : 0,
      maxQueue: flags.maxQueue,
    },
    logger: {
      level: flags.logLevel,
      // Keys travel in these headers; they must never reach a log line.
      redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]'], censor: '[redacted]' },
    },
  };
  const hosts = allowedHosts(flags.host, flags.allowedHosts);
  if (hosts) common.allowedHosts = hosts;
  common.cors = corsOrigins(flags.cors);
  common.onRefusedOrigin = (origin) => {
    const list = Array.isArray(common.cors) ? common.cors : [];
    notice(
      `Refused a browser request from ${origin} (CORS). To allow it, restart with --cors ${[...list, origin].join(',')}`,
    );
  };
  if (flags.static) common.staticDir = flags.static;

  let backend: Model | undefined;
  let options: ServerOptions;
  if (flags.proxy) {
    checkProxyUrl(flags.proxy);
    // With --auth-key-env, callers must send that key and the upstream gets --proxy-key-env's key; without
    // it, each caller's own key is passed through (or --proxy-key-env's when the caller sends none).
    const clientKey = envKey('--auth-key-env', flags.authKeyEnv);
    const proxyKey = envKey('--proxy-key-env', flags.proxyKeyEnv);
    // A server key lent to every origin without a client key would let any web page spend it.
    if (proxyKey && !clientKey && Array.isArray(common.cors) && common.cors.includes('*')) {
      throw new RewardError(
        'input',
        "--proxy-key-env with --cors '*' would let any web page use that key; list the allowed origins instead, or require a client key with --auth-key-env.",
      );
    }
    const proxy: ProxyOptions = { baseUrl: flags.proxy, timeoutMs: flags.proxyTimeoutMs };
    if (proxyKey) proxy.apiKey = proxyKey;
    if (clientKey) proxy.clientKey = clientKey;
    options = { ...common, proxy };
  } else {
    const spec = specFromFlags({ ...flags, maxLength: flags.maxInputTokens ?? flags.maxLength });
    // Inference runs in a worker thread: a large batch never holds up /health or other requests.
    backend = flags.inferenceThread
      ? await loadModelInThread(spec, { stallMs: flags.inferenceStallS * 1000 })
      : await loadModel(spec);
    options = {
      ...common,
      backend,
      modelId: flags.modelName ?? specName(spec),
      scoring: scoringFromFlags(flags),
    };
    const key = envKey('--auth-key-env', flags.authKeyEnv);
    if (key) options.apiKey = key;
  }
  const app = await buildServer(options);
  app.addHook('onClose', async () => {
    await backend?.dispose();
  });
  const url = await app.listen({ port: flags.port, host: flags.host });
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, url, backend };
}
