import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer, type RecordedRequest } from '../../../test/support/fault-server';
import { flattenPromptSide } from '../../core/flatten';
import type { RemoteModelSpec, ScoreInput } from '../../core/types';
import type { LoadProgress } from '../contract';
import { createTeiBackend } from './tei';

let server: FaultServer;
let spec: RemoteModelSpec;

// As TEI's /info serves it: one label makes a "reranker", several a "classifier".
const info = (id2label: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  model_id: 'OpenAssistant/reward-model-deberta-v3-large-v2',
  model_type: { [Object.keys(id2label).length > 1 ? 'classifier' : 'reranker']: { id2label, label2id: {} } },
  max_input_length: 512,
  max_client_batch_size: 128,
  ...extra,
});

/** A fake single-label model: score = response length. */
function lengthScores(req: RecordedRequest) {
  const { inputs } = req.body as { inputs: [string, string][] };
  return { body: inputs.map(([, response]) => [{ label: 'LABEL_0', score: response.length }]) };
}

function input(response: string, turns = 1): ScoreInput {
  const all = [
    { role: 'user' as const, content: 'Hi' },
    { role: 'assistant' as const, content: 'Hello' },
    { role: 'user' as const, content: 'Why?' },
  ];
  return { conversation: { turns: all.slice(3 - turns) }, response };
}

beforeEach(async () => {
  server = await startFaultServer();
  server.script('GET /info', { body: info({ '0': 'LABEL_0' }) });
  spec = { kind: 'remote', engine: 'tei', baseUrl: server.url, model: '' };
});
afterEach(() => server.close());

describe('TEI backend', () => {
  it('sends flattened (prompt, response) pairs with raw scores, batched by 32', async () => {
    server.script('POST /predict', lengthScores);
    const backend = await createTeiBackend(spec);
    const inputs = Array.from({ length: 70 }, (_, i) => input('x'.repeat(i), i % 2 ? 3 : 1));
    const progress: number[] = [];
    const results = await backend.score(inputs, { onProgress: (d) => progress.push(d) });
    expect(results.map((r) => r.score)).toEqual(inputs.map((_, i) => i));
    expect(progress).toEqual([32, 64, 70]);
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => (r.body as { inputs: unknown[] }).inputs.length)).toEqual([32, 32, 6]);
    expect(posts[0]!.body).toMatchObject({ raw_scores: true, truncate: true });
    const pairs = (posts[0]!.body as { inputs: [string, string][] }).inputs;
    expect(pairs[0]).toEqual(['Why?', '']);
    expect(pairs[1]).toEqual([flattenPromptSide(inputs[1]!.conversation), 'x']);
    expect(pairs[1]![0]).toBe('User: Hi\nAssistant: Hello\nUser: Why?');
    expect(backend.info).toMatchObject({
      id: 'OpenAssistant/reward-model-deberta-v3-large-v2',
      labels: ['reward'],
      defaultWeights: { reward: 1 },
      maxLength: 512,
      backend: 'tei',
    });
    expect(results[5]).toMatchObject({
      attributes: { reward: 5 },
      logits: [5],
      truncated: false,
      dtype: 'remote',
    });
    expect(backend.warnings.join()).toMatch(/truncates over-long inputs \(over 512 tokens\)/);
  });

  it('honours a smaller max_client_batch_size and passes truncate: false through', async () => {
    server.script('GET /info', { body: info({ '0': 'LABEL_0' }, { max_client_batch_size: 4 }) });
    server.script('POST /predict', lengthScores);
    const backend = await createTeiBackend(spec);
    await backend.score(
      Array.from({ length: 9 }, () => input('ab')),
      { truncate: false },
    );
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => (r.body as { inputs: unknown[] }).inputs.length)).toEqual([4, 4, 1]);
    expect(posts.every((r) => (r.body as { truncate: boolean }).truncate === false)).toBe(true);
  });

  it('accepts the un-nested reply TEI gives for a single input', async () => {
    server.script(
      'POST /predict',
      { body: [{ label: 'LABEL_0', score: -1.5 }] },
      { body: { label: 'LABEL_0', score: 2 } },
    );
    const backend = await createTeiBackend(spec);
    expect((await backend.score([input('a')]))[0]!.score).toBe(-1.5);
    expect((await backend.score([input('a')]))[0]!.score).toBe(2);
  });

  it('keeps id2label order for multi-label heads, whatever order TEI sorts predictions in', async () => {
    server.script('GET /info', { body: info({ '1': 'correctness', '0': 'helpfulness', '2': 'verbosity' }) });
    server.script('POST /predict', {
      body: [
        [
          { label: 'verbosity', score: 3 },
          { label: 'helpfulness', score: 2 },
          { label: 'correctness', score: 1 },
        ],
      ],
    });
    const backend = await createTeiBackend(spec);
    const [r] = await backend.score([input('a')], { weights: { helpfulness: 1, verbosity: -0.5 } });
    expect(backend.info.labels).toEqual(['helpfulness', 'correctness', 'verbosity']);
    expect(backend.info.defaultWeights).toEqual({ helpfulness: 1 });
    expect(r!.logits).toEqual([2, 1, 3]);
    expect(r!.score).toBe(0.5);
  });

  it('proceeds without /info (404), learning the outputs from a probe request at load', async () => {
    server.script('GET /info', { status: 404, body: '' });
    server.script('POST /predict', lengthScores);
    const events: LoadProgress[] = [];
    const backend = await createTeiBackend(
      { ...spec, model: 'my-rm' },
      { onProgress: (p) => events.push(p) },
    );
    expect(JSON.stringify(events)).toContain('the outputs will come from a probe request');
    expect(backend.info).toMatchObject({ id: 'my-rm', labels: ['reward'] });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('refuses a TEI server that serves an embedding model', async () => {
    server.script('GET /info', { body: { model_id: 'bge', model_type: { embedding: { pooling: 'cls' } } } });
    await expect(createTeiBackend(spec)).rejects.toMatchObject({
      code: 'model',
      message: expect.stringMatching(/does not serve a classifier or reranker \(model_type: embedding\)/),
    });
  });

  it('refuses duplicated labels in a reply', async () => {
    server.script('GET /info', { status: 404, body: '' });
    server.script('POST /predict', {
      body: [
        [
          { label: 'a', score: 1 },
          { label: 'a', score: 2 },
        ],
      ],
    });
    await expect(createTeiBackend(spec)).rejects.toMatchObject({
      code: 'reply',
      message: expect.stringMatching(/a label appears twice/),
    });
  });
});
