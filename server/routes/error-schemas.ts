/** The error bodies of each dialect (server/dialects.ts), as zod schemas for /openapi.json. */
import { z } from 'zod';

export const openAiErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    code: z.string(),
    param: z.string().nullable().optional(),
  }),
});

export const teiErrorSchema = z.object({
  error: z.string(),
  error_type: z.enum([
    'Validation',
    'Tokenizer',
    'Overloaded',
    'Backend',
    'Unhealthy',
    'Empty',
    'Unauthorized',
  ]),
});

export const vllmErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.number().int(),
  }),
});

export const fastApiErrorSchema = z.object({ detail: z.string() });
