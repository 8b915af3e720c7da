/**
 * The engine's Node runtime: onnxruntime-node on CPU, model files from disk (embedded models and
 * folders) or over HTTP (Hub ids and mirrors). Used by the server, the CLI and the Node tests.
 */
import { open, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { RewardError } from '../core/errors';
import type { ModelSource, ModelSpec } from '../core/types';
import { loadBackendWith } from './load-backend';
import { modelOf } from './model-handle';
import { downloadFile, hubFileUrl, peekUrl } from './local/download';
import { describeSource, remoteRoot, withSlash } from './model-source';
import { EMBEDDED_MODELS_DIR } from './models-dir';
import { DEFAULT_UNPACK_LIMIT_BYTES } from './local/fold-weights';
import {
  baseSessionOptions,
  type EngineRuntime,
  type FetchedFile,
  type OrtAdapter,
  type SessionOptionsLike,
  type SessionPlan,
} from './runtime';
import type { LoadOptions, Model } from './contract';

export { EMBEDDED_MODELS_DIR };

/**
 * Node-side knobs: intra-op threads (0 = onnxruntime's default), e.g. to match the browser's count; and the
 * largest quantized model (fp32 size, MiB) whose int8 weights are unpacked at load (0 = never).
 */
export const nodeSettings = {
  threads: Number(process.env.REWARD_PLAYGROUND_THREADS ?? 0),
  unpackLimitBytes: unpackLimitFromEnv(process.env.REWARD_PLAYGROUND_UNPACK_LIMIT_MB),
};

/** NaN for a bad value: reported when a model loads (inside the CLI's and server's error handling). */
function unpackLimitFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_UNPACK_LIMIT_BYTES;
  const mb = Number(value);
  return Number.isFinite(mb) && mb >= 0 ? mb * 2 ** 20 : NaN;
}

function sessionOptions(plan: SessionPlan): SessionOptionsLike {
  return {
    ...baseSessionOptions(plan),
    ...(nodeSettings.threads > 0 ? { intraOpNumThreads: nodeSettings.threads, interOpNumThreads: 1 } : {}),
  };
}

const ortAdapter: OrtAdapter = {
  async createSession(model, _device, plan, externalData) {
    return ort.InferenceSession.create(model, {
      executionProviders: ['cpu'],
      ...sessionOptions(plan),
      ...(externalData?.length ? { externalData: [...externalData] } : {}),
    });
  },
  int64: (data, dims) => new ort.Tensor('int64', data, dims),
};

/** The one source Node cannot read: files a browser page opened. */
function notInNode(source: ModelSource): RewardError {
  return new RewardError(
    'model',
    `${describeSource(source)} was opened in a browser; in Node pass the folder's path instead (--model DIR).`,
  );
}

function localDir(source: ModelSource): string | null {
  if (source.type === 'embedded') return join(EMBEDDED_MODELS_DIR, source.name);
  if (source.type === 'path') return resolve(source.path);
  return null;
}

export const nodeRuntime: EngineRuntime = {
  platform: 'node',
  ort: ortAdapter,
  sessionOptions,
  get unpackLimitBytes() {
    if (Number.isNaN(nodeSettings.unpackLimitBytes)) {
      throw new RewardError(
        'input',
        `REWARD_PLAYGROUND_UNPACK_LIMIT_MB="${process.env.REWARD_PLAYGROUND_UNPACK_LIMIT_MB}" is not a number of MiB ≥ 0 (0 keeps int8 weights packed).`,
      );
    }
    return nodeSettings.unpackLimitBytes;
  },
  async devicePlan(requested) {
    if (requested === 'webgpu' || requested === 'wasm') {
      return { devices: ['cpu'], note: `${requested} is a browser device; Node runs on the CPU` };
    }
    return { devices: ['cpu'] };
  },
  prepareTransformers(source) {
    const dir = localDir(source);
    if (dir) {
      env.allowLocalModels = true;
      env.allowRemoteModels = false;
      env.localModelPath = `${dirname(dir)}/`;
      return { modelId: basename(dir) };
    }
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    if (source.type === 'hub' || source.type === 'url') {
      env.remoteHost = withSlash(remoteRoot(source));
      return { modelId: source.id, revision: source.revision };
    }
    throw notInNode(source);
  },
  async peekFile(source, file, options) {
    const dir = localDir(source);
    if (dir) {
      let handle;
      try {
        handle = await open(join(dir, file), 'r');
      } catch {
        return null;
      }
      try {
        const head = new Uint8Array(16);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        return head.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    }
    if (source.type === 'hub' || source.type === 'url')
      return peekUrl(hubFileUrl(remoteRoot(source), source.id, source.revision, file), options?.signal);
    throw notInNode(source);
  },
  async fetchFile(source, file, options): Promise<FetchedFile> {
    const dir = localDir(source);
    if (dir) {
      const path = join(dir, file);
      try {
        return { bytes: new Uint8Array(await readFile(path)), cached: false };
      } catch (e) {
        throw new RewardError('model', `Cannot read ${path}: ${(e as Error).message}.`, { field: file });
      }
    }
    if (source.type === 'hub' || source.type === 'url')
      return downloadFile(hubFileUrl(remoteRoot(source), source.id, source.revision, file), options);
    throw notInNode(source);
  },
  describe: (source) => describeSource(source, (path) => resolve(path)),
};

/**
 * Loads a model in Node and returns its handle (contract.ts `Model`). Each call loads a model of its own, so
 * disposing one never unloads another caller's.
 */
export async function loadModel(spec: ModelSpec, options?: LoadOptions): Promise<Model> {
  return modelOf(await loadBackendWith(nodeRuntime, spec, options));
}
