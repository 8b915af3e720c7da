/**
 * Times a bare onnxruntime-web session (no engine, no worker, no tokenizer) so the benchmark can tell
 * the runtime's own WASM speed apart from the engine's overhead. Two builds: the asyncify one that
 * WebGPU needs (and transformers.js uses), and the plain WASM one.
 */
import * as ortAsyncify from 'onnxruntime-web/webgpu';
import * as ortPlain from 'onnxruntime-web/wasm';
import asyncifyMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import asyncifyWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import plainMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import plainWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

type Build = 'asyncify' | 'plain';

declare global {
  interface Window {
    timeRawSession(
      build: Build,
      modelUrl: string,
      batch: number,
      length: number,
      runs: number,
      foldWeights?: boolean,
    ): Promise<number>;
  }
}

const abs = (u: string) => new URL(u, location.href).href;

window.timeRawSession = async (build, modelUrl, batch, length, runs, foldWeights = false) => {
  const ort = build === 'asyncify' ? ortAsyncify : ortPlain;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths =
    build === 'asyncify'
      ? { mjs: abs(asyncifyMjs), wasm: abs(asyncifyWasm) }
      : { mjs: abs(plainMjs), wasm: abs(plainWasm) };
  const bytes = new Uint8Array(await (await fetch(modelUrl)).arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'basic',
    ...(foldWeights ? { extra: { session: { disable_quant_qdq: '1' } } } : {}),
  });
  const dims = [batch, length];
  const feeds: Record<string, ortPlain.Tensor> = {};
  for (const name of session.inputNames) {
    const fill = name === 'attention_mask' ? 1n : name === 'token_type_ids' ? 0n : 5n;
    feeds[name] = new ort.Tensor('int64', new BigInt64Array(batch * length).fill(fill), dims);
  }
  for (let i = 0; i < 10; i++) await session.run(feeds);
  const start = performance.now();
  for (let i = 0; i < runs; i++) await session.run(feeds);
  return (performance.now() - start) / runs;
};

document.getElementById('status')!.textContent = 'ready';
