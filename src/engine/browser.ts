/**
 * The engine's browser runtime (inside the Web Worker): onnxruntime-web (WASM, or WebGPU when it works),
 * model files served by this app (/models/…), the Hub or a mirror, with the Cache API, or a folder the user
 * opened (opened-folder.ts).
 * The ORT runtime files are served locally: without wasmPaths ORT would fetch them from a CDN.
 *
 * Two ORT builds: the asyncify one, which WebGPU needs, and the plain WASM one, 1.3–2.3× faster on the CPU
 * in our runs (BENCHMARKS.md), which both backends' sessions use on WASM.
 * Each build's .wasm is fetched only when a session first needs it.
 */
import { env } from '@huggingface/transformers';
import * as ortGpu from 'onnxruntime-web/webgpu';
import * as ortWasm from 'onnxruntime-web/wasm';
import gpuMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import gpuWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import plainMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import plainWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { RewardError } from '../core/errors';
import type { ModelSource } from '../core/types';
import { downloadFile, hubFileUrl, peekUrl } from './local/download';
import { INLINE_WEIGHTS_PATH, weightsAsExternalData } from './local/inline-weights';
import { describeSource, remoteRoot, withSlash } from './model-source';
import { folderFetch, peekFolderFile, readFolderFile, serveFolder } from './opened-folder';
import { planBrowserDevices } from './device-plan';
import { DEFAULT_UNPACK_LIMIT_BYTES } from './local/fold-weights';
import {
  baseSessionOptions,
  type EngineRuntime,
  type ExecutionDevice,
  type OrtAdapter,
  type OrtSessionLike,
} from './runtime';
import type { ThreadChoice } from './contract';
import { probeThreads } from './thread-probe';

export interface WebGpuStatus {
  available: boolean;
  reason?: string;
  /** Why it is unavailable: the browser has no WebGPU API at all, or it has one but no adapter. */
  missing?: 'api' | 'adapter';
  adapter?: string;
  /** A software adapter (SwiftShader): correct, but far slower than WASM. */
  fallbackAdapter?: boolean;
  /** The adapter offers `shader-f16` (needed for fp16 weights on WebGPU). */
  shaderF16?: boolean;
}

export const browserSettings = {
  /** The app's base URL; embedded models live at `${appBase}models/<name>/`. */
  appBase: new URL('/', self.location.href).href,
  /**
   * WASM threads, or 'auto': measured before the first session (thread-probe.ts). Takes effect only before the
   * first session is created.
   */
  numThreads: 'auto' as number | 'auto',
};

let threadChoice: Promise<ThreadChoice> | null = null;

/** The thread count the first session fixes for this worker: the setting, or what the probe measured. */
function settleThreads(device: ExecutionDevice): Promise<ThreadChoice> {
  threadChoice ??= (async () => {
    const set = browserSettings.numThreads;
    if (set !== 'auto') return { threads: set, why: 'set by the caller' };
    const cores = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
    // The probe's helper workers stalled a first WebGPU session that overlapped other scoring
    // (e2e/engine/webgpu-overlap.spec.ts); a WebGPU-first worker keeps the core count, as before the probe.
    if (device === 'webgpu') {
      browserSettings.numThreads = cores;
      return { threads: cores, why: 'the first session ran on WebGPU: the core count, unmeasured' };
    }
    const choice = await probeThreads(cores);
    browserSettings.numThreads = choice.threads;
    return choice;
  })();
  return threadChoice;
}
let settledThreads: ThreadChoice | undefined;

const abs = (url: string) => new URL(url, self.location.href).href;
const gpuWasmPaths = { mjs: abs(gpuMjsUrl), wasm: abs(gpuWasmUrl) };
ortGpu.env.wasm.wasmPaths = gpuWasmPaths;
ortWasm.env.wasm.wasmPaths = { mjs: abs(plainMjsUrl), wasm: abs(plainWasmUrl) };
// transformers.js reads an opened folder's tokenizer files through env.fetch (opened-folder.ts).
env.fetch = folderFetch((input, init) => fetch(input, init));
const onnxEnv = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
onnxEnv.wasm = { ...(onnxEnv.wasm ?? {}), wasmPaths: gpuWasmPaths };

