/**
 * The skeleton every remote engine shares (docs/architecture.md, 'Remote engines'). Each engine supplies only
 * what differs (nim.ts, tei.ts, vllm.ts): how it describes the model at load and how one request and its reply
 * look. Here: the HttpClient for the spec, the model's info, one probe request at load when the outputs are still
 * unknown (so labels and outputs are complete when load returns), requests of one input run a few at a time and
 * batches one after another, named values → logits in label order (fixed by the first reply) → core/scoring's
 * scoreOf, and the engine's standing warnings.
 */
import { toChatMessages } from '../../core/chat';
import { resolveScoring, scoreOf } from '../../core/scoring';
import type { NamedScore } from '../../core/nim';
import type { RemoteEngine, RemoteModelSpec, ScoreInput, ScoreResult } from '../../core/types';
import { type LoadOptions, type ModelInfo, type ScoreOptions } from '../contract';
import { REMOTE_CAPABILITIES } from '../backend';
import { displayUrl, HttpClient } from './http';
import { adoptLabels } from './labels';
import { scoreEach } from './pool';
import { DEFAULT_CONCURRENCY, type RemoteBackend, type RemoteClientOptions } from './types';

/** What an engine's reply says about one input. */
export interface RemoteReply {
  /** Output names and values, as the engine names them. */
  values: NamedScore[];
  /** Prompt tokens, when the engine reports them (else 0). */
  tokenCount: number;
}

/** The replies of one request, with what error messages quote. */
export interface RemoteExchange {
  path: string;
  body: unknown;
  replies: RemoteReply[];
}

/** What a protocol gets at load: the spec, its HttpClient, the info to fill in, and where to say things. */
export interface RemoteContext {
  spec: RemoteModelSpec;
  http: HttpClient;
  info: ModelInfo;
  status(message: string): void;
  /** Adds a standing warning (once). */
  warn(message: string): void;
  signal?: AbortSignal;
}

/** One engine's part, set up once the model is described. */
export interface RemoteSession {
  /** Inputs per request. */
  batchSize: number;
  /** Requests run a few at a time (one input each: NIM, vLLM), or one after another (TEI's batches). */
  concurrent: boolean;
  request(
    inputs: ScoreInput[],
    options: { truncate: boolean; signal?: AbortSignal },
  ): Promise<RemoteExchange>;
  /** Looks over a whole call's results (vLLM: values that look like probabilities). */
  review?(results: ScoreResult[]): void;
}

/**
 * The session of an engine that takes one conversation per request, `{"model", "messages"}` (NIM's
 * chat/completions, vLLM's classify), a few at a time; `read` turns a reply body into that input's values.
 */
export function chatPerRequest(
  { spec, http }: RemoteContext,
  path: string,
  read: (body: unknown) => RemoteReply,
  /** Fields the engine needs beside model and messages (vLLM: use_activation). */
  extra: Record<string, unknown> = {},
): Omit<RemoteSession, 'review'> {
  return {
    batchSize: 1,
    concurrent: true,
    async request([input], { signal }) {
      const body = await http.postJson(
        path,
        { model: spec.model, messages: toChatMessages(input!), ...extra },
        signal,
      );
      return { path, body, replies: [read(body)] };
    },
  };
}

/** Reads what the server says about the model into `ctx.info` and returns the engine's session. */
export type RemoteProtocol = (ctx: RemoteContext) => Promise<RemoteSession>;

/** Only a placeholder while the server does not say (maxLengthUnknown): never shown as the model's limit. */
export const UNREPORTED_MAX_LENGTH = 4096;

/** Scored at load when the engine has not named its outputs yet (the local loader warms up the same way). */
const PROBE: ScoreInput = {
  conversation: { turns: [{ role: 'user', content: 'Hello?' }] },
  response: 'Hello!',
};

export async function createRemote(
  engine: RemoteEngine,
  protocol: RemoteProtocol,
  spec: RemoteModelSpec,
  options: LoadOptions = {},
  client: RemoteClientOptions = {},
): Promise<RemoteBackend> {
  const http = new HttpClient({ ...spec, tuning: client.tuning });
  const warnings: string[] = [];
  const status = (message: string) => options.onProgress?.({ kind: 'status', message });
  const info: ModelInfo = {
    id: spec.model,
    family: 'remote',
    engine,
    labels: [],
    defaultWeights: {},
    alpha: 1,
    maxLength: UNREPORTED_MAX_LENGTH,
    backend: engine,
    dtype: 'remote',
    capabilities: REMOTE_CAPABILITIES,
  };
  const warn = (message: string) => {
    if (!warnings.includes(message)) warnings.push(message);
  };
  const session = await protocol({ spec, http, info, status, warn, signal: options.signal });

  async function run(inputs: ScoreInput[], opts: ScoreOptions): Promise<ScoreResult[]> {
    const started = performance.now();
    const { path, body, replies } = await session.request(inputs, {
      truncate: opts.truncate ?? true,
      signal: opts.signal,
    });
    if (replies.length !== inputs.length) {
      throw http.replyError(path, `${replies.length} predictions for ${inputs.length} inputs`, body);
    }
    const perInputMs = (performance.now() - started) / inputs.length;
    return replies.map((reply): ScoreResult => {
      const names = reply.values.map((v) => v.name);
      const attributes = Object.fromEntries(reply.values.map((v) => [v.name, v.value]));
      if (Object.keys(attributes).length !== names.length)
        throw http.replyError(path, 'a label appears twice', body);
      const problem = adoptLabels(info, names);
      if (problem) throw http.replyError(path, problem, body);
      const logits = info.labels.map((l) => attributes[l]!);
      return {
        score: scoreOf({ logits, attributes }, resolveScoring(info, opts)),
        attributes,
        logits,
        tokenCount: reply.tokenCount,
        // Remote engines do not say whether they cut an input (TEI's standing warning says so).
        truncated: false,
        backend: engine,
        dtype: 'remote',
        timingMs: perInputMs,
      };
    });
  }

  async function score(inputs: ScoreInput[], opts: ScoreOptions = {}, review = true): Promise<ScoreResult[]> {
    let results: ScoreResult[];
    if (session.concurrent) {
      const concurrency = client.concurrency ?? DEFAULT_CONCURRENCY;
      results = await scoreEach(inputs, concurrency, opts, async (input, signal) => {
        const [r] = await run([input], { ...opts, signal });
        return r!;
      });
    } else {
      results = [];
      for (let i = 0; i < inputs.length; i += session.batchSize) {
        results.push(...(await run(inputs.slice(i, i + session.batchSize), opts)));
        opts.onProgress?.(results.length, inputs.length);
      }
    }
    if (review && results.length > 0) session.review?.(results);
    return results;
  }

  if (info.labels.length === 0) {
    status(`Scoring one probe input at ${displayUrl(http.baseUrl)} to learn the model's outputs…`);
    // One made-up input says nothing about the engine's settings: it is not reviewed for warnings.
    await score([PROBE], { signal: options.signal }, false);
  }

  return {
    info,
    warnings,
    score: (inputs, opts) => score(inputs, opts),
    async render() {
      return null;
    },
    async dispose() {},
  };
}
