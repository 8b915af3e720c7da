/**
 * What keeps a hostile or broken client from hurting the server (docs/architecture.md, 'Reward server'):
 * request and header timeouts, a cap on open connections, errors raised before Fastify sees a request
 * (answered on the raw socket), malformed URLs, the Host check against DNS rebinding, and no error leaving
 * in anything but JSON.
 */
import { createServer as createHttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import { sendError } from './dialects';
import { httpError, toHttpError } from './errors';

export interface HardeningOptions {
  /** Time a client has to send a whole request (headers and body); 408 after. Default 30 s. */
  requestTimeoutMs?: number;
  /** Time a client has to send the request headers; 408 after. Default 10 s. */
  headersTimeoutMs?: number;
  /** Open connections at most; connections over it are closed at once. Default 512. */
  maxConnections?: number;
  /**
   * Host names (without port) the server answers to; a request whose Host header names another is refused
   * (DNS rebinding). Undefined: any.
   */
  allowedHosts?: string[];
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

/** The Fastify constructor options that carry the timeouts and the raw-socket and bad-URL answers. */
export function hardenedServerOptions(o: HardeningOptions): FastifyServerOptions {
  const requestTimeout = o.requestTimeoutMs ?? DEFAULT_LIMITS.requestTimeoutMs;
  const headersTimeout = Math.min(o.headersTimeoutMs ?? DEFAULT_LIMITS.headersTimeoutMs, requestTimeout);
  return {
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
  };
}

/** The connection cap, the Host check and the JSON-only error rewrite, on a built Fastify instance. */
export function registerHardening(app: FastifyInstance, o: HardeningOptions): void {
  app.server.maxConnections = o.maxConnections ?? DEFAULT_LIMITS.maxConnections;

  if (o.allowedHosts) {
    const allowed = new Set(o.allowedHosts.map((h) => h.toLowerCase()));
    app.addHook('onRequest', async (req, reply) => {
      const host = req.headers.host ?? '';
      let name: string;
      try {
        name = new URL(`http://${host}`).hostname.toLowerCase();
      } catch {
        name = '';
      }
      if (allowed.has(name)) return;
      return sendError(
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
}
