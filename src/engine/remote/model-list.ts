/**
 * The OpenAI-style model list NIM (`{base}/models`) and vLLM (`{root}/v1/models`) both serve. Each client
 * words its own "not there" message; this reads the list, or returns null when the endpoint is absent.
 */
import { z } from 'zod';
import { RewardError } from '../../core/errors';
import type { HttpClient } from './http';

const modelListSchema = z.object({
  data: z.array(z.object({ id: z.string(), max_model_len: z.number().int().positive().nullish() })),
});

export type ModelListEntry = z.infer<typeof modelListSchema>['data'][number];

export async function fetchModelList(
  http: HttpClient,
  path: string,
  signal?: AbortSignal,
): Promise<ModelListEntry[] | null> {
  let body: unknown;
  try {
    body = await http.getJson(path, signal);
  } catch (error) {
    // Hosted endpoints may not list reward models: a 404 is no reason to refuse.
    if (error instanceof RewardError && error.code === 'http' && error.details.status === 404) return null;
    throw error;
  }
  const list = modelListSchema.safeParse(body);
  if (!list.success) throw http.replyError(path, 'expected {"data": [{"id": …}, …]}', body);
  return list.data.data;
}
