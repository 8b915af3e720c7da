/**
 * What the engine-compatible routes (TEI, vLLM, OpenRLHF) share with the NIM route: the one backend, the
 * one dynamic batching queue, the served model id and limits. buildServer (server/app.ts) makes it.
 */
import type { z } from 'zod';
import { RewardError } from '../../src/core/errors';
import type { ScoreInput, ScoreResult } from '../../src/core/types';
import type { Model } from '../../src/engine/contract';
import type { Activation } from '../../src/core/types';
import type { BatchOptions } from '../batcher';
import { describeZodError } from '../schemas';
import type { OnUnparsable } from './items';

export interface RouteContext {
  backend: Model;
  modelId: string;
  /** Output names in logit order. */
  labels: readonly string[];
  /** The server's truncation setting (--no-truncate), the default when a request does not say. */
  truncate: boolean;
  maxInputTokens: number;
  batch: BatchOptions;
  /** The head's activation, for requests that ask for activated scores. */
  activation: Activation;
  /** What an unreadable item of a batch gets (serve --on-unparsable). */
  onUnparsable: OnUnparsable;
  /** Scores through the shared batching queue; `truncate` per request. */
  score: (inputs: ScoreInput[], truncate: boolean) => Promise<ScoreResult[]>;
}

/** Parses a request body with its zod schema, or throws RewardError('input') naming the field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const { message, param } = describeZodError(parsed.error);
  throw new RewardError('input', message, { field: param ?? 'body', openaiCode: 'invalid_request' });
}

/** More inputs in one request than the server will queue at once. */
export function checkCount(count: number, limit: number, field: string): void {
  if (count > limit) {
    throw new RewardError('input', `batch size ${count} > maximum allowed batch size ${limit} (${field})`, {
      field,
      tooMany: true,
    });
  }
}
