/**
 * Proxy mode (issue §2): forwards the NIM reward routes to a remote NIM or any OpenAI-compatible reward
 * endpoint so a browser blocked by the remote's CORS policy can reach it through this server.
 *
 * What it forwards, and how (issue 10, item 8):
 * - only an allow-list of routes (GET /v1/models, POST /v1/chat/completions), each to a fixed upstream path;
 *   a path with dot segments, also percent-encoded or with backslashes, is refused before routing;
 * - with a client key, callers must send it and the upstream gets the server's key; without one, the caller's
 *   Authorization header is passed through (or the server's key when the caller sends none);
 * - redirects are not followed (the caller's body and key would go to another host): 502;
 * - the reply is read with a size cap and a timeout covering headers and body (502/504 when either fails),
 *   and must be JSON: anything else (an HTML error page) becomes a 502 OpenAI error, never passed on as is;
 * - the upstream URL may not carry credentials, a query string or a fragment (a key in `?api-key=` would be glued
 *   into every upstream path and shown in messages): keys go in --proxy-key-env;
 * - a failure tells the caller what failed, never what the upstream sent (an HTML page, a redirect target) and,
 *   unless the caller has the client key, not the upstream URL either; the server log has the details.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RewardError } from '../src/core/errors';
import { httpError, type HttpError } from './errors';
import { jsonDepth } from './json-body';
import { bearerToken, sameKey } from './keys';

export interface ProxyOptions {
  /** e.g. https://integrate.api.nvidia.com/v1 — `/v1/chat/completions` goes to `{baseUrl}/chat/completions`. */
  baseUrl: string;
  /** The upstream key: sent when the caller sends none, and always when `clientKey` is set. */
  apiKey?: string;
  /** When set, callers must send `Authorization: Bearer <clientKey>`; it is never forwarded. */
  clientKey?: string;
  /** Limit for the whole upstream exchange, headers and body. Default 120 s. */
  timeoutMs?: number;
  /** Largest upstream reply passed back. Default 4 MiB. */
  maxReplyBytes?: number;
}

export const DEFAULT_PROXY = { timeoutMs: 120_000, maxReplyBytes: 4 * 1024 * 1024, maxJsonDepth: 64 };

/** The routes forwarded, and the upstream path each goes to (relative to the base URL). */
const ROUTES = [
  { method: 'GET', url: '/v1/models', upstream: '/models' },
  { method: 'POST', url: '/v1/chat/completions', upstream: '/chat/completions' },
] as const;

/** Response headers worth passing back; hop-by-hop and encoding headers are recomputed by Fastify. */
const PASS_BACK = ['retry-after', 'x-request-id'];

/** The URL without user:password, query or fragment (for messages, /health and logs). */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.href;
  } catch {
    return '(an invalid URL)';
  }
}

