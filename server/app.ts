/**
 * The reward server (docs/architecture.md, 'Reward server' and 'Reward APIs'): NIM's API here, TEI's, vLLM's and
 * OpenRLHF's in server/routes/, over one backend and batching queue. buildServer() returns a Fastify
 * instance, not yet listening, so tests can listen on port 0 and main.ts on the configured port.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { RewardError } from '../src/core/errors';
import { buildChatCompletion, type NamedScore } from '../src/core/nim';
import type { ScoreInput, ScoreResult, ScoringSettings } from '../src/core/types';
import type { Model } from '../src/engine/contract';
import { activationFor, rawValues } from '../src/core/activation';
import { DynamicBatcher } from './batcher';
import { registerCors, type CorsOption } from './cors';
import { renderError } from './dialects';
import { httpError, toHttpError, type HttpError } from './errors';
import { parseJsonBody } from './json-body';
import { bearerToken, sameKey } from './keys';
import { registerProxy, type ProxyOptions } from './proxy';
import { buildOpenApi } from './openapi';
import type { RouteContext } from './routes/context';
import type { OnUnparsable } from './routes/items';
import { registerOpenRlhf } from './routes/openrlhf';
import { registerTei } from './routes/tei';
import { registerVllm } from './routes/vllm';
import { chatRequestSchema, describeZodError, toScoreInput } from './schemas';

export interface BatchOptions {
  /** 1 turns dynamic batching off. */
  maxBatchSize: number;
  maxWaitMs: number;
  maxQueue: number;
}

export interface ServerOptions {
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
  /**
   * Host names (without port) the server answers to; a request whose Host header names another is refused
   * (DNS rebinding). Undefined: any.
   */
  allowedHosts?: string[];
  /** Time a client has to send a whole request (headers and body); 408 after. Default 30 s. */
  requestTimeoutMs?: number;
  /** Time a client has to send the request headers; 408 after. Default 10 s. */
  headersTimeoutMs?: number;
  /** Open connections at most; connections over it are closed at once. Default 512. */
  maxConnections?: number;
}

