/**
 * The NIM-compatible reward server (docs/architecture.md, 'Reward server'): buildServer() returns a Fastify
 * instance, not yet listening, so tests can listen on port 0 and main.ts on the configured port.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { resolve } from 'node:path';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { RewardError } from '../src/core/errors';
import { buildChatCompletion, type NamedScore } from '../src/core/nim';
import type { ScoreInput, ScoreResult } from '../src/core/types';
import type { RewardBackend } from '../src/engine/types';
import { DynamicBatcher } from './batcher';
import { httpError, toHttpError, type HttpError } from './errors';
import { parseJsonBody } from './json-body';
import { registerProxy, type ProxyOptions } from './proxy';
import { chatRequestSchema, describeZodError, toScoreInput } from './schemas';

export interface BatchOptions {
  /** 1 turns dynamic batching off. */
  maxBatchSize: number;
  maxWaitMs: number;
  maxQueue: number;
}

export interface ServerOptions {
  /** Local scoring (exactly one of backend / proxy). */
  backend?: RewardBackend;
  /** Id clients send as `model` and see in /v1/models; default backend.info.id. */
  modelId?: string;
  /** Forward /v1/* to a remote engine instead of scoring locally. */
  proxy?: ProxyOptions;
  /** When set, /v1/* needs `Authorization: Bearer <apiKey>` (local mode). */
  apiKey?: string;
  /** Largest request body in bytes (413 above). Default 1 MiB. */
  bodyLimit?: number;
  /** Cut over-long inputs (default) or answer 400 naming the limit. */
  truncate?: boolean;
  batch?: Partial<BatchOptions>;
  /** Allowed browser origins: true/'*' for any, a list, or false/undefined for none. */
  cors?: boolean | string[];
  /** Called once per browser origin that CORS refuses (serve prints the flag that would allow it). */
  onRefusedOrigin?: (origin: string) => void;
  /** Serve the built playground from this folder, with COOP/COEP for multi-threaded WASM. */
  staticDir?: string;
  logger?: FastifyServerOptions['logger'];
}

export const DEFAULT_BATCH: BatchOptions = { maxBatchSize: 32, maxWaitMs: 2, maxQueue: 1024 };

/** Compares keys in constant time (hashing first evens out the lengths). */
function sameKey(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function namedScores(labels: readonly string[], r: ScoreResult): NamedScore[] {
  // A single-output head reports its scalar (alpha applied) as `reward`.
  if (labels.length <= 1) return [{ name: labels[0] ?? 'reward', value: r.score }];
  return labels.map((name, i) => ({ name, value: r.attributes?.[name] ?? r.logits[i] ?? Number.NaN }));
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  if (!options.backend === !options.proxy)
    throw new Error('buildServer needs exactly one of backend or proxy');
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logger: options.logger ?? false,
  });

  const send = (reply: FastifyReply, e: HttpError) => {
    if (e.status === 429) reply.header('retry-after', '1');
    return reply.code(e.status).send(e.body);
  };

  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    return send(reply, e);
  });
  app.setNotFoundHandler((req, reply) =>
    send(
      reply,
      httpError(404, 'not_found_error', 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`),
    ),
  );

  // Only JSON bodies: anything else is 415 (Fastify would otherwise also accept text/plain).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(body));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  const allowsAny = options.cors === true || (Array.isArray(options.cors) && options.cors.includes('*'));
  if (options.onRefusedOrigin && !allowsAny) {
    const allowed = new Set(Array.isArray(options.cors) ? options.cors : []);
    const told = new Set<string>();
    const notify = options.onRefusedOrigin;
    app.addHook('onRequest', async (req) => {
      const origin = req.headers.origin;
      if (!origin || allowed.has(origin) || told.has(origin) || told.size >= 100) return;
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        return;
      }
      if (host === req.headers.host) return; // same origin: CORS does not apply
      told.add(origin);
      notify(origin);
    });
  }

  if (options.cors) {
    await app.register(cors, {
      origin: options.cors === true ? '*' : options.cors.includes('*') ? '*' : options.cors,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type'],
    });
  }

  if (options.staticDir) {
    // Cross-origin isolation on every response lets onnxruntime-web use several threads
    // (docs/architecture.md, 'Cross-origin isolation').
    app.addHook('onSend', async (_req, reply, payload) => {
      reply.header('cross-origin-opener-policy', 'same-origin');
      reply.header('cross-origin-embedder-policy', 'require-corp');
      reply.header('cross-origin-resource-policy', 'same-origin');
      return payload;
    });
    await app.register(fastifyStatic, { root: resolve(options.staticDir), wildcard: true });
  }

  if (options.proxy) {
    registerProxy(app, options.proxy);
    return app;
  }

  const backend = options.backend!;
  const modelId = options.modelId ?? backend.info.id;
  const truncate = options.truncate ?? true;
  const batchOpts = { ...DEFAULT_BATCH, ...options.batch };
  const limit = backend.info.maxLength;

  const batcher = new DynamicBatcher<ScoreInput, ScoreResult>({
    ...batchOpts,
    run: async (inputs) => {
      try {
        return await backend.score(inputs, { truncate });
      } catch (e) {
        if (
          e instanceof RewardError &&
          e.code === 'input' &&
          !truncate &&
          !e.message.includes(String(limit))
        ) {
          throw new RewardError(
            'input',
            `${e.message} (max input tokens: ${limit}; truncation is off)`,
            e.details,
          );
        }
        throw e;
      }
    },
  });

  if (options.apiKey) {
    const key = options.apiKey;
    app.addHook('onRequest', async (req, reply) => {
      // The matched route, not the raw URL: the router decodes %76 to 'v', so '/%761/models' is /v1/models.
      const route = req.routeOptions.url ?? '';
      if (req.method === 'OPTIONS' || !route.startsWith('/v1/')) return;
      const header = req.headers.authorization;
      const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
      if (!m) {
        return send(
          reply,
          httpError(
            401,
            'authentication_error',
            'missing_api_key',
            'Missing API key: send "Authorization: Bearer <key>".',
          ),
        );
      }
      if (!sameKey(m[1]!.trim(), key)) {
        return send(reply, httpError(401, 'authentication_error', 'invalid_api_key', 'Invalid API key.'));
      }
    });
  }

  app.get('/health', async () => ({
    status: 'ok',
    model: modelId,
    labels: backend.info.labels,
    maxInputTokens: limit,
    truncate,
    batching: batchOpts,
    queue: batcher.stats(),
    rssBytes: process.memoryUsage().rss,
  }));

  app.get('/v1/models', async () => ({
    object: 'list',
    data: [{ id: modelId, object: 'model', created: 0, owned_by: 'reward-playground' }],
  }));

  app.post('/v1/chat/completions', async (req, reply) => {
    const parsed = chatRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const { message, param } = describeZodError(parsed.error);
      return send(reply, httpError(400, 'invalid_request_error', 'invalid_request', message, param));
    }
    if (parsed.data.model !== modelId) {
      return send(
        reply,
        httpError(
          404,
          'not_found_error',
          'model_not_found',
          `Unknown model "${parsed.data.model.slice(0, 100)}"; this server serves "${modelId}".`,
          'model',
        ),
      );
    }
    const input = toScoreInput(parsed.data);
    const result = await batcher.submit(input);
    return buildChatCompletion({
      id: `chatcmpl-${randomUUID()}`,
      model: modelId,
      scores: namedScores(backend.info.labels, result),
      promptTokens: result.tokenCount,
    });
  });

  return app;
}
