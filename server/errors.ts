/**
 * OpenAI-shaped error replies (docs/architecture.md, 'Reward server'): every failure the server reports,
 * whatever its origin (validation, Fastify's body parser, the engine, the batcher), leaves as
 * `{"error": {"message", "type", "code"}}` with the HTTP status a client library expects.
 */
import type { FastifyError } from 'fastify';
import { isRewardError, type RewardErrorCode } from '../src/core/errors';

export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error'
  | 'upstream_error';

export interface OpenAiErrorBody {
  error: { message: string; type: OpenAiErrorType; code: string; param?: string | null };
}

/** An error reply: the status plus the body sent for it. */
export interface HttpError {
  status: number;
  body: OpenAiErrorBody;
}

export function httpError(
  status: number,
  type: OpenAiErrorType,
  code: string,
  message: string,
  param: string | null = null,
): HttpError {
  return { status, body: { error: { message, type, code, param } } };
}

const rewardStatus: Record<RewardErrorCode, [number, OpenAiErrorType, string]> = {
  input: [400, 'invalid_request_error', 'invalid_input'],
  format: [400, 'invalid_request_error', 'invalid_format'],
  cancelled: [499, 'invalid_request_error', 'cancelled'],
  rate_limited: [429, 'rate_limit_error', 'rate_limit_exceeded'],
  auth: [401, 'authentication_error', 'invalid_api_key'],
  timeout: [504, 'upstream_error', 'timeout'],
  network: [502, 'upstream_error', 'upstream_unreachable'],
  http: [502, 'upstream_error', 'upstream_http_error'],
  reply: [502, 'upstream_error', 'upstream_bad_reply'],
  model: [500, 'server_error', 'model_error'],
};

/** Fastify's own errors (body parser, routing) by code: what the client did wrong, in words. */
const fastifyErrors: Record<string, (e: FastifyError) => HttpError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    httpError(
      413,
      'invalid_request_error',
      'request_too_large',
      'Request body is larger than the server accepts.',
    ),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (e) =>
    httpError(
      415,
      'invalid_request_error',
      'unsupported_media_type',
      `Unsupported Content-Type (${e.message.replace(/^Unsupported Media Type:?\s*/i, '') || 'none'}); send application/json.`,
    ),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    httpError(400, 'invalid_request_error', 'invalid_json', 'Request body is empty; send a JSON object.'),
  FST_ERR_CTP_INVALID_JSON_BODY: (e) =>
    httpError(400, 'invalid_request_error', 'invalid_json', `Request body is not valid JSON: ${e.message}`),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    httpError(
      400,
      'invalid_request_error',
      'invalid_content_length',
      'Content-Length does not match the body.',
    ),
};

/** Maps anything thrown while handling a request to the reply the client gets. */
export function toHttpError(err: unknown): HttpError {
  if (isRewardError(err)) {
    const [status, type, fallbackCode] = rewardStatus[err.code];
    // A thrower may name a more precise OpenAI code (e.g. invalid_json) in the details.
    const code = typeof err.details.openaiCode === 'string' ? err.details.openaiCode : fallbackCode;
    const upstreamStatus = err.details.status;
    // An upstream 4xx is the caller's problem (bad key, bad request): keep its status.
    if (
      err.code === 'http' &&
      typeof upstreamStatus === 'number' &&
      upstreamStatus >= 400 &&
      upstreamStatus < 500
    ) {
      return httpError(upstreamStatus, 'invalid_request_error', code, err.message);
    }
    return httpError(status, type, code, err.message);
  }
  const fe = err as Partial<FastifyError> | null;
  if (fe && typeof fe.code === 'string' && fastifyErrors[fe.code])
    return fastifyErrors[fe.code]!(fe as FastifyError);
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return httpError(
      fe.statusCode,
      'invalid_request_error',
      String(fe.code ?? 'bad_request'),
      fe.message ?? 'Bad request.',
    );
  }
  return httpError(500, 'server_error', 'internal_error', 'Internal server error; see the server log.');
}
