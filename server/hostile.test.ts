/**
 * A corpus of malformed and hostile requests: each must get the right 4xx with an OpenAI error object
 * and a message that says what is wrong, and the server must stay healthy and keep scoring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { loadEmbedded, startTestServer, type TestServer } from './test-support';

const MODEL = 'tiny-bert-reward';
const user = { role: 'user', content: 'What is the capital of France?' };
const assistant = { role: 'assistant', content: 'Paris.' };
const ok = { model: MODEL, messages: [user, assistant] };
const json = (v: unknown) => JSON.stringify(v);
const withMessages = (messages: unknown) => json({ model: MODEL, messages });
const nested = (depth: number, leaf = '"x"') => '['.repeat(depth) + leaf + ']'.repeat(depth);

interface Case {
  name: string;
  body?: string | Uint8Array;
  method?: string;
  path?: string;
  contentType?: string | null;
  status: number;
  /** What the message must say. */
  message: RegExp;
  /** The OpenAI error code, where it is specific. */
  code?: string;
}

const cases: Case[] = [
  // Not JSON at all, or not an object.
  {
    name: 'truncated JSON',
    body: '{"model": "x", "messages": [',
    status: 400,
    message: /not valid JSON/,
    code: 'invalid_json',
  },
  { name: 'trailing garbage', body: json(ok) + ' trailing', status: 400, message: /not valid JSON/ },
  { name: 'single quotes', body: "{'model': 'x'}", status: 400, message: /not valid JSON/ },
  { name: 'NaN literal', body: '{"model": NaN}', status: 400, message: /not valid JSON/ },
  { name: 'empty body', body: '', status: 400, message: /empty/ },
  { name: 'null body', body: 'null', status: 400, message: /JSON object/ },
  { name: 'array body', body: '[]', status: 400, message: /JSON object/ },
  { name: 'string body', body: '"hello"', status: 400, message: /JSON object/ },
  { name: 'number body', body: '42', status: 400, message: /JSON object/ },
  { name: 'empty object', body: '{}', status: 400, message: /^model: / },
  // model
  {
    name: 'model is a number',
    body: json({ ...ok, model: 7 }),
    status: 400,
    message: /model must be a string/,
  },
  {
    name: 'model is null',
    body: json({ ...ok, model: null }),
    status: 400,
    message: /model must be a string/,
  },
  {
    name: 'model is an array',
    body: json({ ...ok, model: [MODEL] }),
    status: 400,
    message: /model must be a string/,
  },
  {
    name: 'model is empty',
    body: json({ ...ok, model: '' }),
    status: 400,
    message: /model must not be empty/,
  },
  {
    name: 'model is huge',
    body: json({ ...ok, model: 'm'.repeat(600) }),
    status: 400,
    message: /longer than 512/,
  },
  {
    name: 'unknown model',
    code: 'model_not_found',
    body: json({ ...ok, model: 'gpt-4' }),
    status: 404,
    message: /Unknown model "gpt-4"/,
  },
  {
    name: 'model with unicode garbage',
    body: json({ ...ok, model: '\u202e\u0000\uffff\u{1f4a9}' }),
    status: 404,
    message: /Unknown model/,
  },
  // messages container
  { name: 'messages missing', body: json({ model: MODEL }), status: 400, message: /^messages: / },
  {
    name: 'messages is an object',
    body: withMessages({ 0: user, 1: assistant }),
    status: 400,
    message: /must be an array/,
  },
  { name: 'messages is a string', body: withMessages('hi'), status: 400, message: /must be an array/ },
  { name: 'messages is null', body: withMessages(null), status: 400, message: /must be an array/ },
  { name: 'messages empty', body: withMessages([]), status: 400, message: /must not be empty/ },
  // turn order
  {
    name: 'only a user turn',
    body: withMessages([user]),
    status: 400,
    message: /last message must be the assistant turn/,
  },
  {
    name: 'last message is user',
    body: withMessages([user, assistant, user]),
    status: 400,
    message: /got role "user"/,
  },
  {
    name: 'only an assistant turn',
    body: withMessages([assistant]),
    status: 400,
    message: /must follow a user turn/,
  },
  {
    name: 'two assistant turns',
    body: withMessages([user, assistant, assistant]),
    status: 400,
    message: /must follow a user turn/,
  },
  {
    name: 'only a system turn',
    body: withMessages([{ role: 'system', content: 's' }]),
    status: 400,
    message: /no assistant turn/,
  },
  {
    name: 'system after user',
    body: withMessages([user, { role: 'system', content: 's' }, assistant]),
    status: 400,
    message: /system messages must come before/,
  },
  // message shape
  {
    name: 'message is a string',
    body: withMessages(['hi', assistant]),
    status: 400,
    message: /messages\.0: each message must be an object/,
  },
  { name: 'message is null', body: withMessages([null, assistant]), status: 400, message: /messages\.0: / },
  {
    name: 'role tool',
    body: withMessages([user, { role: 'tool', content: 'x' }]),
    status: 400,
    message: /role must be/,
  },
  {
    name: 'role missing',
    body: withMessages([{ content: 'x' }, assistant]),
    status: 400,
    message: /messages\.0\.role: role must be/,
  },
  {
    name: 'role is a number',
    body: withMessages([{ role: 1, content: 'x' }, assistant]),
    status: 400,
    message: /role must be/,
  },
  {
    name: 'content missing',
    body: withMessages([{ role: 'user' }, assistant]),
    status: 400,
    message: /messages\.0\.content: content must be/,
  },
  {
    name: 'content null',
    body: withMessages([{ role: 'user', content: null }, assistant]),
    status: 400,
    message: /content must be/,
  },
  {
    name: 'content number',
    body: `{"model": "${MODEL}", "messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": 1e400}]}`,
    status: 400,
    message: /content must be/,
  },
  {
    name: 'content object',
    body: withMessages([user, { role: 'assistant', content: { text: 'x' } }]),
    status: 400,
    message: /content must be/,
  },
  {
    name: 'image content part',
    body: withMessages([
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://x/y.png' } }] },
      assistant,
    ]),
    status: 400,
    message: /type "text"/,
  },
  {
    name: 'text part without text',
    body: withMessages([{ role: 'user', content: [{ type: 'text' }] }, assistant]),
    status: 400,
    message: /string "text"/,
  },
  {
    name: 'text part with numeric text',
    body: withMessages([{ role: 'user', content: [{ type: 'text', text: 5 }] }, assistant]),
    status: 400,
    message: /string "text"/,
  },
  {
    name: 'empty content parts',
    body: withMessages([{ role: 'user', content: [] }, assistant]),
    status: 400,
    message: /must not be empty/,
  },
  // other fields
  {
    name: 'stream true',
    body: json({ ...ok, stream: true }),
    status: 400,
    message: /^stream: true is not supported by a reward model; omit it$/,
  },
  {
    name: 'stream not boolean',
    body: json({ ...ok, stream: 'yes' }),
    status: 400,
    message: /stream must be a boolean/,
  },
  // prototype pollution
  {
    name: '__proto__ at top level',
    code: 'forbidden_key',
    body: `{"__proto__": {"admin": true}, "model": "${MODEL}", "messages": []}`,
    status: 400,
    message: /forbidden key/,
  },
  {
    name: '__proto__ inside a message',
    body: `{"model": "${MODEL}", "messages": [{"role": "user", "content": "x", "__proto__": {"polluted": 1}}]}`,
    status: 400,
    message: /forbidden key/,
  },
  {
    name: 'constructor.prototype',
    body: `{"model": "${MODEL}", "constructor": {"prototype": {"polluted": 1}}, "messages": []}`,
    status: 400,
    message: /forbidden key/,
  },
  // deep nesting and huge inputs
  {
    name: 'deeply nested content (5k)',
    body: `{"model": "${MODEL}", "messages": [{"role": "user", "content": ${nested(5000)}}, ${json(assistant)}]}`,
    status: 400,
    message: /content/,
  },
  {
    name: 'deeply nested body (200k)',
    body: `{"model": "${MODEL}", "messages": ${nested(200_000)}}`,
    status: 400,
    message: /messages/,
  },
  {
    name: 'huge string',
    code: 'request_too_large',
    body: withMessages([user, { role: 'assistant', content: 'a'.repeat(2_000_000) }]),
    status: 413,
    message: /larger than the server accepts/,
  },
  {
    name: 'huge message list',
    body: withMessages(Array.from({ length: 40_000 }, () => user)),
    status: 413,
    message: /larger than/,
  },
  // encoding
  {
    name: 'invalid UTF-8 bytes',
    code: 'invalid_encoding',
    body: new Uint8Array([
      ...Buffer.from(`{"model": "${MODEL}", "messages": [{"role": "user", "content": "`),
      0xff,
      0xfe,
      0xc3,
      ...Buffer.from('"}]}'),
    ]),
    status: 400,
    message: /not valid UTF-8/,
  },
  {
    name: 'lone surrogate in content',
    body: `{"model": "${MODEL}", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "\\ud800 x"}]}`,
    status: 400,
    message: /ill-formed Unicode/,
  },
  // content types, routes, methods
  {
    name: 'text/plain body',
    body: json(ok),
    contentType: 'text/plain',
    status: 415,
    message: /application\/json/,
  },
  {
    name: 'form body',
    body: 'model=x',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    message: /application\/json/,
  },
  { name: 'no content type', body: json(ok), contentType: null, status: 415, message: /application\/json/ },
  { name: 'GET on completions', method: 'GET', status: 404, message: /No route GET \/v1\/chat\/completions/ },
  {
    name: 'unknown route',
    path: '/v1/embeddings',
    body: json(ok),
    status: 404,
    message: /No route POST \/v1\/embeddings/,
  },
  { name: 'DELETE models', method: 'DELETE', path: '/v1/models', status: 404, message: /No route DELETE/ },
  { name: 'path traversal', method: 'GET', path: '/../../etc/passwd', status: 404, message: /No route/ },
];

