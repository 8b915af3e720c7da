/**
 * The engine's browser runtime (inside the Web Worker): onnxruntime-web (WASM, or WebGPU when it works),
 * model files served by this app (/models/…), the Hub or a mirror, with the Cache API.
 * The ORT runtime files are served locally: without wasmPaths ORT would fetch them from a CDN.
 */
import { env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-web/webgpu';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { RewardError } from '../core/errors';
import type { ModelSource } from '../core/types';
import { downloadFile, hubFileUrl } from './local/download';
import type { EngineRuntime, ExecutionDevice, OrtAdapter, SessionOptionsLike } from './runtime';

export interface WebGpuStatus {
  available: boolean;
  reason?: string;
  adapter?: string;
  /** A software adapter (SwiftShader): correct, but far slower than WASM. */
  fallbackAdapter?: boolean;
}

export const browserSettings = {
  /** Where Hub ids resolve. Tests point it at a local mirror in the Hub's URL layout. */
  hubHost: 'https://huggingface.co/',
  /** The app's base URL; embedded models live at `${appBase}models/<name>/`. */
  appBase: new URL('/', self.location.href).href,
  /** WASM threads; takes effect only before the first session is created. */
  numThreads: self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1,
};

const wasmPaths = {
  mjs: new URL(ortMjsUrl, self.location.href).href,
  wasm: new URL(ortWasmUrl, self.location.href).href,
};
ort.env.wasm.wasmPaths = wasmPaths;
const onnxEnv = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
onnxEnv.wasm = { ...(onnxEnv.wasm ?? {}), wasmPaths };

/** Several threads need cross-origin isolation (COOP/COEP on every server of the app); else ORT uses one. */
function applyThreads(): void {
  ort.env.wasm.numThreads = browserSettings.numThreads;
  if (onnxEnv.wasm) onnxEnv.wasm.numThreads = browserSettings.numThreads;
}

let webGpuProbe: Promise<WebGpuStatus> | null = null;

export function probeWebGpu(): Promise<WebGpuStatus> {
  webGpuProbe ??= (async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu)
      return { available: false, reason: 'this browser exposes no WebGPU (navigator.gpu is undefined)' };
    try {
      const adapter = (await gpu.requestAdapter()) as {
        info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
        isFallbackAdapter?: boolean;
      } | null;
      if (!adapter) return { available: false, reason: 'navigator.gpu.requestAdapter() returned no adapter' };
      const info = adapter.info ?? {};
      const fallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
      const name =
        [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
      return {
        available: true,
        adapter: fallbackAdapter ? `${name} (software fallback)` : name,
        fallbackAdapter,
      };
    } catch (e) {
      return { available: false, reason: `requestAdapter failed: ${(e as Error).message}` };
    }
  })();
  return webGpuProbe;
}

function sessionOptions(quantized: boolean): SessionOptionsLike {
  return { graphOptimizationLevel: quantized ? 'basic' : 'all' };
}

const ortAdapter: OrtAdapter = {
  async createSession(model, device, quantized) {
    applyThreads();
    return ort.InferenceSession.create(model, {
      executionProviders: [device === 'cpu' ? 'wasm' : device],
      ...sessionOptions(quantized),
    });
  },
  int64: (data, dims) => new ort.Tensor('int64', data, dims),
};

function embeddedUrl(name: string, file: string): string {
  return `${browserSettings.appBase}models/${name}/${file}`;
}

export const browserRuntime: EngineRuntime = {
  platform: 'browser',
  ort: ortAdapter,
  sessionOptions,
  async devicePlan(requested) {
    if (requested === 'wasm' || requested === 'cpu') return { devices: ['wasm'] };
    const gpu = await probeWebGpu();
    if (!gpu.available) return { devices: ['wasm'], note: `WebGPU unavailable: ${gpu.reason}` };
    if (requested === 'auto' && gpu.fallbackAdapter) {
      return {
        devices: ['wasm'],
        note: `WebGPU adapter ${gpu.adapter} is slower than WASM here`,
      };
    }
    const devices: ExecutionDevice[] = ['webgpu', 'wasm'];
    return { devices };
  },
  prepareTransformers(source: ModelSource) {
    applyThreads();
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
    if (source.type === 'hub') {
      env.remoteHost = browserSettings.hubHost;
      return { modelId: source.id, revision: source.revision };
    }
    if (source.type === 'url') {
      env.remoteHost = source.baseUrl.endsWith('/') ? source.baseUrl : `${source.baseUrl}/`;
      return { modelId: source.id, revision: source.revision };
    }
    throw new RewardError('model', 'A folder on disk can only be loaded in Node; in the browser use a URL.');
  },
  fetchFile(source, file, options) {
    switch (source.type) {
      case 'embedded':
        return downloadFile(embeddedUrl(source.name, file), options, false);
      case 'hub':
        return downloadFile(hubFileUrl(browserSettings.hubHost, source.id, source.revision, file), options);
      case 'url':
        return downloadFile(hubFileUrl(source.baseUrl, source.id, source.revision, file), options);
      case 'path':
        throw new RewardError(
          'model',
          'A folder on disk can only be loaded in Node; in the browser use a URL.',
        );
    }
  },
  describe(source) {
    switch (source.type) {
      case 'embedded':
        return source.name;
      case 'path':
        return source.path;
      case 'hub':
        return `${source.id} (${browserSettings.hubHost})`;
      case 'url':
        return `${source.id} (${source.baseUrl})`;
    }
  },
};
