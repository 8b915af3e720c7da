/**
 * The four APIs refuse the same inputs the same way (issue 28, item 10): lone surrogates, empty responses and
 * empty user turns, and two names for one vLLM /score input. Against the real embedded model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { loadEmbedded, startTestServer, type TestServer } from './test-support';

const MODEL = 'tiny-bert-reward';

async function post(origin: string, path: string, body: unknown) {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** The message of an error body in any of the four dialects. */
function messageOf(body: unknown): string {
  const b = body as { error?: string | { message: string }; detail?: string };
  return typeof b.error === 'string' ? b.error : (b.error?.message ?? b.detail ?? '');
}

const chat = (user: string, assistant: string) => ({
  model: MODEL,
  messages: [
    { role: 'user', content: user },
    { role: 'assistant', content: assistant },
  ],
});

describe('one rule for all four APIs', () => {
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

  it.each([
    [
      'NIM',
      '/v1/chat/completions',
      `{"model":"${MODEL}","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"a\\ud800"}]}`,
      400,
      'messages.1.content',
    ],
    ['TEI', '/predict', '{"inputs": [["hi", "a\\udc00b"]]}', 422, 'inputs.0.1'],
    ['vLLM /classify', '/classify', '{"input": ["User: hi\\nAssistant: \\ud83d"]}', 400, 'input.0'],
    ['vLLM /score', '/score', '{"text_1": "hi", "text_2": ["\\ud800"]}', 400, 'text_2.0'],
    ['OpenRLHF', '/get_reward', '{"query": ["User: hi\\nAssistant: \\udfff"]}', 400, 'query.0'],
  ])('%s refuses a lone surrogate, naming where it is', async (_api, path, body, status, where) => {
    const r = await post(server.origin, path, body);
    expect(r.status).toBe(status);
    expect(messageOf(r.body)).toBe(`${where} contains ill-formed Unicode (a lone surrogate)`);
  });

  it('a well-formed surrogate pair (an emoji) is text like any other', async () => {
    const r = await post(server.origin, '/predict', '{"inputs": ["hi", "\\ud83d\\ude00"]}');
    expect(r.status).toBe(200);
  });

  it.each([
    ['NIM', '/v1/chat/completions', chat('hi', ' '), 400, 'messages: the response to score is empty'],
    ['TEI pair', '/predict', { inputs: ['', ''] }, 422, 'inputs: the response to score is empty'],
    [
      'TEI text',
      '/predict',
      { inputs: 'User: hi\nAssistant: ' },
      422,
      'inputs: the response to score is empty',
    ],
    ['vLLM /score', '/score', { text_1: '', text_2: '' }, 400, 'text_2: the response to score is empty'],
    ['vLLM /classify', '/classify', { input: '' }, 400, 'input: the text is empty'],
    [
      'vLLM messages',
      '/classify',
      { messages: chat('hi', '').messages },
      400,
      'messages: the response to score is empty',
    ],
    [
      'NIM empty user',
      '/v1/chat/completions',
      chat('', 'a'),
      400,
      'messages: the user turn before the response is empty',
    ],
    [
      'TEI empty user',
      '/predict',
      { inputs: ['', 'a'] },
      422,
      'inputs: the user turn before the response is empty',
    ],
    [
      'vLLM empty user',
      '/score',
      { text_1: ' ', text_2: 'a' },
      400,
      'text_2: the user turn before the response is empty',
    ],
  ])('%s refuses empty text with the same message', async (_api, path, body, status, message) => {
    const r = await post(server.origin, path, body);
    expect({ status: r.status, message: messageOf(r.body) }).toEqual({ status, message });
  });

  it('OpenRLHF (always a list) answers the same message for that query alone', async () => {
    const r = await post(server.origin, '/get_reward', { query: ['', 'User: hi\nAssistant: a'] });
    expect(r).toMatchObject({
      status: 200,
      body: { rewards: [null, expect.any(Number)], errors: ['query.0: the text is empty', null] },
    });
  });

  it.each([
    [
      { text_1: 'q', queries: 'q', text_2: 'a' },
      'queries: text_1 and queries name the same input: send one of text_1, queries, data_1',
    ],
    [
      { text_1: 'q', text_2: 'a', documents: ['b'] },
      'documents: text_2 and documents name the same input: send one of text_2, documents, items, data_2',
    ],
  ])('vLLM /score refuses two names for one input rather than using one', async (body, message) => {
    const r = await post(server.origin, '/score', body);
    expect({ status: r.status, message: messageOf(r.body) }).toEqual({ status: 400, message });
  });
});
