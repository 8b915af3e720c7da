/**
 * CLI round trips on every format with the real embedded models: rows in = rows out, malformed lines
 * reported by line number and kept, NeMo labels, resume after an interruption, eval accuracy, and the
 * `node cli/bin.mjs` launcher including a remote (NIM) backend pointed at our own server.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScoreString } from '../src/core/nim';
import type { ScoreInput } from '../src/core/types';
import type { Model } from '../src/engine/contract';
import { EMBEDDED, loadEmbedded, startTestServer } from '../server/test-support';
import { startFaultServer } from '../test/support/fault-server';
import { annotate, type AnnotateOptions } from './annotate';
import { evalJson, evaluate, formatEvalTable } from './eval';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'rp-cli-'));
const write = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
};
const readJsonl = (p: string) =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const files = {
  pairs: write('pairs.jsonl', [
    JSON.stringify({ prompt: 'What is 2+2?', chosen: '2+2 equals 4.', rejected: 'It is 5.', subset: 'math' }),
    JSON.stringify({
      chosen: [
        { role: 'user', content: 'Name a color.' },
        { role: 'assistant', content: 'Blue is a color.' },
      ],
      rejected: [
        { role: 'user', content: 'Name a color.' },
        { role: 'assistant', content: 'I refuse.' },
      ],
      subset: 'chat',
    }),
    '{"prompt": "broken", "chosen": ',
    '',
    JSON.stringify({ prompt: 'Say hi', chosen: 'Hi there!' }),
    JSON.stringify({ prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'Berlin.', subset: 'math' }),
  ]),
  hh: write('hh.jsonl', [
    JSON.stringify({
      chosen: '\n\nHuman: How do I boil an egg?\n\nAssistant: Put it in boiling water for 8 minutes.',
      rejected: '\n\nHuman: How do I boil an egg?\n\nAssistant: No idea.',
    }),
    'not json at all',
    JSON.stringify({
      chosen: '\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Thanks\n\nAssistant: You are welcome.',
      rejected: '\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Thanks\n\nAssistant: Whatever.',
    }),
  ]),
  nemo: write('nemo.jsonl', [
    JSON.stringify({
      system: 'You are helpful.',
      mask: 'User',
      conversations: [
        { from: 'User', value: 'Hello' },
        { from: 'Assistant', value: 'Hi! How can I help?' },
        { from: 'User', value: 'Tell me a fact.' },
        { from: 'Assistant', value: 'Honey never spoils.' },
      ],
    }),
    '{"system": "x", "conversations": [',
    JSON.stringify({
      system: '',
      mask: 'User',
      conversations: [
        { from: 'User', value: 'Explain gravity briefly.' },
        { from: 'Assistant', value: 'Mass attracts mass.' },
      ],
    }),
  ]),
  candidates: write('candidates.jsonl', [
    JSON.stringify({
      prompt: 'Write a haiku about rain.',
      responses: ['Rain taps the window', 'no', 'Soft rain falls'],
    }),
    JSON.stringify({
      messages: [{ role: 'user', content: 'Best pet?' }],
      responses: ['Cats, for independence.', 'Dogs, for loyalty.'],
    }),
    '[1, 2',
  ]),
};
/** Non-blank lines per file, and the malformed JSON line of each. */
const expected = {
  pairs: { rows: 5, badJsonLine: 3, invalidRowLine: 5 },
  hh: { rows: 3, badJsonLine: 2 },
  nemo: { rows: 3, badJsonLine: 2 },
  candidates: { rows: 3, badJsonLine: 3 },
};