/** Several threads need cross-origin isolation (COOP/COEP on every server of the app); else ORT uses one. */
async function applyThreads(device: ExecutionDevice): Promise<void> {
  settledThreads = await settleThreads(device);
  const n = settledThreads.threads;
  ortGpu.env.wasm.numThreads = n;
  ortWasm.env.wasm.numThreads = n;
  if (onnxEnv.wasm) onnxEnv.wasm.numThreads = n;
}

let webGpuProbe: Promise<WebGpuStatus> | null = null;

export function probeWebGpu(): Promise<WebGpuStatus> {
  webGpuProbe ??= (async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu)
      return {
        available: false,
        missing: 'api',
        reason: 'this browser exposes no WebGPU (navigator.gpu is undefined)',
      };
    try {
      const adapter = (await gpu.requestAdapter()) as {
        info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
        isFallbackAdapter?: boolean;
        features?: { has(name: string): boolean };
      } | null;
      if (!adapter)
        return {
          available: false,
          missing: 'adapter',
          reason: 'navigator.gpu.requestAdapter() returned no adapter',
        };
      const info = adapter.info ?? {};
      const fallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
      const name =
        [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
      return {
        available: true,
        adapter: fallbackAdapter ? `${name} (software fallback)` : name,
        fallbackAdapter,
        shaderF16: adapter.features?.has('shader-f16') ?? false,
      };
    } catch (e) {
      return {
        available: false,
        missing: 'adapter',
        reason: `requestAdapter failed: ${(e as Error).message}`,
      };
    }
  })();
  return webGpuProbe;
}

let ortQueue: Promise<unknown> = Promise.resolve();

/**
 * One ORT call (session creation, run, release) at a time in this worker. WebGPU sessions of both
 * backends share one asyncify ORT instance, which cannot take a second call while one is suspended
 * awaiting the GPU: overlapping calls corrupted its stack ("RuntimeError: memory access out of bounds").
 */
function exclusive<T>(call: () => Promise<T>): Promise<T> {
  const next = ortQueue.then(call, call);
  ortQueue = next.catch(() => undefined);
  return next;
}

/** Each build checks tensors against its own Tensor class, so feeds are re-wrapped (no data copy). */
function sessionOf(ort: typeof ortWasm, session: ortWasm.InferenceSession): OrtSessionLike {
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run: (feeds) =>
      exclusive(() =>
        session.run(
          Object.fromEntries(
            Object.entries(feeds).map(([name, t]) => [
              name,
              new ort.Tensor(t.type as 'int64', t.data as BigInt64Array, t.dims),
            ]),
          ),
        ),
      ),
    release: () => exclusive(() => session.release()),
  };
}

/** Builds whose WebAssembly is already compiled in this worker. */
const startedBuilds = new Set<'plain' | 'asyncify'>();

const ortAdapter: OrtAdapter = {
  async createSession(model, device, plan, externalData, onStatus) {
    await applyThreads(device);
    const ort = device === 'webgpu' ? ortGpu : ortWasm;
    const build = device === 'webgpu' ? 'asyncify' : 'plain';
    // The first session of a build fetches (or takes from the browser's caches) and compiles its .wasm.
    onStatus?.(
      startedBuilds.has(build)
        ? 'Preparing the model weights…'
        : `Compiling the engine (ONNX Runtime ${device === 'webgpu' ? 'WebGPU' : 'WebAssembly'}) and preparing the model weights…`,
    );
    // A one-file graph goes in as a small graph plus its own bytes as external data: built from one buffer, ONNX
    // Runtime Web would hold the whole file twice over while it makes the session (local/inline-weights.ts).
    const split = externalData?.length ? null : weightsAsExternalData(model);
    const files = split ? [{ path: INLINE_WEIGHTS_PATH, data: model }] : (externalData ?? []);
    const session = await exclusive(() =>
      ort.InferenceSession.create(split?.graph ?? model, {
        executionProviders: [device === 'webgpu' ? 'webgpu' : 'wasm'],
        ...baseSessionOptions(plan),
        ...(files.length ? { externalData: [...files] } : {}),
      }),
    ).finally(() => {
      // ONNX Runtime holds its own copy now. Left to the garbage collector, the fetched file stayed resident
      // through every later score (a 0.6B model's whole size: BENCHMARKS.md, "Real scale").
      freeNow(model);
      for (const file of externalData ?? []) freeNow(file.data);
    });
    startedBuilds.add(build);
    return sessionOf(ort, session);
  },
  int64: (data, dims) => new ortWasm.Tensor('int64', data, dims),
  threads: () => settledThreads,
};

