/**
 * Times a bare onnxruntime-web session (no engine, no worker, no tokenizer) so the benchmarks can tell the
 * runtime's own WASM speed apart from the engine's overhead. Three builds of the same runtime: the plain WASM
 * one (what the engine runs on WASM), the asyncify one (WebGPU through asyncify) and the JSPI one (WebGPU
 * through JavaScript Promise Integration). A page takes one build and one thread count: ONNX Runtime reads
 * `numThreads` once, when its first session starts.
 */
import * as ortAsyncify from 'onnxruntime-web/webgpu';
import * as ortJspi from 'onnxruntime-web/jspi';
import * as ortPlain from 'onnxruntime-web/wasm';
import asyncifyMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import asyncifyWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import jspiMjs from 'onnxruntime-web/ort-wasm-simd-threaded.jspi.mjs?url';
import jspiWasm from 'onnxruntime-web/ort-wasm-simd-threaded.jspi.wasm?url';
import plainMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import plainWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

type Build = 'asyncify' | 'plain' | 'jspi';

/** One timed feed: `[batch, length]` int64 inputs (ids 5, mask 1, token types 0) or a float matrix input. */
interface RawCase {
  modelUrl: string;
  batch: number;
  length: number;
  runs: number;
  warmup?: number;
  foldWeights?: boolean;
  /** Float input `[batch, length]` named `x` instead of token inputs (single-op graphs). */
  floatInput?: boolean;
  device?: 'wasm' | 'webgpu';
  /** The engine's session options for this file (default: 'basic', as for quantized files). */
  sessionOptions?: {
    graphOptimizationLevel: 'disabled' | 'basic' | 'extended' | 'all';
    extra?: Record<string, unknown>;
    /** ONNX Runtime prints the profile to the console when the session is released. */
    enableProfiling?: boolean;
  };
}

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
    /** Every run's wall time (ms) for each case, in order; `threads` applies from this page's first session on. */
    rawSessionTimes(
      build: Build,
      threads: number,
      cases: RawCase[],
    ): Promise<{ times: number[][]; crossOriginIsolated: boolean; errors: (string | null)[] }>;
  }
}

const abs = (u: string) => new URL(u, location.href).href;
const BUILDS = {
  asyncify: { ort: ortAsyncify, mjs: asyncifyMjs, wasm: asyncifyWasm },
  jspi: { ort: ortJspi, mjs: jspiMjs, wasm: jspiWasm },
  plain: { ort: ortPlain, mjs: plainMjs, wasm: plainWasm },
} as const;

function runtime(build: Build, threads: number) {
  const b = BUILDS[build];
  b.ort.env.wasm.numThreads = threads;
  b.ort.env.wasm.wasmPaths = { mjs: abs(b.mjs), wasm: abs(b.wasm) };
  return b.ort as typeof ortPlain;
}

async function timeCase(ort: typeof ortPlain, c: RawCase): Promise<number[]> {
  const bytes = new Uint8Array(await (await fetch(c.modelUrl)).arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: [c.device ?? 'wasm'],
    graphOptimizationLevel: 'basic',
    ...(c.foldWeights ? { extra: { session: { disable_quant_qdq: '1' } } } : {}),
    ...c.sessionOptions,
  });
  try {
    const dims = [c.batch, c.length];
    const feeds: Record<string, ortPlain.Tensor> = {};
    for (const name of session.inputNames) {
      feeds[name] = c.floatInput
        ? new ort.Tensor('float32', new Float32Array(c.batch * c.length).fill(0.5), dims)
        : new ort.Tensor(
            'int64',
            new BigInt64Array(c.batch * c.length).fill(
              name === 'attention_mask' ? 1n : name === 'token_type_ids' ? 0n : 5n,
            ),
            dims,
          );
    }
    for (let i = 0; i < (c.warmup ?? 2); i++) await session.run(feeds);
    const times: number[] = [];
    for (let i = 0; i < c.runs; i++) {
      const t = performance.now();
      await session.run(feeds);
      times.push(performance.now() - t);
    }
    return times;
  } finally {
    await session.release();
  }
}

window.timeRawSession = async (build, modelUrl, batch, length, runs, foldWeights = false) => {
  const times = await timeCase(runtime(build, 1), { modelUrl, batch, length, runs, warmup: 10, foldWeights });
  return times.reduce((a, b) => a + b, 0) / runs;
};

window.rawSessionTimes = async (build, threads, cases) => {
  const ort = runtime(build, threads);
  const times: number[][] = [];
  const errors: (string | null)[] = [];
  for (const c of cases) {
    try {
      times.push(await timeCase(ort, c));
      errors.push(null);
    } catch (e) {
      times.push([]);
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { times, crossOriginIsolated: self.crossOriginIsolated, errors };
};

document.getElementById('status')!.textContent = 'ready';
