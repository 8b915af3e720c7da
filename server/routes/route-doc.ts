/**
 * How a route describes itself for /openapi.json (server/openapi.ts): the same zod schemas its handler
 * validates requests with, its reply and error schemas, and request examples that the tests send.
 */
import type { z } from 'zod';

export interface RouteDoc {
  method: 'get' | 'post';
  path: string;
  tag: 'NIM' | 'TEI' | 'vLLM' | 'OpenRLHF' | 'server';
  summary: string;
  description?: string;
  request?: z.ZodType;
  response: z.ZodType;
  /** The body of every error reply on this route, and the statuses it uses. */
  error: z.ZodType;
  errorStatuses: number[];
  /** Request bodies (by name) that the route answers with 200 for the served model. */
  examples: Record<string, { summary: string; value: unknown }>;
  /** What a 200 reply looks like (the tests check it against `response`). */
  responseExample: unknown;
  /** Needs the API key when the server has one. */
  authenticated: boolean;
}
