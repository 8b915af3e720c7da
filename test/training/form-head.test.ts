/**
 * training/form_head.py reads the engine's one pair input with a frozen sentence encoder, one segment at a time:
 * each segment's features, and the response's first sentence, must be exactly those of its text encoded alone (else
 * the head's inputs would depend on the other side of the pair or on the batch).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/engine/node';
import { readReference, runTrainingScript, SKIP_TRAINING } from './helpers';

const SHIPPED_Q8 = 'public/models/minilm-reward/onnx/model_quantized.onnx';

describe.skipIf(SKIP_TRAINING)('training/form_head.py', () => {
  it(
    'encodes the prompt, the response and its first sentence as if each were alone',
    { timeout: 120_000 },
    () => {
      const r = runTrainingScript(['form_head.py', 'check']);
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(
        /ok: each segment and the first sentence are encoded as if alone .*; batch-independent/,
      );
    },
  );

  // The cross-encoder plus the head as one graph: the frozen tower runs twice (segments, first sentence) on the same
  // weights, which the 8-bit quantizer would otherwise leave in fp32 or store twice (80 MB before the fix). The
  // folder is a model the engine loads: it must run the graph (CumSum, GatherElements, IsNaN…) as Python's
  // onnxruntime does. The head is the gated kind (`fit --gate --defect`): two heads mixed by a gate on the prompt
  // (its mean and max-pooled tokens), plus the ungated form-defect and compliance heads.
  it(
    'exports the cross-encoder and a head as one model folder the engine scores as onnxruntime does',
    { timeout: 120_000 },
    async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'form-head-export-'));
      try {
        const r = runTrainingScript(['form_head.py', 'export', '--untrained', '--gate', '--out', out]);
        expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
        const report = JSON.parse(r.stdout) as {
          fp32: { max_abs_diff_vs_torch: number };
          q8: { bytes: number; max_abs_diff_vs_torch: number };
          cross_encoder_read_back: number;
        };
        // training/from_onnx.py finds the cross-encoder's own weights among the tower's and the head's.
        expect(report.cross_encoder_read_back).toBeLessThan(1e-6);
        expect(report.fp32.max_abs_diff_vs_torch).toBeLessThan(1e-4);
        expect(report.q8.max_abs_diff_vs_torch).toBeLessThan(0.02);
        // The tower without its word embeddings (shared with the cross-encoder) is about half a MiniLM.
        expect(report.q8.bytes).toBeLessThan(1.5 * statSync(SHIPPED_Q8).size);
        expect(statSync(path.join(out, 'onnx', 'model_quantized.onnx')).size).toBe(report.q8.bytes);

        const ref = readReference(out) as ReturnType<typeof readReference> & {
          cases: Array<Record<'fp32' | 'q8', { logits: number[] }>>;
        };
        expect(ref.cases.length).toBeGreaterThanOrEqual(10);
        for (const dtype of ['fp32', 'q8'] as const) {
          const backend = await loadModel({
            kind: 'local',
            source: { type: 'path', path: out },
            dtype,
            device: 'cpu',
          });
          try {
            const scores = await backend.score(
              ref.cases.map((c) => ({ conversation: c.conversation, response: c.response })),
            );
            scores.forEach((s, i) => {
              const c = ref.cases[i]!;
              expect(s.tokenCount, c.name).toBe(c.input_ids.length);
              // As for every shipped model: the engine runs ORT's full graph optimisation on fp32.
              expect(Math.abs(s.logits[0]! - c[dtype].logits[0]!), `${dtype} ${c.name}`).toBeLessThan(
                dtype === 'fp32' ? 1e-4 : 1e-3,
              );
            });
          } finally {
            await backend.dispose();
          }
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
