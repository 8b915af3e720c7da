/**
 * The reward server (docs/architecture.md, 'Reward server' and 'Reward APIs'): NIM's, TEI's, vLLM's and
 * OpenRLHF's APIs (server/routes/) over one model and one batching queue, behind the hardening hooks
 * (server/hardening.ts). buildServer() returns a Fastify instance, not yet listening, so tests can listen on
 * port 0 and `serve` on the configured port.
 */
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { activationFor } from '../src/core/activation';
import type { ScoringSettings } from '../src/core/types';
import type { Model } from '../src/engine/contract';
import { hasKey, registerApiKey } from './auth';
import { type BatchOptions, DEFAULT_BATCH } from './batcher';
import { registerCors, type CorsOption } from './cors';
import { sendError } from './dialects';
import { httpError, toHttpError } from './errors';
import { type HardeningOptions, hardenedServerOptions, registerHardening } from './hardening';
import { registerJsonBody } from './json-body';
import { buildOpenApi } from './openapi';
import { registerProxy, type ProxyOptions } from './proxy';
import type { RouteContext } from './routes/context';
import type { OnUnparsable } from './routes/items';
import { registerNim } from './routes/nim';
import { registerOpenRlhf } from './routes/openrlhf';
import { registerTei } from './routes/tei';
import { registerVllm } from './routes/vllm';
import { createScoringQueue } from './scoring-queue';

export interface ServerOptions extends HardeningOptions {
  /** Local scoring (exactly one of backend / proxy). */
  backend?: Model;
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
  /** What an unreadable item of a TEI/vLLM/OpenRLHF batch gets: its error (default) or this reward. */
  onUnparsable?: OnUnparsable;
  /** How outputs become the score (serve --alpha); default the model's own. */
  scoring?: ScoringSettings;
  batch?: Partial<BatchOptions>;
  /** Allowed browser origins (server/cors.ts): true/'*' for any, a list (origins, `loopback`), or none. */
  cors?: CorsOption;
  /** Called once per browser origin that CORS refuses (serve prints the flag that would allow it). */
  onRefusedOrigin?: (origin: string) => void;
  /** Serve the built playground from this folder, with COOP/COEP for multi-threaded WASM. */
  staticDir?: string;
  logger?: FastifyServerOptions['logger'];
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  if (!options.backend === !options.proxy)
    throw new Error('buildServer needs exactly one of backend or proxy');
  const app = Fastify({
    ...hardenedServerOptions(options),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logger: options.logger ?? false,
    // One log line per request (the onResponse hook below), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onResponse', async (req, reply) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const line = { method: req.method, url: req.url.split('?')[0], statusCode: reply.statusCode };
    req.log.info({ ...line, responseTimeMs: ms }, 'request');
  });
  // Every failure in the error shape of the route's engine (server/dialects.ts); OpenAI's by default.
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    return sendError(reply, e, err);
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(
      reply,
      httpError(404, 'not_found_error', 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`),
    ),
  );
  registerHardening(app, options);
  registerJsonBody(app);
  await registerCors(app, options.cors, options.onRefusedOrigin);

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

  const model = options.backend!;
  const batch = { ...DEFAULT_BATCH, ...options.batch };
  const queue = createScoringQueue(model, batch, options.scoring);
  if (options.apiKey) registerApiKey(app, options.apiKey);

  // Every API shares the model and the batching queue (docs/architecture.md, 'Reward APIs').
  const ctx: RouteContext = {
    backend: model,
    modelId: options.modelId ?? model.info.id,
    labels: model.info.labels,
    truncate: options.truncate ?? true,
    maxInputTokens: model.info.maxLength,
    batch,
    activation: activationFor(model.info.labels.length, model.info.activation),
    onUnparsable: options.onUnparsable ?? 'error',
    score: (inputs, cut) => Promise.all(inputs.map((input) => queue.submit({ input, truncate: cut }))),
  };
  registerNim(app, ctx);
  registerTei(app, ctx);
  registerVllm(app, ctx);
  registerOpenRlhf(app, ctx);
  const openApi = buildOpenApi(ctx, { apiKey: options.apiKey !== undefined });
  app.get('/openapi.json', async () => openApi);

  // Up and which model (with its labels and limit) for anyone; queue, batching and memory only with the key.
  app.get('/health', async (req) => {
    const facts = {
      status: 'ok',
      model: ctx.modelId,
      labels: ctx.labels,
      maxInputTokens: ctx.maxInputTokens,
    };
    if (!hasKey(req, options.apiKey)) return facts;
    const { truncate } = ctx;
    return { ...facts, truncate, batching: batch, queue: queue.stats(), rssBytes: process.memoryUsage().rss };
  });

  return app;
}