/** Refuses an upstream URL with credentials in it: they would show in errors and need not be there. */
export function checkProxyUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RewardError('input', `--proxy is not a URL: "${publicUrl(url)}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new RewardError('input', `--proxy must be an http(s) URL, got "${u.protocol}"`);
  if (u.username || u.password) {
    throw new RewardError(
      'input',
      `--proxy ${publicUrl(url)}: the URL carries credentials (user:password@), which would be sent in the clear ` +
        'to logs and error messages. Drop them and pass the upstream API key with --proxy-key-env VAR.',
    );
  }
  if (u.search || u.hash || url.includes('?') || url.includes('#')) {
    throw new RewardError(
      'input',
      `--proxy ${publicUrl(url)}: the URL has a ${u.hash || url.includes('#') ? 'fragment (#…)' : 'query string (?…)'}, which the proxy ` +
        'would glue into every upstream path and show in messages. Give the base URL alone, and pass an upstream ' +
        'key with --proxy-key-env VAR (sent as "Authorization: Bearer <key>").',
    );
  }
}

export function upstreamUrl(baseUrl: string, requestUrl: string): string {
  const rest = requestUrl.replace(/^\/v1/, '');
  const joined = baseUrl.replace(/\/+$/, '') + rest;
  // Resolve as the upstream will (a backslash is a slash, dot segments collapse); stay under the base path.
  const base = new URL(baseUrl);
  const target = new URL(joined);
  const prefix = `${base.pathname.replace(/\/+$/, '')}/`;
  if (target.origin !== base.origin || !`${target.pathname}/`.startsWith(prefix)) {
    throw new RewardError(
      'input',
      `Path ${requestUrl.split('?')[0]} leaves the proxied base path; the proxy does not forward it.`,
    );
  }
  return target.href;
}

/** The path percent-decoded until it no longer changes (so %252e is caught too), backslashes as slashes. */
function decodedPath(path: string): string {
  let p = path;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(p);
    } catch {
      break;
    }
    if (next === p) break;
    p = next;
  }
  return p.replace(/\\/g, '/');
}

/** Reads a reply body up to `max` bytes; more is an error and the rest is not read. */
async function readCapped(res: Response, max: number, what: string): Promise<string> {
  if (!res.body) return '';
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body.cancel().catch(() => {});
    throw new RewardError(
      'reply',
      `Proxy: the reply from ${what} is ${declared} bytes, over the ${max}-byte limit.`,
    );
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new RewardError('reply', `Proxy: the reply from ${what} is over the ${max}-byte limit.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function registerProxy(app: FastifyInstance, opts: ProxyOptions): void {
  checkProxyUrl(opts.baseUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROXY.timeoutMs;
  const maxReplyBytes = opts.maxReplyBytes ?? DEFAULT_PROXY.maxReplyBytes;

  const fail = (reply: FastifyReply, e: HttpError) => reply.code(e.status).send(e.body);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    const path = req.url.split('?')[0]!;
    // Dot segments would let a caller climb out of the base path on the upstream host, however encoded.
    if (/(^|\/)\.{1,2}(\/|$)/.test(decodedPath(path))) {
      return fail(
        reply,
        httpError(
          400,
          'invalid_request_error',
          'invalid_path',
          'The path contains "." or ".." segments (possibly percent-encoded); the proxy does not forward it.',
        ),
      );
    }
    if (opts.clientKey && req.method !== 'OPTIONS' && path.startsWith('/v1/')) {
      const given = bearerToken(req.headers.authorization);
      if (!given || !sameKey(given, opts.clientKey)) {
        return fail(
          reply,
          httpError(
            401,
            'authentication_error',
            given ? 'invalid_api_key' : 'missing_api_key',
            given ? 'Invalid API key.' : 'Missing API key: send "Authorization: Bearer <key>".',
          ),
        );
      }
    }
  });

  const forward = (upstreamPath: string) => async (req: FastifyRequest, reply: FastifyReply) => {
    const url = upstreamUrl(opts.baseUrl, `/v1${upstreamPath}`);
    const shown = publicUrl(url);
    // Only a caller with the client key may learn where the upstream is; the log always names it.
    const where = opts.clientKey ? shown : 'the upstream';
    /** A failure: `told` for the caller, `detail` (what the upstream sent or said) for the server log only. */
    const failure = (code: 'timeout' | 'network' | 'reply', told: string, detail?: string) => {
      req.log.warn({ upstream: shown, detail }, told);
      return new RewardError(code, told, { url: where });
    };
    const headers: Record<string, string> = { accept: 'application/json' };
    const auth = opts.clientKey
      ? opts.apiKey && `Bearer ${opts.apiKey}`
      : (req.headers.authorization ?? (opts.apiKey ? `Bearer ${opts.apiKey}` : undefined));
    if (auth) headers.authorization = auth;
    let body: string | undefined;
    if (req.method === 'POST' && req.body !== undefined) {
      if (jsonDepth(req.body) > DEFAULT_PROXY.maxJsonDepth) {
        return fail(
          reply,
          httpError(
            400,
            'invalid_request_error',
            'too_deep',
            `Request body is nested more than ${DEFAULT_PROXY.maxJsonDepth} levels deep.`,
            'body',
          ),
        );
      }
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = () => failure('timeout', `Proxy: ${where} did not answer within ${timeoutMs} ms`);
    /** A network error's code (ECONNREFUSED…) for the caller; its message (with the address) for the log. */
    const causeOf = (e: unknown) => {
      const err = e as Error;
      const cause = (err.cause as (Error & { code?: string }) | undefined) ?? err;
      return { code: (cause as { code?: string }).code ?? cause.name, message: cause.message };
    };
    let res: Response;
    try {
      res = await fetch(url, { method: req.method, headers, body, signal, redirect: 'manual' });
    } catch (e) {
      if (signal.aborted) throw timedOut();
      const cause = causeOf(e);
      throw failure('network', `Proxy could not reach ${where} (${cause.code})`, cause.message);
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      const to = res.headers.get('location');
      throw failure(
        'reply',
        `Proxy: ${where} answered ${res.status} (a redirect); the proxy does not follow redirects (point --proxy at the final URL).`,
        to ? `redirect to ${publicUrl(new URL(to, url).href)}` : undefined,
      );
    }
    let text: string;
    try {
      text = await readCapped(res, maxReplyBytes, where);
    } catch (e) {
      if (e instanceof RewardError) throw e;
      if (signal.aborted) throw timedOut();
      const cause = causeOf(e);
      throw failure(
        'network',
        `Proxy: the connection to ${where} broke while reading the reply (${cause.code})`,
        cause.message,
      );
    }
    try {
      JSON.parse(text);
    } catch {
      // The media type only when it looks like one: the header is the upstream's text too.
      const media = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const type = /^[\w.+-]{1,40}\/[\w.+-]{1,80}$/.test(media) ? media : 'another content type';
      throw failure(
        'reply',
        `Proxy: ${where} answered ${res.status} with ${type}, not JSON; not forwarded (the server log has its start).`,
        `it began: ${JSON.stringify(text.slice(0, 200))}`,
      );
    }
    reply.code(res.status);
    for (const h of PASS_BACK) {
      const v = res.headers.get(h);
      if (v) reply.header(h, v);
    }
    reply.header('content-type', 'application/json; charset=utf-8');
    return reply.send(text);
  };

  for (const r of ROUTES) app.route({ method: r.method, url: r.url, handler: forward(r.upstream) });
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/v1/*',
    handler: async (req, reply) =>
      fail(
        reply,
        httpError(
          404,
          'not_found_error',
          'not_found',
          `The proxy forwards only ${ROUTES.map((r) => `${r.method} ${r.url}`).join(' and ')}; not ${req.method} ${req.url.split('?')[0]}.`,
        ),
      ),
  });
  // Up and in which mode for anyone; the upstream (without credentials) only for a caller with the client key.
  app.get('/health', async (req) => {
    const given = bearerToken(req.headers.authorization);
    const authed = opts.clientKey !== undefined && given !== undefined && sameKey(given, opts.clientKey);
    return authed
      ? { status: 'ok', mode: 'proxy', upstream: publicUrl(opts.baseUrl) }
      : { status: 'ok', mode: 'proxy' };
  });
}