/** Frees a buffer's memory now instead of at some later garbage collection: ES2024's ArrayBuffer.transfer(0)
 * detaches it (and every view of it) and drops its bytes. */
function freeNow(bytes: Uint8Array): void {
  const buffer: ArrayBufferLike & { transfer?: (length: number) => ArrayBuffer; detached?: boolean } =
    bytes.buffer;
  // Only a buffer the view spans whole: a view into a shared buffer must not take its neighbours with it.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  if (whole && buffer instanceof ArrayBuffer && typeof buffer.transfer === 'function' && !buffer.detached)
    buffer.transfer(0);
}

function embeddedUrl(name: string, file: string): string {
  return `${browserSettings.appBase}models/${name}/${file}`;
}

function fileUrl(source: ModelSource, file: string): string {
  switch (source.type) {
    case 'embedded':
      return embeddedUrl(source.name, file);
    case 'hub':
    case 'url':
      return hubFileUrl(remoteRoot(source), source.id, source.revision, file);
    case 'path':
    case 'files':
      throw new RewardError(
        'model',
        'A folder path can only be loaded in Node; in the browser open the folder (Source: Folder) or use a URL.',
      );
  }
}

export const browserRuntime: EngineRuntime = {
  platform: 'browser',
  ort: ortAdapter,
  sessionOptions: baseSessionOptions,
  unpackLimitBytes: DEFAULT_UNPACK_LIMIT_BYTES,
  async devicePlan(requested, options) {
    const gpu = requested === 'wasm' || requested === 'cpu' ? null : await probeWebGpu();
    return planBrowserDevices(requested, gpu, options?.halfPrecision ?? false);
  },
  prepareTransformers(source: ModelSource) {
    // transformers.js only tokenizes here; its ORT settings follow ours once the thread count is settled.
    if (onnxEnv.wasm && typeof browserSettings.numThreads === 'number')
      onnxEnv.wasm.numThreads = browserSettings.numThreads;
    env.useBrowserCache = true;
    if (source.type === 'embedded') {
      env.allowLocalModels = true;
      env.allowRemoteModels = false;
      // A path, not a full URL: transformers.js joins it with '/' and would fold the '//' of 'http://'.
      env.localModelPath = `${new URL(browserSettings.appBase).pathname}models/`;
      return { modelId: source.name };
    }
    // A local-path lookup first would hit the dev server's HTML fallback for unknown paths.
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    if (source.type === 'hub' || source.type === 'url') {
      env.remoteHost = withSlash(remoteRoot(source));
      return { modelId: source.id, revision: source.revision };
    }
    if (source.type === 'files') {
      // Answered from the opened files by env.fetch; nothing of it goes into the Cache API.
      env.useBrowserCache = false;
      env.remoteHost = serveFolder(browserSettings.appBase, source);
      return { modelId: 'folder' };
    }
    throw new RewardError(
      'model',
      'A folder path can only be loaded in Node; in the browser open the folder (Source: Folder) or use a URL.',
    );
  },
  peekFile(source, file, options) {
    if (source.type === 'files') return peekFolderFile(source, file);
    return peekUrl(fileUrl(source, file), options?.signal);
  },
  fetchFile(source, file, options) {
    switch (source.type) {
      case 'files':
        return readFolderFile(source, file, options);
      case 'embedded':
        return downloadFile(embeddedUrl(source.name, file), options, false);
      default:
        return downloadFile(fileUrl(source, file), options);
    }
  },
  describe: (source) => describeSource(source),
};
