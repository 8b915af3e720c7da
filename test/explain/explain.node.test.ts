/**
 * Issue 26 with real models in Node (the embedded tiny-bert-reward and minilm-reward through the Node engine):
 * each unit’s attribution is the difference of the two scores that produced it, scored again on their own; a
 * planted sentence the model rewards most on its own carries the largest attribution;
 * the hacking search finds an edit that raises the score and keeps none that lowered it; the same through the
 * UI's runner (engine contract, in-thread engine) and through the project's own server as a remote TEI, vLLM and
 * NIM engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cachedScorer,
  explain,
  hackSearch,
  HACK_EDITS,
  planExplain,
  ScoreCache,
  textScorer,
  type CachedScorer,
  type ExplainPlan,
} from '../../src/core/explain';
import type { RemoteModelSpec, ScoreInput } from '../../src/core/types';
import { loadModel } from '../../src/engine/node';
import type { Model } from '../../src/engine/contract';
import { buildServer } from '../../server/app';
import { lessonById } from '../../src/ui/store/lessons';
import { loadEmbedded } from '../../server/test-support';

const QUESTION = 'What is the capital of France?';
const FRANCE = { turns: [{ role: 'user' as const, content: QUESTION }] };
const LONG: ScoreInput = {
  conversation: FRANCE,
  response:
    'The capital of France is Paris. It lies on the Seine in the north of the country. About two million people live in the city itself. It has been the capital for most of French history.',
};
const SHORT: ScoreInput = { conversation: FRANCE, response: 'The capital of France is Paris.' };
const MULTI: ScoreInput = {
  conversation: {
    system: 'You are a helpful travel guide.',
    turns: [
      { role: 'user', content: 'I am planning a trip.' },
      { role: 'assistant', content: 'Great, where to?' },
      { role: 'user', content: 'I will visit France in May. What is its capital?' },
    ],
  },
  response: 'Paris is the capital of France. In May it is mild and busy.',
};

function scorerOf(backend: Model, cache = new ScoreCache()): CachedScorer {
  return cachedScorer((inputs, o) => backend.score(inputs, o), cache, backend.info.id);
}

/** Every attribution equals full − without exactly, and those two scores, each scored alone, agree with it. */
async function checkAgainstFreshScores(backend: Model, plan: ExplainPlan, tolerance: number) {
  const e = await explain(plan, scorerOf(backend));
  expect(e.attributions).toHaveLength(plan.units.length);
  const [full] = await backend.score([plan.input]);
  for (const [i, a] of e.attributions.entries()) {
    expect(a.attribution).toBe(e.full - a.without);
    const [w] = await backend.score([plan.variants[i]!]);
    expect(Math.abs(a.attribution - (full!.score - w!.score))).toBeLessThan(tolerance);
  }
  return e;
}

describe.each([
  ['tiny-bert-reward', 'fp32'],
  ['minilm-reward', 'q8'],
] as const)('%s (%s): leave-one-out attributions', (name, dtype) => {
  let backend: Model;
  beforeAll(async () => {
    backend = await loadEmbedded(name, { dtype });
  });
  afterAll(() => backend?.dispose());

  it('by sentence: each attribution is score(full) − score(without it), as scored on their own', async () => {
    const plan = planExplain(LONG);
    expect(plan.responseKind).toBe('sentence');
    expect(plan.units).toHaveLength(4);
    const e = await checkAgainstFreshScores(backend, plan, 1e-4);
    // The model does react to leaving sentences out.
    expect(e.attributions.some((a) => Math.abs(a.attribution) > 1e-3)).toBe(true);
  });

  it('by word for a short answer', async () => {
    const plan = planExplain(SHORT);
    expect(plan.responseKind).toBe('word');
    await checkAgainstFreshScores(backend, plan, 1e-4);
  });

  it('over the prompt side of a multi-turn conversation too', async () => {
    const plan = planExplain(MULTI, { promptSide: true });
    expect(plan.units.map((u) => u.place.side)).toEqual([
      ...Array<string>(plan.units.length - 4).fill('response'),
      'system',
      'history',
      'question',
      'question',
    ]);
    await checkAgainstFreshScores(backend, plan, 1e-4);
  });

  it('a planted sentence that the model rewards most on its own carries the largest attribution', async () => {
    const spider = { turns: [{ role: 'user' as const, content: 'How many legs does a spider have?' }] };
    const plants = [
      'A spider has eight legs.',
      "I'm sorry, but I can't help with that request.",
      'I hope this helps!',
      'Great question!',
      'Spiders have eight legs, which sets them apart from insects with six.',
    ];
    // What this model is known to reward: the candidate it scores highest on its own.
    const alone = await backend.score(plants.map((response) => ({ conversation: spider, response })));
    const planted = plants[alone.reduce((best, r, i) => (r.score > alone[best]!.score ? i : best), 0)]!;
    const response = [
      'Spiders are fascinating creatures.',
      'Many people are afraid of them.',
      planted,
      'They live on every continent except Antarctica.',
      'Some of them spin webs to catch food.',
    ].join(' ');
    const plan = planExplain({ conversation: spider, response });
    expect(plan.units).toHaveLength(5);
    const e = await explain(plan, scorerOf(backend));
    const top = e.attributions.reduce((a, b) => (b.attribution > a.attribution ? b : a));
    expect(plan.units[e.attributions.indexOf(top)]!.text).toBe(planted);
  });
});

