/**
 * The model flags shared by every command (annotate, eval, serve) and how they become a ModelSpec and
 * a loaded model: an embedded model name, a model folder, or a remote engine.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { RewardError } from '../src/core/errors';
import {
  DTYPES,
  type Dtype,
  type ModelSpec,
  REMOTE_ENGINES,
  type RemoteEngine,
  type ScoringSettings,
} from '../src/core/types';
import { DEFAULT_DTYPE, DEFAULT_EMBEDDED_MODEL } from '../src/engine/defaults';
import { EMBEDDED_MODELS_DIR } from '../src/engine/models-dir';

/** --dtype, or the default: q8 when the folder has its file (onnx/model_quantized.onnx), else fp32. */
function dtypeFor(dir: string, given: Dtype | undefined): Dtype {
  if (given) return given;
  return existsSync(join(dir, 'onnx', 'model_quantized.onnx')) ? DEFAULT_DTYPE : 'fp32';
}

export interface ModelFlags {
  model?: string;
  /** Default: q8 when the model ships it (as the browser loads), else fp32. */
  dtype?: Dtype;
  maxLength?: number;
  alpha?: number;
  remote?: RemoteEngine;
  baseUrl?: string;
  modelId?: string;
  apiKeyEnv?: string;
  timeoutMs?: number;
}

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0)
      throw new RewardError('input', `${name} must be a positive integer, got "${v}"`);
    return n;
  };
}

function finite(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new RewardError('input', `${name} must be a number, got "${v}"`);
    return n;
  };
}

/** Adds --model, --dtype, --max-length, --alpha and the --remote family to a command. */
export function addModelOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '-m, --model <name|dir>',
        `embedded model name (public/models/<name>) or a model folder (default: ${DEFAULT_EMBEDDED_MODEL})`,
      ),
    )
    .addOption(
      new Option(
        '--dtype <dtype>',
        'weights to load for local models (default: q8 as in the browser, fp32 when the model has no q8 file)',
      ).choices(DTYPES),
    )
    .addOption(
      new Option('--max-length <tokens>', 'max input tokens (default: the model’s own)').argParser(
        positiveInt('--max-length'),
      ),
    )
    .addOption(
      new Option('--alpha <n>', 'encoder score scale (score = logit × alpha)').argParser(finite('--alpha')),
    )
    .addOption(new Option('--remote <engine>', 'score with a remote engine instead').choices(REMOTE_ENGINES))
    .addOption(
      new Option('--base-url <url>', 'remote engine base URL, e.g. https://integrate.api.nvidia.com/v1'),
    )
    .addOption(new Option('--model-id <id>', 'model id sent to the remote engine'))
    .addOption(new Option('--api-key-env <VAR>', 'environment variable holding the remote API key'))
    .addOption(
      new Option('--timeout-ms <ms>', 'remote request timeout').argParser(positiveInt('--timeout-ms')),
    );
}

export function embeddedModels(): string[] {
  if (!existsSync(EMBEDDED_MODELS_DIR)) return [];
  return readdirSync(EMBEDDED_MODELS_DIR).filter((n) =>
    existsSync(join(EMBEDDED_MODELS_DIR, n, 'config.json')),
  );
}

/** Flags → ModelSpec, with a message saying what to pass when something is missing or wrong. */
export function specFromFlags(f: ModelFlags, env: NodeJS.ProcessEnv = process.env): ModelSpec {
  if (f.remote) {
    if (!f.baseUrl) throw new RewardError('input', `--remote ${f.remote} needs --base-url`);
    let url: URL;
    try {
      url = new URL(f.baseUrl);
    } catch {
      throw new RewardError('input', `--base-url is not a URL: "${f.baseUrl}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new RewardError('input', `--base-url must be http(s), got "${url.protocol}"`);
    }
    if (f.remote !== 'tei' && !f.modelId)
      throw new RewardError('input', `--remote ${f.remote} needs --model-id`);
    let apiKey: string | undefined;
    if (f.apiKeyEnv) {
      apiKey = env[f.apiKeyEnv];
      if (!apiKey)
        throw new RewardError(
          'input',
          `--api-key-env ${f.apiKeyEnv}: that environment variable is empty or unset`,
        );
    }
    const spec: ModelSpec = {
      kind: 'remote',
      engine: f.remote,
      baseUrl: f.baseUrl,
      model: f.modelId ?? 'tei',
    };
    if (apiKey) spec.apiKey = apiKey;
    if (f.timeoutMs) spec.timeoutMs = f.timeoutMs;
    return spec;
  }
  const model = f.model ?? DEFAULT_EMBEDDED_MODEL;
  const asPath = resolve(model);
  const isDir = existsSync(asPath) && statSync(asPath).isDirectory();
  let spec: ModelSpec;
  if (isDir && existsSync(join(asPath, 'config.json'))) {
    spec = {
      kind: 'local',
      source: { type: 'path', path: asPath },
      dtype: dtypeFor(asPath, f.dtype),
      device: 'cpu',
    };
  } else if (/^[\w.-]+$/.test(model) && existsSync(join(EMBEDDED_MODELS_DIR, model, 'config.json'))) {
    spec = {
      kind: 'local',
      source: { type: 'embedded', name: model },
      dtype: dtypeFor(join(EMBEDDED_MODELS_DIR, model), f.dtype),
      device: 'cpu',
    };
  } else {
    const names = embeddedModels();
    throw new RewardError(
      'input',
      isDir
        ? `${asPath} has no config.json: not a model folder in transformers.js layout`
        : `Unknown model "${model}": not a folder and not an embedded model (embedded: ${names.join(', ') || 'none found in public/models'})`,
    );
  }
  if (f.maxLength) spec.maxLength = f.maxLength;
  return spec;
}

/** Flags → how outputs become a score (--alpha, local models); the model's own defaults otherwise. */
export function scoringFromFlags(f: ModelFlags): ScoringSettings {
  return f.alpha !== undefined && !f.remote ? { alpha: f.alpha } : {};
}

/** A readable id for the model a spec names (the served model name by default). */
export function specName(spec: ModelSpec): string {
  if (spec.kind === 'remote') return spec.model;
  const s = spec.source;
  switch (s.type) {
    case 'embedded':
    case 'files':
      return s.name;
    case 'path':
      return basename(s.path);
    case 'hub':
    case 'url':
      return s.id;
  }
}

/** What a spec scores with, for the annotate resume marker (never the API key or URL credentials). */
export function describeSpec(spec: ModelSpec, scoring: ScoringSettings = {}): string {
  if (spec.kind === 'remote') {
    let host = spec.baseUrl;
    try {
      const u = new URL(spec.baseUrl);
      host = `${u.protocol}//${u.host}${u.pathname}`;
    } catch {
      // specFromFlags has already checked it
    }
    return `${spec.engine} ${spec.model} at ${host}`;
  }
  const extra = [
    spec.maxLength ? `max length ${spec.maxLength}` : '',
    scoring.alpha !== undefined ? `alpha ${scoring.alpha}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${specName(spec)} (${spec.dtype}${extra ? `, ${extra}` : ''})`;
}