describe.each(EMBEDDED)('annotate and eval with %s', (model) => {
  let backend: Model;
  let calls: number;
  /** The real model, counting the inputs it scores; dispose is left to afterAll. */
  let counting: Model;

  beforeAll(async () => {
    backend = await loadEmbedded(model);
    counting = {
      info: backend.info,
      warnings: backend.warnings,
      score: (inputs: ScoreInput[], o) => {
        calls += inputs.length;
        return backend.score(inputs, o);
      },
      render: (i) => backend.render(i),
      dispose: async () => {},
    };
  });
  afterAll(async () => {
    await backend?.dispose();
  });

  const opts = (input: string, output: string, extra: Partial<AnnotateOptions> = {}): AnnotateOptions => ({
    input,
    output,
    format: 'auto',
    chunkRows: 2,
    truncate: true,
    overwrite: false,
    progress: false,
    load: async () => counting,
    log: () => {},
    ...extra,
  });

  it.each(Object.keys(files) as (keyof typeof files)[])(
    '%s: rows in = rows out, malformed lines kept',
    async (fmt) => {
      const out = join(dir, `${model}-${fmt}.out.jsonl`);
      const s = await annotate(opts(files[fmt], out, { overwrite: true }));
      const rows = readJsonl(out);
      expect(rows).toHaveLength(expected[fmt].rows);
      expect(s).toMatchObject({ rows: expected[fmt].rows, written: expected[fmt].rows, interrupted: false });
      // The malformed line is reported by number and kept, with its raw text.
      const bad = s.errors.find((e) => e.line === expected[fmt].badJsonLine);
      expect(bad?.message).toMatch(new RegExp(`Line ${expected[fmt].badJsonLine}: not valid JSON`));
      expect(rows.find((r) => r.line === expected[fmt].badJsonLine)).toMatchObject({
        raw: expect.any(String),
      });
      const labels = backend.info.labels;
      if (fmt === 'pairs' || fmt === 'hh') {
        const scored = rows.filter((r) => typeof r.chosen_score === 'number');
        expect(scored.length).toBe(fmt === 'pairs' ? 3 : 2);
        for (const r of scored) expect(r.chosen_score).not.toBe(r.rejected_score);
      }
      if (fmt === 'pairs') {
        expect(s.errors.find((e) => e.line === expected.pairs.invalidRowLine)?.message).toMatch(/rejected/);
      }
      if (fmt === 'candidates') {
        expect(rows[0]!.scores).toHaveLength(3);
        expect(rows[1]!.scores).toHaveLength(2);
      }
      if (fmt === 'nemo') {
        const convs = rows[0]!.conversations as { from: string; label?: string }[];
        const assistantLabels = convs.filter((c) => c.from === 'Assistant').map((c) => c.label!);
        expect(assistantLabels).toHaveLength(2);
        for (const l of assistantLabels) {
          const names = parseScoreString(l).map((x) => x.name);
          expect(names).toEqual(labels.length > 1 ? labels : ['reward']);
        }
        expect(convs.filter((c) => c.from === 'User').every((c) => c.label === undefined)).toBe(true);
      }
    },
  );

  it('resumes after an interruption without rescoring finished rows', async () => {
    const full = join(dir, `${model}-full.jsonl`);
    await annotate(opts(files.candidates, full, { overwrite: true, chunkRows: 1 }));
    const part = join(dir, `${model}-part.jsonl`);
    // Stop after the first chunk (one row), as Ctrl-C does.
    let chunks = 0;
    const first = await annotate(
      opts(files.candidates, part, { overwrite: true, chunkRows: 1, shouldStop: () => chunks++ >= 1 }),
    );
    expect(first).toMatchObject({ written: 1, interrupted: true });
    // A half-written line (killed mid-write) is dropped and redone.
    writeFileSync(part, readFileSync(part, 'utf8') + '{"messages": [{"ro');
    calls = 0;
    const second = await annotate(opts(files.candidates, part, { chunkRows: 1 }));
    expect(second).toMatchObject({ resumed: 1, written: 2, interrupted: false });
    expect(calls).toBe(2); // only the second row's two responses; the third line is not JSON
    expect(readFileSync(part, 'utf8')).toBe(readFileSync(full, 'utf8'));
    // Running again finds nothing to do and loads no model.
    const third = await annotate(
      opts(files.candidates, part, {
        load: () => Promise.reject(new Error('should not load')),
      }),
    );
    expect(third).toMatchObject({ resumed: 3, written: 0 });
  });

  it('refuses to resume into an unrelated file', async () => {
    const other = join(dir, `${model}-other.jsonl`);
    writeFileSync(other, 'x\n'.repeat(10));
    await expect(annotate(opts(files.nemo, other))).rejects.toThrow(/has no resume marker/);
  });

  it('eval: pairwise accuracy overall and per subset, as table and JSON', async () => {
    const report = await evaluate({
      input: files.pairs,
      format: 'auto',
      chunkRows: 4,
      truncate: true,
      progress: false,
      backend,
    });
    expect(report.overall.n).toBe(3);
    expect(Object.keys(report.bySubset).sort()).toEqual(['chat', 'math']);
    expect(report.bySubset.math!.n).toBe(2);
    expect(report.overall.accuracy).toBeGreaterThanOrEqual(0);
    expect(report.overall.correct).toBe(report.bySubset.math!.correct + report.bySubset.chat!.correct);
    expect(report.errors.map((e) => e.line)).toEqual([3, 5]);
    const table = formatEvalTable(report);
    expect(table).toMatch(/overall\s+3\s+\d\s+\d\s+0\s+\d+\.\d%/);
    expect(table).toMatch(/\n {2}Line 3: not valid JSON/);
    const json = JSON.parse(evalJson(report)) as { overall: { n: number } };
    expect(json.overall.n).toBe(3);
  });

  it('eval refuses a file that is not pairs', async () => {
    await expect(
      evaluate({ input: files.nemo, format: 'auto', chunkRows: 4, truncate: true, progress: false, backend }),
    ).rejects.toThrow(/eval needs chosen\/rejected pairs/);
  });
});

