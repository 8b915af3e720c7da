/**
 * Error bodies in each engine's own shape (docs/architecture.md, 'Reward APIs'): a route names its dialect
 * in its Fastify config, and every failure on it (validation, body parser, auth, engine, queue) leaves in that
 * dialect, so a client written for TEI, vLLM or OpenRLHF reads our errors as it reads its engine's.
 * - openai (NIM, the default): `{"error": {message, type, code, param}}`, server/errors.ts.
 * - tei: `{"error": message, "error_type": "Validation" | "Tokenizer" | "Overloaded" | "Backend" | …}`; bad
 *   input 422, input too long or batch too large 413, overloaded 429, engine failure 424.
 * - vllm: `{"error": {message, type: "BadRequestError" | "NotFoundError" | …, param, code: <status>}}`.
 * - openrlhf (FastAPI): `{"detail": message}`.
 */
import { isRewardError } from '../src/core/errors';
import type { FastifyReply } from 'fastify';
import type { HttpError } from './errors';

export type Dialect = 'openai' | 'tei' | 'vllm' | 'openrlhf';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The engine whose error shape this route answers in; default openai. */
    dialect?: Dialect;
  }
}

export interface RenderedError {
  status: number;
  body: unknown;
}

/** True for an input over the model's limit (local backends' inputTooLongError) or too many inputs. */
function tooLarge(err: unknown, e: HttpError): boolean {
  if (e.status === 413) return true;
  return isRewardError(err) && (typeof err.details.tokens === 'number' || err.details.tooMany === true);
}

function teiError(err: unknown, e: HttpError): RenderedError {
  const message = e.body.error.message;
  const as = (status: number, error_type: string) => ({ status, body: { error: message, error_type } });
  if (tooLarge(err, e)) return as(413, 'Validation');
  if (e.status === 429) return as(429, 'Overloaded');
  if (e.status === 401) return as(401, 'Unauthorized');
  if (e.status >= 500) return as(424, 'Backend');
  if (e.status === 400) return as(422, 'Validation');
  return as(e.status, 'Validation');
}

const VLLM_TYPES: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  404: 'NotFoundError',
  413: 'BadRequestError',
  415: 'BadRequestError',
  429: 'RateLimitError',
};

export function renderError(dialect: Dialect | undefined, err: unknown, e: HttpError): RenderedError {
  switch (dialect) {
    case 'tei':
      return teiError(err, e);
    case 'vllm': {
      // vLLM answers an over-long input with 400, like any other bad input.
      const notFound = isRewardError(err) && err.details.notFound === true;
      const status = notFound ? 404 : tooLarge(err, e) && e.status !== 413 ? 400 : e.status;
      const type = VLLM_TYPES[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequestError');
      return {
        status,
        body: {
          error: { message: e.body.error.message, type, param: e.body.error.param ?? null, code: status },
        },
      };
    }
    case 'openrlhf':
      return { status: e.status, body: { detail: e.body.error.message } };
    default:
      return { status: e.status, body: e.body };
  }
}

/** Sends `e` in the error shape of the reply's route (OpenAI's by default), with retry-after on a 429. */
export function sendError(reply: FastifyReply, e: HttpError, err: unknown = undefined): FastifyReply {
  const out = renderError(reply.request.routeOptions.config?.dialect, err, e);
  if (out.status === 429) reply.header('retry-after', '1');
  return reply.code(out.status).send(out.body);
}