describe('hostile and malformed requests', () => {
  let backend: Model;
  let server: TestServer;

  beforeAll(async () => {
    backend = await loadEmbedded(MODEL);
    server = await startTestServer({ backend, modelId: MODEL });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)('$name → $status', async (c) => {
    const headers: Record<string, string> = {};
    if (c.contentType !== null && c.body !== undefined)
      headers['content-type'] = c.contentType ?? 'application/json';
    const res = await fetch(`${server.origin}${c.path ?? '/v1/chat/completions'}`, {
      method: c.method ?? 'POST',
      headers,
      body: typeof c.body === 'string' || c.body === undefined ? c.body : new Blob([Buffer.from(c.body)]),
    });
    const body = (await res.json()) as { error?: { message?: unknown; type?: unknown; code?: unknown } };
    expect({ status: res.status, body }).toMatchObject({ status: c.status });
    expect(typeof body.error?.message).toBe('string');
    expect(typeof body.error?.type).toBe('string');
    expect(typeof body.error?.code).toBe('string');
    expect(body.error!.message).toMatch(c.message);
    if (c.code) expect(body.error!.code).toBe(c.code);
    // Nothing leaked into the prototype chain.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const health = await fetch(`${server.origin}/health`);
    expect(health.status).toBe(200);
  });

  it('still scores a valid request afterwards', async () => {
    const res = await fetch(`${server.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json(ok),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]!.message.content).toMatch(/^reward:-?\d/);
  });
});