describe('minilm-reward: the hacking search', () => {
  let backend: Model;
  beforeAll(async () => {
    backend = await loadEmbedded('minilm-reward', { dtype: 'q8' });
  });
  afterAll(() => backend?.dispose());

  it('raises the worse answer of the reward-hacking lesson with content-free edits, and every kept edit raised it', async () => {
    const lesson = lessonById('reward-hacking')!;
    expect(lesson.conversation).toEqual(FRANCE);
    const worse: ScoreInput = { conversation: FRANCE, response: lesson.responses[1]! };
    const [better] = await backend.score([{ conversation: FRANCE, response: lesson.responses[0]! }]);
    const sent: number[] = [];
    const r = await hackSearch({
      text: worse.response,
      question: QUESTION,
      others: [better!.score],
      score: async (texts) => {
        sent.push(texts.length);
        const rs = await backend.score(texts.map((response) => ({ conversation: FRANCE, response })));
        return rs.map((x) => x.score);
      },
    });
    expect(r.steps.length).toBeGreaterThan(0);
    expect(r.requests).toBe(sent.reduce((a, b) => a + b, 0));
    expect(r.requests).toBeLessThanOrEqual(64);
    let prev = r.start;
    for (const step of r.steps) {
      expect(step.delta).toBeGreaterThan(0);
      // The step's text is its edit applied to the text before, and scores what the step says, on its own.
      const edit = HACK_EDITS.find((e) => e.id === step.edit)!;
      expect(edit.apply(prev.text, { question: QUESTION })).toBe(step.text);
      const [again] = await backend.score([{ conversation: FRANCE, response: step.text }]);
      expect(again!.score).toBeCloseTo(step.score, 4);
      expect(again!.score).toBeGreaterThan(prev.score);
      prev = step;
    }
    expect(r.steps.at(-1)!.total).toBeGreaterThan(0);
  });

  it('keeps to a small budget', async () => {
    const scorer = scorerOf(backend);
    const r = await hackSearch({
      text: 'Google it pal.',
      question: QUESTION,
      others: [],
      budget: 7,
      score: textScorer(scorer, { conversation: FRANCE, response: '' }),
    });
    expect(r.requests).toBe(7);
    expect(r.stopped).toBe('budget');
  });
});

