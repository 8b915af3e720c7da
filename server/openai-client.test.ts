/**
 * The official `openai` npm client, used exactly as NIM's documentation shows, against our server for
 * both embedded models (docs/architecture.md, 'Reward server': it "works unchanged").
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../src/engine/contract';
import { contentToDict, EMBEDDED, loadEmbedded, startTestServer, type TestServer } from './test-support';

const question = 'Write a limerick about the wonders of GPU computing.';
const answer =
  'There once was a GPU so fine,\nWhose parallel cores would align.\nIt crunched every tensor,\nA true number dispenser,\nAnd trained models in record time.';
const messages: [{ role: 'user'; content: string }, { role: 'assistant'; content: string }] = [
  { role: 'user' as const, content: question },
  { role: 'assistant' as const, content: answer },
];

describe.each(EMBEDDED)('openai client against %s', (name) => {
  let backend: Model;
  let server: TestServer;
  let client: OpenAI;

  beforeAll(async () => {
    backend = await loadEmbedded(name);
    server = await startTestServer({ backend, modelId: name });
    client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: 'not-needed-here', maxRetries: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('scores a user + assistant turn and the content splits into a dict of the model’s outputs', async () => {
    const completion = await client.chat.completions.create({ model: name, messages });
    const content = completion.choices[0]!.message.content!;
    const scores = contentToDict(content);

    const labels = backend.info.labels;
    const [direct] = await backend.score([
      { conversation: { turns: [{ role: 'user', content: question }] }, response: answer },
    ]);
    if (labels.length <= 1) {
      expect(Object.keys(scores)).toEqual(['reward']);
      expect(scores.reward).toBe(direct!.score);
    } else {
      expect(Object.keys(scores)).toEqual(labels);
      for (const l of labels) expect(scores[l]).toBe(direct!.attributes![l]);
    }
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe(name);
    expect(completion.choices[0]!.finish_reason).toBe('length');
    // The same values in logprobs.content, in the same order.
    const lp = completion.choices[0]!.logprobs!.content!;
    expect(lp.map((e) => [e.token, e.logprob])).toEqual(Object.entries(scores));
    // Real token counts: what the model saw.
    expect(completion.usage!.prompt_tokens).toBe(direct!.tokenCount);
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(10);
    expect(completion.usage!.total_tokens).toBe(
      completion.usage!.prompt_tokens + completion.usage!.completion_tokens,
    );
  });

  it('ranks a good answer against a bad one consistently with the engine', async () => {
    const bad = [
      { role: 'user' as const, content: question },
      { role: 'assistant' as const, content: 'no.' },
    ];
    const [a, b] = await Promise.all([
      client.chat.completions.create({ model: name, messages }),
      client.chat.completions.create({ model: name, messages: bad }),
    ]);
    const first = Object.values(contentToDict(a.choices[0]!.message.content!));
    const second = Object.values(contentToDict(b.choices[0]!.message.content!));
    expect(first).not.toEqual(second);
  });

  it('accepts system prompts and multi-turn history', async () => {
    const completion = await client.chat.completions.create({
      model: name,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'What is 2+2?' },
        { role: 'assistant', content: '4' },
      ],
    });
    const scores = contentToDict(completion.choices[0]!.message.content!);
    for (const v of Object.values(scores)) expect(Number.isFinite(v)).toBe(true);
  });

  it('lists the model and reports health', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([name]);
    const health = (await (await fetch(`${server.origin}/health`)).json()) as {
      status: string;
      model: string;
    };
    expect(health).toMatchObject({ status: 'ok', model: name });
  });

  it('answers an unknown model with a 404 the client raises as NotFoundError', async () => {
    await expect(
      client.chat.completions.create({ model: 'nvidia/nemotron-4-340b-reward', messages }),
    ).rejects.toThrow(OpenAI.NotFoundError);
  });
});