export const DEFAULT_LIMITS = { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, maxConnections: 512 };

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * Errors raised before Fastify sees a request (Node's HTTP parser, header/body timeouts) are answered on the
 * raw socket, in the same OpenAI error shape as everything else, and the connection is closed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable) {
    socket.destroy();
    return;
  }
  const e =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_HEADERS_TIMEOUT'
      ? httpError(
          408,
          'invalid_request_error',
          'request_timeout',
          'The request was not received in time; the connection is closed.',
        )
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? httpError(431, 'invalid_request_error', 'headers_too_large', 'The request headers are too large.')
        : httpError(400, 'invalid_request_error', 'bad_request', 'The request is not valid HTTP/1.1.');
  const body = JSON.stringify(e.body);
  socket.end(
    `HTTP/1.1 ${e.status} ${STATUS_TEXT[e.status] ?? 'Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export const DEFAULT_BATCH: BatchOptions = { maxBatchSize: 32, maxWaitMs: 2, maxQueue: 1024 };

function namedScores(labels: readonly string[], r: ScoreResult): NamedScore[] {
  // A single-output head reports its scalar (alpha applied) as `reward`.
  const values = rawValues(labels, r);
  return labels.length <= 1
    ? [{ name: labels[0] ?? 'reward', value: values[0]! }]
    : labels.map((name, i) => ({ name, value: values[i]! }));
}

/** The scoring routes besides /v1/*: they need the API key too when the server has one. */
const SCORING_ROUTES = new Set(['/predict', '/classify', '/score', '/get_reward']);

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  if (!options.backend === !options.proxy)
    throw new Error('buildServer needs exactly one of backend or proxy');
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_LIMITS.requestTimeoutMs;
  const headersTimeout = Math.min(
    options.headersTimeoutMs ?? DEFAULT_LIMITS.headersTimeoutMs,
    requestTimeout,
  );
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logger: options.logger ?? false,
    // One log line per request (the onResponse hook below), not Fastify's two.
    disableRequestLogging: true,
    // Node checks these timeouts every connectionsCheckingInterval (30 s by default): check often enough.
    serverFactory: (handler) =>
      createHttpServer(
        {
          requestTimeout,
          headersTimeout,
          connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
        },
        handler,
      ),
    requestTimeout,
    clientErrorHandler: answerClientError,
    // Fastify's own framework errors (a URL that is not valid percent-encoding) in the same shape.
    frameworkErrors: (error, _req, reply) => {
      const e =
        error.code === 'FST_ERR_BAD_URL'
          ? httpError(
              400,
              'invalid_request_error',
              'bad_url',
              'The request path is not a valid URL (bad percent-encoding).',
            )
          : toHttpError(error);
      void (reply as unknown as FastifyReply).code(e.status).send(e.body);
    },
  });
  app.server.maxConnections = options.maxConnections ?? DEFAULT_LIMITS.maxConnections;
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        url: req.url.split('?')[0],
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });

  // In the error shape of the route's engine (server/dialects.ts); OpenAI's by default.
  const send = (reply: FastifyReply, e: HttpError, err: unknown = undefined) => {
    const out = renderError(reply.request.routeOptions.config?.dialect, err, e);
    if (out.status === 429) reply.header('retry-after', '1');
    return reply.code(out.status).send(out.body);
  };

  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    return send(reply, e, err);
  });
  app.setNotFoundHandler((req, reply) =>
    send(
      reply,
      httpError(404, 'not_found_error', 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`),
    ),
  );

  if (options.allowedHosts) {
    const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
    app.addHook('onRequest', async (req, reply) => {
      const host = req.headers.host ?? '';
      let name: string;
      try {
        name = new URL(`http://${host}`).hostname.toLowerCase();
      } catch {
        name = '';
      }
      if (allowed.has(name)) return;
      return send(
        reply,
        httpError(
          403,
          'invalid_request_error',
          'invalid_host',
          `This server does not answer to the host "${host.slice(0, 100)}" (DNS rebinding protection); start it with --allowed-hosts to add it.`,
        ),
      );
    });
  }

  // Anything that would leave as a non-JSON error (the CORS plugin's "Invalid Preflight Request") is
  // rewritten into the OpenAI error shape.
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.includes('json')) return payload;
    const preflight = req.method === 'OPTIONS' && /preflight/i.test(payload);
    const e = httpError(
      reply.statusCode,
      reply.statusCode >= 500 ? 'server_error' : 'invalid_request_error',
      preflight ? 'invalid_preflight' : 'bad_request',
      preflight
        ? 'Invalid CORS preflight: send Origin and Access-Control-Request-Method.'
        : payload.slice(0, 200) || 'Bad request.',
    );
    reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(e.body);
  });

  // Only JSON bodies: anything else is 415 (Fastify would otherwise also accept text/plain).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(body));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

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

  const backend = options.backend!;
  const modelId = options.modelId ?? backend.info.id;
  const truncate = options.truncate ?? true;
  const batchOpts = { ...DEFAULT_BATCH, ...options.batch };
  const limit = backend.info.maxLength;

  // Each job carries its request's truncation (TEI `truncate`, vLLM `truncate_prompt_tokens`).
  const scoreGroup = async (inputs: ScoreInput[], cut: boolean) => {
    try {
      return await backend.score(inputs, { ...options.scoring, truncate: cut });
    } catch (e) {
      if (e instanceof RewardError && e.code === 'input' && !cut && !e.message.includes(String(limit))) {
        throw new RewardError(
          'input',
          `${e.message} (max input tokens: ${limit}; truncation is off)`,
          e.details,
        );
      }
      throw e;
    }
  };
  const batcher = new DynamicBatcher<{ input: ScoreInput; truncate: boolean }, ScoreResult>({
    ...batchOpts,
    run: async (jobs) => {
      const out = new Array<ScoreResult>(jobs.length);
      for (const cut of [true, false]) {
        const at = jobs.flatMap((j, i) => (j.truncate === cut ? [i] : []));
        if (!at.length) continue;
        const results = await scoreGroup(
          at.map((i) => jobs[i]!.input),
          cut,
        );
        at.forEach((i, k) => (out[i] = results[k]!));
      }
      return out;
    },
  });

  if (options.apiKey) {
    const key = options.apiKey;
    app.addHook('onRequest', async (req, reply) => {
      // The matched route, not the raw URL: the router decodes %76 to 'v', so '/%761/models' is /v1/models.
      const route = req.routeOptions.url ?? '';
      if (req.method === 'OPTIONS' || !(route.startsWith('/v1/') || SCORING_ROUTES.has(route))) return;
      const given = bearerToken(req.headers.authorization);
      if (!given) {
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
      if (!sameKey(given, key)) {
        return send(reply, httpError(401, 'authentication_error', 'invalid_api_key', 'Invalid API key.'));
      }
    });
  }

  // Up and which model (with its labels and limit) for anyone; queue, batching and memory only with the key.
  app.get('/health', async (req) => {
    const given = bearerToken(req.headers.authorization);
    const authed = options.apiKey !== undefined && given !== undefined && sameKey(given, options.apiKey);
    // The model's facts are public (a client needs its labels and limit); the process's are not.
    if (!authed) return { status: 'ok', model: modelId, labels: backend.info.labels, maxInputTokens: limit };
    return health();
  });
  const health = () => ({
    status: 'ok',
    model: modelId,
    labels: backend.info.labels,
    maxInputTokens: limit,
    truncate,
    batching: batchOpts,
    queue: batcher.stats(),
    rssBytes: process.memoryUsage().rss,
  });

  // OpenAI's model entry plus vLLM's root, parent and max_model_len (the vLLM client reads the limit).
  app.get('/v1/models', async () => ({
    object: 'list',
    data: [
      {
        id: modelId,
        object: 'model',
        created: 0,
        owned_by: 'reward-playground',
        root: modelId,
        parent: null,
        max_model_len: limit,
      },
    ],
  }));

  // The TEI, vLLM and OpenRLHF routes share the backend and the batching queue (docs/architecture.md,
  // 'Reward APIs').
  const ctx: RouteContext = {
    backend,
    modelId,
    labels: backend.info.labels,
    truncate,
    maxInputTokens: limit,
    batch: batchOpts,
    activation: activationFor(backend.info.labels.length, backend.info.activation),
    onUnparsable: options.onUnparsable ?? 'error',
    score: (inputs, cut) => Promise.all(inputs.map((input) => batcher.submit({ input, truncate: cut }))),
  };
  registerTei(app, ctx);
  registerVllm(app, ctx);
  registerOpenRlhf(app, ctx);
  const openApi = buildOpenApi(ctx, { apiKey: options.apiKey !== undefined });
  app.get('/openapi.json', async () => openApi);

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
    const result = await batcher.submit({ input, truncate });
    return buildChatCompletion({
      id: `chatcmpl-${randomUUID()}`,
      model: modelId,
      scores: namedScores(backend.info.labels, result),
      promptTokens: result.tokenCount,
    });
  });

  return app;
}