describe('tiny-bert-reward: the UI’s runner through the engine contract', () => {
  it('explains through engine().score, and a second explanation is served from the cache', async () => {
    const { useInThreadEngine } = await import('../support/ui-node');
    const { engine } = await import('../../src/ui/engine-bridge');
    const { explainPlanFor, runExplain, runHackSearch } = await import('../../src/ui/compare/run-explain');
    useInThreadEngine();
    const loaded = await engine().load({
      kind: 'local',
      source: { type: 'embedded', name: 'tiny-bert-reward' },
      dtype: 'fp32',
      device: 'cpu',
    });
    const { plan, requests } = explainPlanFor(loaded, {}, LONG, false);
    expect(requests).toBe(5);
    const progress: [number, number][] = [];
    const e = await runExplain(loaded, {}, plan, { onProgress: (d, t) => progress.push([d, t]) });
    expect(progress.at(-1)).toEqual([5, 5]);
    const [full, ...rest] = await engine().score(loaded.handle, [plan.input, ...plan.variants]);
    e.attributions.forEach((a, i) => expect(a.attribution).toBeCloseTo(full!.score - rest[i]!.score, 4));
    expect(explainPlanFor(loaded, {}, LONG, false).requests).toBe(0);
    // Other scoring settings are another cache entry.
    expect(explainPlanFor(loaded, { alpha: 2 }, LONG, false).requests).toBe(5);
    const c = new AbortController();
    c.abort();
    await expect(runHackSearch(loaded, {}, LONG, [], { budget: 64, signal: c.signal })).rejects.toMatchObject(
      { code: 'cancelled' },
    );
    await engine().unload(loaded.handle);
  });

  it('what separates #1 and #2 (minilm-reward): swap scores and the flip found are what the engine scores', async () => {
    const { useInThreadEngine } = await import('../support/ui-node');
    const { engine } = await import('../../src/ui/engine-bridge');
    const { runSeparate } = await import('../../src/ui/compare/run-explain');
    useInThreadEngine();
    const loaded = await engine().load({
      kind: 'local',
      source: { type: 'embedded', name: 'minilm-reward' },
      dtype: 'q8',
      device: 'cpu',
    });
    const fresh = async (response: string) =>
      (await engine().score(loaded.handle, [{ conversation: FRANCE, response }]))[0]!.score;
    // This model ranks the rude two-sentence answer above the long one.
    const first: ScoreInput = { conversation: FRANCE, response: 'Google it pal. Paris.' };
    expect(await fresh(first.response)).toBeGreaterThan(await fresh(LONG.response));
    const r = await runSeparate(loaded, {}, first, LONG, { budget: 64 });
    expect(r.separation.requests).toBeLessThanOrEqual(64);
    expect(r.separation.swaps).toHaveLength(2);
    for (const s of r.separation.swaps) expect(s.score).toBeCloseTo(await fresh(s.text), 4);
    const flip = r.separation.flip!;
    expect(flip).not.toBeNull();
    const v = await fresh(flip.text);
    expect(v).toBeCloseTo(flip.score, 4);
    expect(flip.side === 'first' ? v < r.second.full : v > r.first.full).toBe(true);
    await engine().unload(loaded.handle);
  });
});

describe('tiny-bert-reward behind our own server, as a remote TEI, vLLM and NIM engine', () => {
  let local: Model;
  let origin: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    local = await loadEmbedded('tiny-bert-reward');
    // A long batching window puts concurrent requests in one batch, as the local call is.
    const app = await buildServer({ backend: local, modelId: 'tiny-bert-reward', batch: { maxWaitMs: 100 } });
    // RP_TEST_PORT: a fixed port where a machine's ports are shared out between sessions; else any free one.
    origin = await app.listen({ port: Number(process.env.RP_TEST_PORT ?? 0), host: '127.0.0.1' });
    close = () => app.close();
  });
  afterAll(async () => {
    await close?.();
    await local?.dispose();
  });

  it.each(['tei', 'vllm', 'nim'] as const)(
    '%s: the same attributions as the local engine',
    async (engine) => {
      const spec: RemoteModelSpec = {
        kind: 'remote',
        engine,
        baseUrl: engine === 'nim' ? `${origin}/v1` : origin,
        model: 'tiny-bert-reward',
      };
      const remote = await loadModel(spec);
      try {
        const plan = planExplain(LONG);
        const want = await explain(plan, scorerOf(local));
        const got = await explain(plan, scorerOf(remote), { maxRequests: 200 });
        got.attributions.forEach((a, i) =>
          expect(Math.abs(a.attribution - want.attributions[i]!.attribution)).toBeLessThan(1e-4),
        );
        // Over the cap nothing is sent.
        await expect(explain(plan, scorerOf(remote), { maxRequests: 3 })).rejects.toMatchObject({
          code: 'input',
        });
      } finally {
        await remote.dispose();
      }
    },
  );
});
