import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFaultServer, type FaultServer } from '../../../test/support/fault-server';
import { RewardError } from '../../core/errors';
import { HttpClient, displayUrl, type HttpTuning } from './http';

let server: FaultServer;
let delays: number[];
let tuning: HttpTuning;

beforeEach(async () => {
  server = await startFaultServer();
  delays = [];
  tuning = {
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0,
  };
});
afterEach(() => server.close());

async function rejection(promise: Promise<unknown>): Promise<RewardError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(RewardError);
    return e as RewardError;
  }
  throw new Error('expected a rejection');
}

describe('HttpClient', () => {
  it('joins base URL and path whatever the slashes', () => {
    const http = new HttpClient({ baseUrl: 'http://127.0.0.1:1/v1//' });
    expect(http.url('/models')).toBe('http://127.0.0.1:1/v1/models');
    expect(http.url('chat/completions')).toBe('http://127.0.0.1:1/v1/chat/completions');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => new HttpClient({ baseUrl: 'localhost:8000' })).toThrow(/not an http\(s\) URL/);
    expect(() => new HttpClient({ baseUrl: 'ftp://x' })).toThrow(RewardError);
  });

  it('posts JSON and returns the parsed body; no Authorization header without a key', async () => {
    server.script('POST /echo', (req) => ({ body: { got: req.body } }));
    const http = new HttpClient({ baseUrl: server.url, tuning });
    expect(await http.postJson('echo', { a: 1 })).toEqual({ got: { a: 1 } });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped at maxDelayMs', async () => {
    server.script('GET /x', { status: 503, body: '' });
    const http = new HttpClient({
      baseUrl: server.url,
      retries: 5,
      tuning: { ...tuning, baseDelayMs: 100, maxDelayMs: 1000 },
    });
    const error = await rejection(http.getJson('x'));
    expect(error.code).toBe('rate_limited');
    expect(error.details.attempts).toBe(6);
    // random() = 0 → half of 100·2^n, the last ones capped at 1000 before jitter
    expect(delays).toEqual([50, 100, 200, 400, 500]);
  });

  it('honours Retry-After as seconds or an HTTP date, within the cap', async () => {
    const date = new Date(Date.now() + 3000).toUTCString();
    server.script(
      'GET /x',
      { status: 429, headers: { 'Retry-After': '1.5' }, body: '' },
      { status: 429, headers: { 'Retry-After': date }, body: '' },
      { status: 429, headers: { 'Retry-After': '3600' }, body: '' },
      { status: 429, headers: { 'Retry-After': 'soon' }, body: '' },
      { body: { ok: true } },
    );
    const http = new HttpClient({
      baseUrl: server.url,
      retries: 4,
      tuning: { ...tuning, maxDelayMs: 10_000 },
    });
    expect(await http.getJson('x')).toEqual({ ok: true });
    expect(delays[0]).toBe(1500);
    expect(delays[1]).toBeGreaterThan(1000);
    expect(delays[1]).toBeLessThanOrEqual(3000);
    expect(delays[2]).toBe(10_000);
    expect(delays[3]).toBe(2000); // unparseable: backoff for retry 3 (500·2³·0.5)
  });

  it('does not retry other statuses, and retries 0 times when told', async () => {
    server.script('GET /x', { status: 429, body: '' });
    const http = new HttpClient({ baseUrl: server.url, retries: 0, tuning });
    expect((await rejection(http.getJson('x'))).message).not.toContain('retr');
    expect(server.requests).toHaveLength(1);
  });

  it('waits for real with the default sleep, and a caller abort cuts the wait short', async () => {
    server.script('GET /x', { status: 429, headers: { 'Retry-After': '5' }, body: '' });
    const http = new HttpClient({ baseUrl: server.url, retries: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await rejection(http.getJson('x', controller.signal));
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('hides credentials and the API key from messages', async () => {
    const key = 'nvapi-abcdef0123456789';
    server.script('GET /x', { status: 400, body: { error: { message: `bad request with ${key}` } } });
    const base = server.url.replace('http://', 'http://user:pw@');
    // fetch refuses URLs with credentials, so exercise the display helper and the redaction separately.
    expect(displayUrl(`${base}/x`)).toBe(`${server.url}/x`);
    const http = new HttpClient({ baseUrl: server.url, apiKey: key, tuning });
    const error = await rejection(http.getJson('x'));
    expect(error.code).toBe('input');
    expect(error.message).toContain('the server rejected this input');
    expect(error.message).toContain('<api key>');
    expect(error.message).not.toContain(key);
    expect(JSON.stringify(error.details)).not.toContain(key);
  });

  it('maps the remaining statuses: 422 is input, 405 and 502 are http', async () => {
    server.script(
      'GET /x',
      { status: 422, body: { error: 'Input validation error: inputs must have less than 512 tokens' } },
      { status: 405, body: '' },
      { status: 502, body: '<html>bad gateway</html>' },
    );
    const http = new HttpClient({ baseUrl: server.url, tuning });
    const e422 = await rejection(http.getJson('x'));
    expect(e422).toMatchObject({ code: 'input', details: { status: 422 } });
    expect(e422.message).toContain(
      'Server said: Input validation error: inputs must have less than 512 tokens',
    );
    expect(await rejection(http.getJson('x'))).toMatchObject({ code: 'http', details: { status: 405 } });
    const e502 = await rejection(http.getJson('x'));
    expect(e502).toMatchObject({ code: 'http', details: { status: 502 } });
    expect(e502.message).toContain(
      'HTTP 502 (Bad Gateway): the server failed — see its log. Server said: <html>bad gateway</html>',
    );
  });

  it('says when 401 came without any key', async () => {
    server.script('GET /x', { status: 401, body: '' });
    const http = new HttpClient({ baseUrl: server.url, tuning });
    expect((await rejection(http.getJson('x'))).message).toContain('no API key was given');
  });

  it('uses an injected fetch and classifies its failures', async () => {
    const http = new HttpClient({
      baseUrl: 'http://127.0.0.1:9',
      tuning: {
        ...tuning,
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      },
    });
    const error = await rejection(http.getJson('x'));
    expect(error.code).toBe('network');
    expect(error.message).toContain('http://127.0.0.1:9/x');
    expect(error.message).toContain('CORS');
  });

  it('in a browser, names the exact --cors flag for the page origin', async () => {
    vi.stubGlobal('location', { origin: 'http://127.0.0.1:5301' });
    try {
      const http = new HttpClient({
        baseUrl: 'http://127.0.0.1:8000/v1',
        tuning: { ...tuning, fetch: () => Promise.reject(new TypeError('Failed to fetch')) },
      });
      const error = await rejection(http.getJson('models'));
      expect(error.message).toContain(
        "if http://127.0.0.1:8000 is this project's server (npm run serve), restart it with --cors http://127.0.0.1:5301;",
      );
      expect(error.message).not.toContain('use the Node server as a proxy');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('credentials in the base URL', () => {
  it('are refused without echoing the password', () => {
    let message = '';
    try {
      new HttpClient({ baseUrl: 'https://alice:hunter2@nim.example.com/v1' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('user name or password');
    expect(message).not.toContain('hunter2');
  });
});
