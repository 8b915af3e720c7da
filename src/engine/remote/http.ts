/**
 * The fetch wrapper every remote client (NIM, TEI, vLLM) goes through: per-attempt timeout combined with
 * the caller's signal, retries with backoff on 429/503, and RewardErrors that always name the URL, the
 * HTTP status and what the user can do. Uses the global fetch, so it runs in browsers and Node ≥ 20.
 * The API key only ever goes into the Authorization header: it is never put into a message.
 */
import { RewardError, type RewardErrorCode } from '../../core/errors';
import { excerpt } from '../../core/nim';

/** Knobs that tests replace to run fast; production uses the defaults. */
export interface HttpTuning {
  /** Waits between retries; must reject (or resolve early) when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** First backoff delay; doubles per retry (default 500 ms). */
  baseDelayMs?: number;
  /** Upper bound for any single wait, Retry-After included (default 30 s). */
  maxDelayMs?: number;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  fetch?: typeof fetch;
}

export interface HttpClientConfig {
  baseUrl: string;
  apiKey?: string;
  /** Per attempt (default 60 s). */
  timeoutMs?: number;
  /** Extra attempts after a 429/503 (default 3). */
  retries?: number;
  tuning?: HttpTuning;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRIES = 3;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** AbortSignal.any where available (all current browsers, Node ≥ 20.3), else a hand-made equivalent. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

/** The URL as shown to users: no user:password part. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

/** Error codes found anywhere in a fetch failure's cause chain (undici nests them, sometimes in an AggregateError). */
function causeCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return [];
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const codes = typeof e.code === 'string' ? [e.code] : [];
  codes.push(...causeCodes(e.cause, depth + 1));
  if (Array.isArray(e.errors)) for (const inner of e.errors) codes.push(...causeCodes(inner, depth + 1));
  return codes;
}

/** The server's own explanation from the usual error bodies (OpenAI, TEI, vLLM/FastAPI), or an excerpt. */
function serverMessage(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return excerpt(text);
  }
  if (typeof parsed === 'object' && parsed !== null) {
    const p = parsed as { error?: unknown; message?: unknown; detail?: unknown };
    const err = p.error as { message?: unknown } | string | undefined;
    if (typeof err === 'string') return excerpt(err);
    if (err && typeof err.message === 'string') return excerpt(err.message);
    if (typeof p.message === 'string') return excerpt(p.message);
    if (p.detail !== undefined) return excerpt(p.detail);
  }
  return excerpt(text);
}

export class HttpClient {
  readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  private readonly tuning: Required<HttpTuning>;

  constructor(config: HttpClientConfig) {
    this.baseUrl = config.baseUrl.trim().replace(/\/+$/, '');
    try {
      const protocol = new URL(this.baseUrl).protocol;
      if (protocol !== 'http:' && protocol !== 'https:') throw new Error(protocol);
    } catch {
      throw new RewardError(
        'model',
        `"${excerpt(displayUrl(config.baseUrl), 80)}" is not an http(s) URL — give the engine's base URL, e.g. http://127.0.0.1:8000/v1.`,
        { field: 'baseUrl' },
      );
    }
    const parsed = new URL(this.baseUrl);
    if (parsed.username || parsed.password) {
      // fetch refuses such URLs, and its error would echo the password.
      throw new RewardError(
        'model',
        `The base URL ${displayUrl(this.baseUrl)} carries a user name or password; remove them and put the key in the API key field.`,
        { field: 'baseUrl' },
      );
    }
    this.apiKey = config.apiKey || undefined;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = Math.max(0, config.retries ?? DEFAULT_RETRIES);
    this.tuning = {
      sleep: config.tuning?.sleep ?? defaultSleep,
      baseDelayMs: config.tuning?.baseDelayMs ?? 500,
      maxDelayMs: config.tuning?.maxDelayMs ?? 30_000,
      random: config.tuning?.random ?? Math.random,
      // Bound late so tests (and polyfills) that replace globalThis.fetch are seen.
      fetch: config.tuning?.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    };
  }

  url(path: string): string {
    return `${this.baseUrl}/${path.replace(/^\/+/, '')}`;
  }

  getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    return this.request('GET', path, undefined, signal);
  }

  postJson(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return this.request('POST', path, body, signal);
  }

  /** A 'reply' error for a body that parsed as JSON but has the wrong shape. */
  replyError(path: string, problem: string, body: unknown): RewardError {
    const url = displayUrl(this.url(path));
    return new RewardError(
      'reply',
      `${url} answered with an unexpected reply: ${problem} (got: ${this.redact(excerpt(body))})`,
      {
        url,
      },
    );
  }

  private redact(text: string): string {
    return this.apiKey ? text.split(this.apiKey).join('<api key>') : text;
  }

  /** Wait before retry `attempt` (0-based): Retry-After when the server sent one, else exponential backoff with jitter. */
  private delayMs(attempt: number, retryAfter: string | null): number {
    const { baseDelayMs, maxDelayMs, random } = this.tuning;
    if (retryAfter) {
      const seconds = Number(retryAfter.trim());
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), maxDelayMs);
    }
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return Math.round(exp * (0.5 + 0.5 * random()));
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const url = this.url(path);
    const shown = displayUrl(url);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw this.cancelled(shown, method);
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const combined = signal ? anySignal([signal, timeout]) : timeout;
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        const response = await this.tuning.fetch(url, { method, headers, body: payload, signal: combined });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        text = await response.text();
      } catch (error) {
        throw this.fetchFailure(error, shown, method, signal, timeout);
      }

      if (status >= 200 && status < 300) {
        try {
          return JSON.parse(text) as unknown;
        } catch (error) {
          throw new RewardError(
            'reply',
            `${shown} answered HTTP ${status} but the body is not JSON — is this the right endpoint? (got: ${this.redact(excerpt(text)) || '<empty>'})`,
            { url: shown, status },
            { cause: error },
          );
        }
      }
      if ((status === 429 || status === 503) && attempt < this.retries) {
        try {
          await this.tuning.sleep(this.delayMs(attempt, retryAfter), signal);
        } catch {
          throw this.cancelled(shown, method);
        }
        if (signal?.aborted) throw this.cancelled(shown, method);
        continue;
      }
      throw this.statusError(status, text, shown, method, attempt);
    }
  }

  private cancelled(url: string, method: string): RewardError {
    return new RewardError('cancelled', `${method} ${url} was cancelled.`, { url });
  }

  private fetchFailure(
    error: unknown,
    url: string,
    method: string,
    signal: AbortSignal | undefined,
    timeout: AbortSignal,
  ): RewardError {
    if (signal?.aborted) return this.cancelled(url, method);
    if (timeout.aborted) {
      return new RewardError(
        'timeout',
        `${method} ${url} got no answer within ${this.timeoutMs} ms — the server may be overloaded or the input too long; raise the timeout or retry.`,
        { url, timeoutMs: this.timeoutMs },
        { cause: error },
      );
    }
    const codes = causeCodes(error);
    const origin = (() => {
      try {
        return new URL(url).origin;
      } catch {
        return url;
      }
    })();
    let reason: string;
    if (codes.includes('ECONNREFUSED')) {
      reason = `connection refused — is the server running at ${origin}?`;
    } else if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
      reason = `host ${new URL(url).hostname} not found (DNS) — check the base URL.`;
    } else if (codes.includes('ECONNRESET') || codes.includes('UND_ERR_SOCKET')) {
      reason = `the connection was closed before an answer came — is the server at ${origin} healthy?`;
    } else {
      const what = codes[0] ?? (error instanceof Error ? error.message : String(error));
      reason = `${what} — is the server running at ${origin}? ${corsAdvice(origin)}`;
    }
    return new RewardError('network', `${method} ${url} failed: ${reason}`, { url, codes }, { cause: error });
  }

  private statusError(
    status: number,
    text: string,
    url: string,
    method: string,
    attempt: number,
  ): RewardError {
    const label = `HTTP ${status}${STATUS_TEXT[status] ? ` (${STATUS_TEXT[status]})` : ''}`;
    const said = this.redact(serverMessage(text));
    const server = said ? ` Server said: ${said}` : '';
    const retried = attempt > 0 ? ` after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}` : '';
    let code: RewardErrorCode = 'http';
    let advice: string;
    if (status === 401 || status === 403) {
      code = 'auth';
      advice = this.apiKey ? 'check the API key.' : 'no API key was given — set one.';
    } else if (status === 404) {
      advice = 'check the base URL / model id.';
    } else if (status === 413) {
      code = 'input';
      advice = 'the request is too large — send fewer or shorter inputs.';
    } else if (status === 400 || status === 422) {
      // What NIM, TEI, vLLM and our server answer for an input they cannot score (too long, no user turn…).
      code = 'input';
      advice = 'the server rejected this input.';
    } else if (status === 429) {
      code = 'rate_limited';
      advice = 'the server is rate-limiting — wait and try again, or send fewer requests at once.';
    } else if (status === 503) {
      code = 'rate_limited';
      advice = 'the server is busy or still loading the model — try again later.';
    } else if (status >= 500) {
      advice = 'the server failed — see its log.';
    } else {
      advice = 'the server refused the request.';
    }
    return new RewardError(code, `${method} ${url} answered ${label}${retried}: ${advice}${server}`, {
      url,
      status,
      attempts: attempt + 1,
    });
  }
}

/**
 * What to do about a possible CORS block, for the page's own origin when this runs in a browser (a page or its
 * worker): browsers hide the reason for a blocked request, so the advice names the exact `--cors` flag.
 */
function corsAdvice(serverOrigin: string): string {
  const page = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!page || !/^https?:\/\//.test(page))
    return '(In a browser this can also be a CORS block: use the Node server as a proxy.)';
  return (
    `(From this page it can also be a CORS block: if ${serverOrigin} is this project's server (npm run serve), ` +
    `restart it with --cors ${page}; another server must allow the origin ${page}, or put the Node server in ` +
    'front of it as a proxy.)'
  );
}
