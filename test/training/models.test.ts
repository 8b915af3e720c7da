/**
 * The committed embedded models reproduce their reference.json: onnxruntime-node on the stored input_ids (fp32 within
 * 1e-4, q8 within 1e-3 at graphOptimizationLevel 'basic'), transformers.js tokenization of each case, and the BERT
 * model through transformers.js' AutoModelForSequenceClassification.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AutoModelForSequenceClassification, AutoTokenizer, Tensor, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { flattenPromptSide, planPairTruncation, truncateDecoderIds } from '../../src/core/flatten';
import { EXPECTED_MODELS, SHIPPED_DTYPES } from '../engine/reference';
import { MODELS_DIR, maxDiff, readReference } from './helpers';

async function tokenizerFor(name: string) {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${MODELS_DIR}/`;
  return AutoTokenizer.from_pretrained(name);
}

const ids = (t: { data: ArrayLike<bigint | number> }) => Array.from(t.data, Number);

// minilm-reward ships q8 only (public/models size budget); its fp32 parity runs in the training smoke test.
const shipsFp32 = (name: string) => SHIPPED_DTYPES[name]!.includes('fp32');

for (const name of EXPECTED_MODELS) {
  const dir = join(MODELS_DIR, name);
  describe.skipIf(!existsSync(join(dir, 'reference.json')))(`embedded model ${name}`, () => {
    const ref = existsSync(join(dir, 'reference.json')) ? readReference(dir) : null!;

    it('has at least 10 reference cases, one of them truncated', () => {
      expect(ref.model).toBe(name);
      expect(ref.max_length).toBe(256);
      expect(ref.cases.length).toBeGreaterThanOrEqual(10);
      expect(ref.cases.some((c) => c.truncated)).toBe(true);
    });

    it.skipIf(!shipsFp32(name))(
      'onnxruntime-node fp32 reproduces the PyTorch logits within 1e-4',
      async () => {
        expect(await maxDiff(join(dir, 'onnx/model.onnx'), ref, (c) => c.fp32.logits)).toBeLessThan(1e-4);
      },
    );

    it('onnxruntime-node q8 reproduces the q8 reference within 1e-3', async () => {
      expect(await maxDiff(join(dir, 'onnx/model_quantized.onnx'), ref, (c) => c.q8.logits)).toBeLessThan(
        1e-3,
      );
    });

    it('transformers.js AutoTokenizer reproduces every case’s input_ids', async () => {
      const tok = await tokenizerFor(name);
      for (const c of ref.cases) {
        if (ref.family === 'encoder') {
          const side = flattenPromptSide(c.conversation);
          const p = ids(tok(side, { add_special_tokens: false }).input_ids);
          const r = ids(tok(c.response, { add_special_tokens: false }).input_ids);
          const plan = planPairTruncation(p.length, r.length, ref.max_length - 3);
          const [cls, sep] = tok.convert_tokens_to_ids(['[CLS]', '[SEP]']) as number[];
          const got = [
            cls,
            ...p.slice(p.length - plan.keepPrompt),
            sep,
            ...r.slice(0, plan.keepResponse),
            sep,
          ];
          expect(got, c.name).toEqual(c.input_ids);
          expect(plan.truncated, c.name).toBe(c.truncated);
          if (!plan.truncated) {
            const enc = tok(side, { text_pair: c.response });
            expect(ids(enc.input_ids), c.name).toEqual(c.input_ids);
            expect(ids(enc.token_type_ids!), c.name).toEqual(c.token_type_ids);
          }
        } else {
          const messages = [
            ...(c.conversation.system ? [{ role: 'system', content: c.conversation.system }] : []),
            ...c.conversation.turns,
            { role: 'assistant', content: c.response },
          ];
          const text = tok.apply_chat_template(messages, { tokenize: false }) as string;
          let got = ids(tok(text).input_ids);
          const bos = (tok.convert_tokens_to_ids(['<|begin_of_text|>']) as number[])[0]!;
          expect(got.slice(0, 2), `${c.name}: template BOS + post-processor BOS`).toEqual([bos, bos]);
          got = got.slice(1);
          const t = truncateDecoderIds(got, ref.max_length, bos);
          expect(t.ids, c.name).toEqual(c.input_ids);
          expect(t.truncated, c.name).toBe(c.truncated);
        }
      }
    });

    it.skipIf(name === 'tiny-llama-reward')(
      'loads in transformers.js as AutoModelForSequenceClassification (fp32 and q8)',
      async () => {
        env.allowRemoteModels = false;
        env.allowLocalModels = true;
        env.localModelPath = `${MODELS_DIR}/`;
        for (const dtype of shipsFp32(name) ? (['fp32', 'q8'] as const) : (['q8'] as const)) {
          const model = await AutoModelForSequenceClassification.from_pretrained(name, { dtype });
          for (const c of ref.cases) {
            const t = (xs: number[]) =>
              new Tensor('int64', BigInt64Array.from(xs.map(BigInt)), [1, xs.length]);
            const out = await model({
              input_ids: t(c.input_ids),
              attention_mask: t(c.input_ids.map(() => 1)),
              token_type_ids: t(c.token_type_ids ?? []),
            });
            const got = Array.from(out.logits.data as Float32Array);
            // transformers.js' Node backend uses ORT's default (full) optimisation: q8 can drift ~4e-2
            // (docs/architecture.md, 'Quantization').
            const tol = dtype === 'fp32' ? 1e-4 : 1e-1;
            expect(Math.abs(got[0]! - c[dtype].logits[0]!), `${dtype} ${c.name}`).toBeLessThan(tol);
          }
          await model.dispose();
        }
      },
      60_000,
    );
  });
}