describe('the reward-playground launcher (node cli/bin.mjs)', () => {
  const bin = ['cli/bin.mjs'];

  it('annotates with a local model and prints the per-line errors', async () => {
    const out = join(dir, 'bin-hh.jsonl');
    const { stderr } = await run(process.execPath, [
      ...bin,
      'annotate',
      files.hh,
      '-o',
      out,
      '--model',
      EMBEDDED[0],
    ]);
    expect(stderr).toMatch(/hh-rlhf: 3 rows in, 3 rows in/);
    expect(stderr).toMatch(/Line 2: not valid JSON/);
    expect(readJsonl(out)).toHaveLength(3);
  });

  it('eval --json with a remote NIM backend (our own server, key from an env var) matches local scores', async () => {
    const backend = await loadEmbedded(EMBEDDED[0]);
    const server = await startTestServer({ backend, modelId: EMBEDDED[0], apiKey: 'k-123' });
    try {
      const args = [
        ...bin,
        'eval',
        files.pairs,
        '--json',
        '--remote',
        'nim',
        '--base-url',
        `${server.origin}/v1`,
      ];
      const { stdout } = await run(
        process.execPath,
        [...args, '--model-id', EMBEDDED[0], '--api-key-env', 'RP_KEY'],
        {
          env: { ...process.env, RP_KEY: 'k-123' },
        },
      );
      const remote = JSON.parse(stdout) as { overall: { n: number; correct: number } };
      const local = await evaluate({
        input: files.pairs,
        format: 'auto',
        chunkRows: 4,
        truncate: true,
        progress: false,
        backend,
      });
      expect(remote.overall).toMatchObject({ n: local.overall.n, correct: local.overall.correct });
    } finally {
      await server.close();
      await backend.dispose();
    }
  });

  it("prints a remote engine's warnings (vLLM scores that look like probabilities) with eval and annotate", async () => {
    // A fault server only because no real vLLM runs here: it answers the way a softmaxing vLLM head does.
    const vllm = await startFaultServer();
    vllm.script('GET /v1/models', { body: { object: 'list', data: [{ id: 'rm' }] } });
    vllm.script('POST /classify', {
      body: { object: 'list', data: [{ index: 0, label: 'LABEL_0', probs: [0.73], num_classes: 1 }] },
    });
    const remote = ['--remote', 'vllm', '--base-url', vllm.url, '--model-id', 'rm', '--no-progress'];
    try {
      const evalRun = await run(process.execPath, [...bin, 'eval', files.pairs, ...remote]);
      expect(evalRun.stdout).toMatch(/Warning: .*look like probabilities/);
      const json = await run(process.execPath, [...bin, 'eval', files.pairs, '--json', ...remote]);
      expect((JSON.parse(json.stdout) as { warnings: string[] }).warnings[0]).toMatch(
        /look like probabilities/,
      );
      const out = join(dir, 'vllm-annotated.jsonl');
      const annotated = await run(process.execPath, [...bin, 'annotate', files.pairs, '-o', out, ...remote]);
      expect(annotated.stderr).toMatch(/Warning: .*look like probabilities/);
      expect(readJsonl(out)).toHaveLength(expected.pairs.rows);
    } finally {
      await vllm.close();
    }
  });

  it('exits 2 with a clear message for bad flags', async () => {
    const r = await run(process.execPath, [...bin, 'eval', files.pairs, '--model', 'no-such-model']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(r).toMatchObject({ code: 2 });
    expect((r as { stderr: string }).stderr).toMatch(/Unknown model "no-such-model"/);
  });
});
