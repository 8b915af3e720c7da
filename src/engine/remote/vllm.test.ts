import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../../../test/support/fault-server';
import type { RemoteModelSpec, ScoreInput } from '../../core/types';
import { createVllmBackend, looksLikeProbabilities } from './vllm';

let server: FaultServer;
let spec: RemoteModelSpec;

function classify(probs: number[], promptTokens = 11) {
  return {
    body: {
      id: 'classify-1',
      object: 'list',
      created: 1,
      model: 'Skywork/rm',
      data: [{ index: 0, label: 'LABEL_0', probs, num_classes: probs.length }],
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens, completion_tokens: 0 },
    },
  };
}

const input: ScoreInput = {
  conversation: { system: 'Be kind.', turns: [{ role: 'user', content: 'Hi' }] },
  response: 'Hello!',
};

beforeEach(async () => {
  server = await startFaultServer();
  server.script('GET /v1/models', {
    body: { object: 'list', data: [{ id: 'Skywork/rm', max_model_len: 16384 }] },
  });
  // Answers the probe a load sends to learn the outputs; tests script their own replies after it.
  server.script('POST /classify', classify([1.25]));
  spec = { kind: 'remote', engine: 'vllm', baseUrl: server.url, model: 'Skywork/rm' };
});
afterEach(() => server.close());

describe('vLLM backend', () => {
  it('posts the chat messages to /classify and reads raw rewards', async () => {
    server.script('POST /classify', classify([4.75], 23));
    const backend = await createVllmBackend(spec);
    const [r] = await backend.score([input]);
    expect(r).toMatchObject({
      score: 4.75,
      logits: [4.75],
      attributes: { reward: 4.75 },
      tokenCount: 23,
      backend: 'vllm',
    });
    expect(server.requests.at(-1)!.body).toEqual({
      model: 'Skywork/rm',
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ],
      use_activation: false,
    });
    expect(backend.info).toMatchObject({
      labels: ['reward'],
      defaultWeights: { reward: 1 },
      maxLength: 16384,
    });
    expect(backend.warnings).toEqual([]);
  });

  it('names multi-output heads LABEL_i and weighs the first by default', async () => {
    server.script('POST /classify', classify([1.5, -2, 7]));
    const backend = await createVllmBackend(spec);
    const [r] = await backend.score([input]);
    expect(backend.info.labels).toEqual(['LABEL_0', 'LABEL_1', 'LABEL_2']);
    expect(r!.score).toBe(1.5);
    expect((await backend.score([input], { weights: { LABEL_1: 1, LABEL_2: 1 } }))[0]!.score).toBe(5);
  });

  it('warns when every value of a call looks like a probability', async () => {
    const backend = await createVllmBackend(spec, {}, { concurrency: 1 });
    expect(backend.warnings).toEqual([]); // the load's probe (1.25) says nothing either way
    server.script('POST /classify', classify([0.73]), classify([0.2]), classify([0.9]), classify([3.1]));
    await backend.score([input, input, input]);
    expect(backend.warnings).toHaveLength(1);
    expect(backend.warnings[0]).toMatch(/look like probabilities \(all between 0 and 1\).*activation/);
    expect(backend.warnings[0]).toContain(server.url);
    await backend.score([input, input]);
    expect(backend.warnings).toHaveLength(1); // not repeated
  });

  it('does not warn when some values are clearly raw rewards', async () => {
    const backend = await createVllmBackend(spec, {}, { concurrency: 1 });
    server.script('POST /classify', classify([0.5]), classify([-1.2]));
    await backend.score([input, input]);
    expect(backend.warnings).toEqual([]);
  });

  it('warns about softmax outputs across classes', async () => {
    server.script('POST /classify', classify([0.25, 0.75]));
    const backend = await createVllmBackend(spec);
    await backend.score([input]);
    expect(backend.warnings[0]).toMatch(/summing to 1/);
  });

  it('refuses a model id the server does not serve, and proceeds when /v1/models is 404', async () => {
    await expect(createVllmBackend({ ...spec, model: 'nope' })).rejects.toMatchObject({
      code: 'model',
      message: expect.stringMatching(/"nope" is not served at .*\/v1\/models \(it serves: Skywork\/rm\)/),
    });
    server.script('GET /v1/models', { status: 404, body: '' });
    const messages: string[] = [];
    await createVllmBackend(spec, { onProgress: (p) => p.kind === 'status' && messages.push(p.message) });
    expect(messages.join()).toMatch(/not available \(HTTP 404\); skipping the model-id check/);
  });
});

describe('looksLikeProbabilities', () => {
  it('tells activations from raw rewards', () => {
    expect(looksLikeProbabilities([0.4])).toBe(true);
    expect(looksLikeProbabilities([1])).toBe(false);
    expect(looksLikeProbabilities([-0.4])).toBe(false);
    expect(looksLikeProbabilities([0.1, 0.2, 0.7])).toBe(true);
    expect(looksLikeProbabilities([0.1, 0.2])).toBe(false);
    expect(looksLikeProbabilities([1.5, -0.5])).toBe(false);
  });
});
