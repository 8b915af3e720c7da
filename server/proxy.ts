/**
 * Proxy mode (issue §2): forwards `/v1/*` to a remote NIM or any OpenAI-compatible reward endpoint so a
 * browser blocked by the remote's CORS policy can reach it through this server. The caller's
 * Authorization header is passed through untouched (or a server-side key when the caller sends none)
 * and never logged: errors name the URL, never headers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RewardError } from '../src/core/errors';

export interface ProxyOptions {
  /** e.g. https://integrate.api.nvidia.com/v1 — `/v1/chat/completions` goes to `{baseUrl}/chat/completions`. */
  baseUrl: string;
  /** Used only when the caller sends no Authorization header. */
  apiKey?: string;
  timeoutMs?: number;
}

/** Response headers worth passing back; hop-by-hop and encoding headers are recomputed by Fastify. */
const PASS_BACK = ['content-type', 'retry-after', 'x-request-id'];

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

export function registerProxy(app: FastifyInstance, opts: ProxyOptions): void {
  const timeoutMs = opts.timeoutMs ?? 120_000;

  const forward = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const path = req.url.split('?')[0]!;
    // Dot segments would let a caller climb out of the configured base path on the upstream host.
    if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path)) {
      throw new RewardError(
        'input',
        `Path ${path} contains "." or ".." segments; the proxy does not forward it.`,
      );
    }
    const url = upstreamUrl(opts.baseUrl, req.url);
    const headers: Record<string, string> = { accept: 'application/json' };
    const auth = req.headers.authorization ?? (opts.apiKey ? `Bearer ${opts.apiKey}` : undefined);
    if (auth) headers.authorization = auth;
    let body: string | undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    let res: Response;
    try {
      res = await fetch(url, { method: req.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') {
        throw new RewardError('timeout', `Proxy: ${url} did not answer within ${timeoutMs} ms`, { url });
      }
      const cause = (err.cause as Error | undefined)?.message ?? err.message;
      throw new RewardError('network', `Proxy could not reach ${url}: ${cause}`, { url });
    }
    const text = await res.text();
    reply.code(res.status);
    for (const h of PASS_BACK) {
      const v = res.headers.get(h);
      if (v) reply.header(h, v);
    }
    return reply.send(text);
  };

  app.route({ method: ['GET', 'POST'], url: '/v1/*', handler: forward });
  app.get('/health', async () => ({ status: 'ok', mode: 'proxy', upstream: opts.baseUrl }));
}
