/**
 * NIM reward client (docs/architecture.md, 'NIM wire format'): one POST {base}/chat/completions per input,
 * the last assistant turn is scored. Also talks to our own server (docs/architecture.md, 'Reward server'),
 * which speaks the same protocol. The shared skeleton is client.ts.
 */
import { RewardError } from '../../core/errors';
import { parseNimReply } from '../../core/nim';
import type { RemoteModelSpec } from '../../core/types';
import type { LoadOptions } from '../contract';
import { chatPerRequest, createRemote, type RemoteProtocol } from './client';
import { fetchModelList } from './model-list';
import type { RemoteBackend, RemoteClientOptions } from './types';

const nim: RemoteProtocol = async (ctx) => {
  const { spec, http, info, status, signal } = ctx;
  status(`Checking ${http.url('models')} for ${spec.model}…`);
  const listed = await fetchModelList(http, 'models', signal);
  const reportedMax = listed?.find((m) => m.id === spec.model)?.max_model_len ?? null;
  if (listed === null) {
    status(`${http.url('models')} does not list models (HTTP 404); skipping the model-id check.`);
  } else {
    const ids = listed.map((m) => m.id);
    if (!ids.includes(spec.model)) {
      throw new RewardError(
        'model',
        `Model "${spec.model}" is not listed at ${http.url('models')} (it lists: ${ids.slice(0, 10).join(', ') || 'nothing'}${ids.length > 10 ? ', …' : ''}) — check the model id.`,
        { url: http.url('models') },
      );
    }
  }
  // The limit the server reports for this model (our own server, vLLM-style lists); else unknown.
  if (reportedMax === null) info.maxLengthUnknown = true;
  else info.maxLength = reportedMax;

  const path = 'chat/completions';
  return chatPerRequest(ctx, path, (body) => {
    let parsed;
    try {
      parsed = parseNimReply(body);
    } catch (error) {
      if (error instanceof RewardError) {
        throw new RewardError('reply', `${http.url(path)}: ${error.message}`, { url: http.url(path) });
      }
      throw error;
    }
    return { values: parsed.scores, tokenCount: parsed.usage.promptTokens ?? 0 };
  });
};

export function createNimBackend(
  spec: RemoteModelSpec,
  options?: LoadOptions,
  client?: RemoteClientOptions,
): Promise<RemoteBackend> {
  return createRemote('nim', nim, spec, options, client);
}
