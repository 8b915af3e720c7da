/**
 * The TEI, vLLM and OpenRLHF routes against the real embedded models: each engine's documented request,
 * sent unchanged, gets that engine's reply shape with our model's numbers, and its error shapes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_MODELS_DIR as EMBEDDED_DIR, loadModel as loadModel } from '../src/engine/node';
import type { ScoreInput } from '../src/core/types';
import type { Model } from '../src/engine/contract';
import { loadEmbedded, startTestServer, type TestServer } from './test-support';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const question = 'What is the boiling point of water at sea level?';
const good = 'Water boils at 100 °C (212 °F) at sea level.';
const bad = 'No idea, sorry.';
const input = (response: string, q = question): ScoreInput => ({
  conversation: { turns: [{ role: 'user', content: q }] },
  response,
});
const chatml = (q: string, a: string) =>
  `<|im_start|>user\n${q}<|im_end|>\n<|im_start|>assistant\n${a}<|im_end|>`;

async function post(origin: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
}

describe('single-output model (tiny-bert-reward)', () => {
  const MODEL = 'tiny-bert-reward';
  let backend: Model;
  let server: TestServer;
  let direct: number[];

  beforeAll(async () => {
    backend = await loadEmbedded(MODEL);
    server = await startTestServer({ backend, modelId: MODEL });
    direct = (await backend.score([input(good), input(bad)])).map((r) => r.score);
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  describe('TEI', () => {
    it('GET /info reports a reranker with the label, limit and batch sizes', async () => {
      const info = (await (await fetch(`${server.origin}/info`)).json()) as Record<string, unknown>;
      expect(info).toMatchObject({
        model_id: MODEL,
        model_type: { reranker: { id2label: { 0: 'reward' }, label2id: { reward: 0 } } },
        max_input_length: backend.info.maxLength,
        max_client_batch_size: 32,
        auto_truncate: true,
      });
    });

    it('a pair with raw_scores gets the engine’s score; without, its sigmoid', async () => {
      const raw = await post(server.origin, '/predict', { inputs: [question, good], raw_scores: true });
      expect(raw).toMatchObject({ status: 200, body: [{ label: 'reward', score: direct[0] }] });
      const activated = await post(server.origin, '/predict', { inputs: [question, good] });
      expect(activated.body).toEqual([{ label: 'reward', score: sigmoid(direct[0]!) }]);
    });

    it('a batch of pairs and full texts answers one list per input, in order', async () => {
      const r = await post(server.origin, '/predict', {
        inputs: [[question, good], [chatml(question, bad)], [`User: ${question}\nAssistant: ${good}`]],
        raw_scores: true,
      });
      expect(r.status).toBe(200);
      expect(r.body).toEqual([
        [{ label: 'reward', score: direct[0] }],
        [{ label: 'reward', score: direct[1] }],
        [{ label: 'reward', score: direct[0] }],
      ]);
    });

    it('a single full text (a string, or a one-string list) is split by its chat layout', async () => {
      for (const inputs of [chatml(question, bad), [chatml(question, bad)]]) {
        const r = await post(server.origin, '/predict', { inputs, raw_scores: true });
        expect(r.body).toEqual([{ label: 'reward', score: direct[1] }]);
      }
    });

    it('truncate: false answers 413 Validation for an over-long input; true (or the default) cuts it', async () => {
      const long = `${'many words here '.repeat(200)}`;
      const off = await post(server.origin, '/predict', { inputs: [question, long], truncate: false });
      expect(off.status).toBe(413);
      expect(off.body).toMatchObject({ error_type: 'Validation', error: expect.stringMatching(/tokens/) });
      for (const truncate of [true, undefined]) {
        const on = await post(server.origin, '/predict', { inputs: [question, long], truncate });
        expect(on.status).toBe(200);
      }
    });

    it('errors in TEI’s shape: 422 Validation for bad input, 413 for a batch over 32', async () => {
      const bad1 = await post(server.origin, '/predict', { inputs: 5 });
      expect(bad1).toMatchObject({
        status: 422,
        body: { error_type: 'Validation', error: expect.stringMatching(/^inputs: /) },
      });
      const bad2 = await post(server.origin, '/predict', { inputs: ['no layout in this text'] });
      expect(bad2).toMatchObject({
        status: 422,
        body: { error_type: 'Validation', error: expect.stringMatching(/no chat layout/) },
      });
      const many = await post(server.origin, '/predict', {
        inputs: Array.from({ length: 33 }, () => [question, good]),
      });
      expect(many).toMatchObject({
        status: 413,
        body: {
          error_type: 'Validation',
          error: expect.stringMatching(/batch size 33 > maximum allowed batch size 32/),
        },
      });
      const json = await post(server.origin, '/predict', '{"inputs": ');
      expect(json).toMatchObject({ status: 422, body: { error_type: 'Validation' } });
    });
  });

  describe('vLLM', () => {
    it('GET /v1/models carries max_model_len', async () => {
      const list = (await (await fetch(`${server.origin}/v1/models`)).json()) as { data: unknown[] };
      expect(list.data).toEqual([
        expect.objectContaining({ id: MODEL, root: MODEL, max_model_len: backend.info.maxLength }),
      ]);
    });

    it('/classify with messages: raw values with use_activation false (or activation / softmax false), sigmoid by default', async () => {
      const messages = [
        { role: 'user', content: question },
        { role: 'assistant', content: good },
      ];
      for (const off of [{ use_activation: false }, { activation: false }, { softmax: false }]) {
        const r = await post(server.origin, '/classify', { model: MODEL, messages, ...off });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({
          object: 'list',
          model: MODEL,
          id: expect.stringMatching(/^classify-/),
          data: [{ index: 0, label: 'reward', probs: [direct[0]], num_classes: 1 }],
          usage: { prompt_tokens: expect.any(Number), completion_tokens: 0 },
        });
      }
      const on = await post(server.origin, '/classify', { model: MODEL, messages });
      expect((on.body as { data: { probs: number[] }[] }).data[0]!.probs).toEqual([sigmoid(direct[0]!)]);
    });

    it('/classify with input full texts scores each, in order (model may be omitted)', async () => {
      const r = await post(server.origin, '/classify', {
        input: [chatml(question, good), chatml(question, bad)],
        use_activation: false,
      });
      const data = (r.body as { data: { index: number; probs: number[] }[] }).data;
      expect(data.map((d) => [d.index, d.probs[0]])).toEqual([
        [0, direct[0]],
        [1, direct[1]],
      ]);
    });

    it('/score and /v1/score pair one text_1 with each text_2 (or queries/documents)', async () => {
      for (const [path, body] of [
        ['/score', { model: MODEL, text_1: question, text_2: [good, bad], use_activation: false }],
        ['/v1/score', { queries: [question, question], documents: [good, bad], use_activation: false }],
      ] as const) {
        const r = await post(server.origin, path, body);
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({
          object: 'list',
          id: expect.stringMatching(/^score-/),
          data: [
            { index: 0, object: 'score', score: direct[0] },
            { index: 1, object: 'score', score: direct[1] },
          ],
        });
      }
      const activated = await post(server.origin, '/score', { text_1: question, text_2: good });
      expect((activated.body as { data: { score: number }[] }).data[0]!.score).toBe(sigmoid(direct[0]!));
    });

    it('errors in vLLM’s shape: 404 NotFoundError, 400 BadRequestError', async () => {
      const unknown = await post(server.origin, '/classify', {
        model: 'other',
        input: chatml(question, good),
      });
      expect(unknown).toMatchObject({
        status: 404,
        body: { error: { type: 'NotFoundError', code: 404, message: 'The model `other` does not exist.' } },
      });
      const both = await post(server.origin, '/classify', { input: 'x', messages: [] });
      expect(both).toMatchObject({ status: 400, body: { error: { type: 'BadRequestError', code: 400 } } });
      const lengths = await post(server.origin, '/score', { text_1: ['a', 'b'], text_2: ['c', 'd', 'e'] });
      expect(lengths).toMatchObject({
        status: 400,
        body: { error: { message: expect.stringMatching(/text_1 has 2 entries and text_2 has 3/) } },
      });
      const cut = await post(server.origin, '/classify', {
        input: chatml(question, good),
        truncate_prompt_tokens: 8,
      });
      expect(cut).toMatchObject({
        status: 400,
        body: { error: { message: expect.stringMatching(/send -1/) } },
      });
      const long = await post(server.origin, '/classify', {
        input: chatml(question, 'word '.repeat(400)),
        truncate_prompt_tokens: -1,
      });
      expect(long.status).toBe(200);
    });
  });

  describe('OpenRLHF', () => {
    it('/get_reward answers raw rewards for full texts in any supported layout', async () => {
      const r = await post(server.origin, '/get_reward', {
        query: [
          chatml(question, good),
          `\n\nHuman: ${question}\n\nAssistant: ${bad}`,
          `User: ${question}\nAssistant: ${good}</s>`,
        ],
      });
      expect(r).toMatchObject({ status: 200, body: { rewards: [direct[0], direct[1], direct[0]] } });
      expect((r.body as { scores: number[] }).scores).toEqual((r.body as { rewards: number[] }).rewards);
    });

    it('uses prompts for texts without a chat layout and ignores labels', async () => {
      const r = await post(server.origin, '/get_reward', {
        query: [`${question} ${good}`],
        prompts: [question],
        labels: ['100'],
      });
      expect(r).toMatchObject({ status: 200, body: { rewards: [direct[0]] } });
    });

    it('errors in FastAPI’s {"detail"} shape; an unreadable query is flagged on its own, naming it', async () => {
      const r = await post(server.origin, '/get_reward', { query: [chatml(question, good), 'no layout'] });
      expect(r).toMatchObject({
        status: 200,
        body: {
          rewards: [direct[0], null],
          errors: [null, expect.stringMatching(/^query\.1: no chat layout/)],
        },
      });
      const shape = await post(server.origin, '/get_reward', { queries: ['x'] });
      expect(shape).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/^query: /) } });
    });
  });
});

describe('multi-output model (tiny-llama-reward)', () => {
  const MODEL = 'tiny-llama-reward';
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

  it('TEI reports a classifier and answers every label, highest first; activated is a softmax', async () => {
    const [d] = await backend.score([input(good)]);
    const info = (await (await fetch(`${server.origin}/info`)).json()) as Record<string, unknown>;
    expect(info.model_type).toEqual({
      classifier: { id2label: { 0: 'reward', 1: 'overall' }, label2id: { reward: 0, overall: 1 } },
    });
    const raw = await post(server.origin, '/predict', { inputs: [question, good], raw_scores: true });
    const want = [
      { label: 'reward', score: d!.attributes!.reward! },
      { label: 'overall', score: d!.attributes!.overall! },
    ].sort((a, b) => b.score - a.score);
    expect(raw.body).toEqual(want);
    const act = (await post(server.origin, '/predict', { inputs: [question, good] })).body as {
      score: number;
    }[];
    expect(act[0]!.score + act[1]!.score).toBeCloseTo(1, 12);
  });

  it('/classify gives the values in label order and names the largest; /score is refused', async () => {
    const [d] = await backend.score([input(good)]);
    const r = await post(server.origin, '/classify', {
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: good },
      ],
      use_activation: false,
    });
    const item = (r.body as { data: { probs: number[]; label: string; num_classes: number }[] }).data[0]!;
    expect(item.probs).toEqual([d!.attributes!.reward, d!.attributes!.overall]);
    expect(item.num_classes).toBe(2);
    expect(item.label).toBe(item.probs[0]! >= item.probs[1]! ? 'reward' : 'overall');
    const score = await post(server.origin, '/score', { text_1: question, text_2: good });
    expect(score).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/one output/) } },
    });
  });

  it('/get_reward re-renders a Llama 3 text in the model’s own template and answers its score', async () => {
    const [d] = await backend.score([input(good)]);
    const text = `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${question}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n${good}<|eot_id|>`;
    const r = await post(server.origin, '/get_reward', { query: [text, chatml(question, good)] });
    expect(r.body).toMatchObject({ rewards: [d!.score, d!.score] });
  });
});

describe('API key', () => {
  let backend: Model;
  let server: TestServer;
  beforeAll(async () => {
    backend = await loadEmbedded('tiny-bert-reward');
    server = await startTestServer({ backend, modelId: 'tiny-bert-reward', apiKey: 'secret-key' });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('guards every scoring route, each answering 401 in its own shape; /info and /openapi.json stay open', async () => {
    const tei = await post(server.origin, '/predict', { inputs: [question, good] });
    expect(tei).toMatchObject({ status: 401, body: { error_type: 'Unauthorized' } });
    const vllm = await post(server.origin, '/classify', { input: chatml(question, good) });
    expect(vllm).toMatchObject({ status: 401, body: { error: { type: 'AuthenticationError', code: 401 } } });
    const rlhf = await post(server.origin, '/get_reward', { query: [chatml(question, good)] });
    expect(rlhf).toMatchObject({ status: 401, body: { detail: expect.stringMatching(/API key/) } });
    const ok = await post(
      server.origin,
      '/get_reward',
      { query: [chatml(question, good)] },
      { authorization: 'Bearer secret-key' },
    );
    expect(ok.status).toBe(200);
    expect((await fetch(`${server.origin}/info`)).status).toBe(200);
    expect((await fetch(`${server.origin}/openapi.json`)).status).toBe(200);
  });
});

describe('a model whose config names its activation (tiny-bert-reward saved with a Tanh activation_fn)', () => {
  let dir: string;
  let backend: Model;
  let server: TestServer;
  beforeAll(async () => {
    // The real model with one config field added, as sentence-transformers writes it for a cross-encoder.
    dir = mkdtempSync(join(tmpdir(), 'rp-tanh-'));
    cpSync(join(EMBEDDED_DIR, 'tiny-bert-reward'), dir, { recursive: true });
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    config.sentence_transformers = { activation_fn: 'torch.nn.modules.activation.Tanh' };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    backend = await loadModel({
      kind: 'local',
      source: { type: 'path', path: dir },
      dtype: 'fp32',
      device: 'cpu',
    });
    server = await startTestServer({ backend, modelId: 'tanh-bert' });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('TEI and vLLM activate with the model’s own tanh instead of a sigmoid', async () => {
    expect(backend.info.activation).toBe('tanh');
    const [d] = await backend.score([input(good)]);
    const tei = await post(server.origin, '/predict', { inputs: [question, good] });
    expect(tei.body).toEqual([{ label: 'reward', score: Math.tanh(d!.score) }]);
    const messages = [
      { role: 'user', content: question },
      { role: 'assistant', content: good },
    ];
    const on = await post(server.origin, '/classify', { messages });
    expect((on.body as { data: { probs: number[] }[] }).data[0]!.probs).toEqual([Math.tanh(d!.score)]);
    const off = await post(server.origin, '/classify', { messages, use_activation: false });
    expect((off.body as { data: { probs: number[] }[] }).data[0]!.probs).toEqual([d!.score]);
  });
});
