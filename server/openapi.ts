/**
 * The OpenAPI 3.1 description served at /openapi.json, generated from the zod schemas the routes validate
 * requests with (zod's own JSON Schema export, draft 2020-12, which OpenAPI 3.1 uses as is), plus each
 * route's reply and error schemas and examples (docs/architecture.md, 'Reward APIs').
 */
import { z } from 'zod';
import type { RouteContext } from './routes/context';
import { serverRouteDocs } from './routes/nim-doc';
import { openRlhfRouteDocs } from './routes/openrlhf';
import type { RouteDoc } from './routes/route-doc';
import { teiRouteDocs } from './routes/tei';
import { vllmRouteDocs } from './routes/vllm';

export function allRouteDocs(ctx: RouteContext): RouteDoc[] {
  return [...serverRouteDocs(ctx), ...teiRouteDocs(ctx), ...vllmRouteDocs(ctx), ...openRlhfRouteDocs(ctx)];
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input (the message names the field)',
  401: 'Missing or wrong API key',
  404: 'Unknown model',
  413: 'Body, input or batch too large',
  415: 'Not JSON',
  422: 'Bad input (the message names the field)',
  424: 'The model failed',
  429: 'The queue is full; retry after the retry-after header',
  500: 'The model failed',
};

export function buildOpenApi(ctx: RouteContext, options: { apiKey: boolean }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of allRouteDocs(ctx)) {
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        content: {
          'application/json': { schema: jsonSchema(doc.response, 'output'), example: doc.responseExample },
        },
      },
    };
    const errorSchema = jsonSchema(doc.error, 'output');
    for (const status of doc.errorStatuses) {
      if (status === 401 && !(options.apiKey && doc.authenticated)) continue;
      responses[status] = {
        description: STATUS_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: errorSchema } },
      };
    }
    paths[doc.path] = {
      ...paths[doc.path],
      [doc.method]: {
        tags: [doc.tag],
        summary: doc.summary,
        ...(doc.description ? { description: doc.description } : {}),
        operationId: `${doc.method}${doc.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
        ...(doc.request
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': { schema: jsonSchema(doc.request, 'input'), examples: doc.examples },
                },
              },
            }
          : {}),
        responses,
        ...(options.apiKey && doc.authenticated ? { security: [{ bearer: [] }] } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'reward-playground reward server',
      version: '0.1.0',
      description: `Serves ${ctx.modelId} through the NIM, TEI, vLLM and OpenRLHF reward APIs.`,
    },
    paths,
    ...(options.apiKey
      ? { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } }
      : {}),
  };
}
