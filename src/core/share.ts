import { z } from 'zod';
import { RewardError } from './errors';
import {
  DEFAULT_HUB_HOST,
  DEVICES,
  DTYPES,
  MODEL_FAMILIES,
  REMOTE_ENGINES,
  type Candidate,
  type Conversation,
  type LocalModelSpec,
  type RemoteModelSpec,
  type Weights,
} from './types';

/** A model choice as shared, with the alpha the comparison was scored with: never an API key. */
export type SharedModel = (LocalModelSpec & { alpha?: number }) | Omit<RemoteModelSpec, 'apiKey'>;

/** What a share link carries. */
export interface SharedComparison {
  conversation: Conversation;
  candidates: Candidate[];
  model?: SharedModel;
  weights?: Weights;
  /** The Models view's lineup (2–4 models side by side). */
  lineup?: SharedModel[];
}

export const MAX_SHARED_CANDIDATES = 16;
/** Longest link payload we decode (characters). */
export const MAX_SHARE_LENGTH = 2_000_000;
const PREFIX = 'v1.';

const opt = <T extends z.ZodType>(t: T) => t.optional();

const sourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('embedded'), name: z.string() }),
  // Links made before the host was part of the spec meant the Hub itself.
  z.object({
    type: z.literal('hub'),
    id: z.string(),
    revision: opt(z.string()),
    host: z.string().default(DEFAULT_HUB_HOST),
  }),
  z.object({ type: z.literal('url'), baseUrl: z.string(), id: z.string(), revision: opt(z.string()) }),
]);

const modelSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('local'),
    source: sourceSchema,
    family: opt(z.enum(MODEL_FAMILIES)),
    dtype: z.enum(DTYPES),
    device: z.enum(DEVICES),
    alpha: opt(z.number()),
    maxLength: opt(z.number().int().positive()),
  }),
  // z.object drops unknown keys, so an apiKey in a crafted link is never read.
  z.object({
    kind: z.literal('remote'),
    engine: z.enum(REMOTE_ENGINES),
    baseUrl: z.string(),
    model: z.string(),
    timeoutMs: opt(z.number().positive()),
    retries: opt(z.number().int().nonnegative()),
  }),
]);

const shareSchema = z.object({
  conversation: z.object({
    system: opt(z.string()),
    turns: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })),
  }),
  candidates: z
    .array(z.object({ id: z.string(), text: z.string() }))
    .max(MAX_SHARED_CANDIDATES, { error: `at most ${MAX_SHARED_CANDIDATES} candidates` }),
  model: opt(modelSchema),
  weights: opt(z.record(z.string(), z.number())),
  lineup: opt(z.array(modelSchema).max(4, { error: 'at most 4 models side by side' })),
});

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function shareError(reason: string, field?: string): RewardError {
  return new RewardError('format', `This share link cannot be opened: ${reason}.`, field ? { field } : {});
}

function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return { field: field.replace(/^\./, ''), message: issue?.message ?? 'invalid' };
}

/** Drops the API key (and anything unknown) from a model choice. */
export function shareableModel(model: SharedModel | RemoteModelSpec): SharedModel {
  if (model.kind === 'local') return model;
  const { kind, engine, baseUrl, model: id, timeoutMs, retries } = model;
  const out: Omit<RemoteModelSpec, 'apiKey'> = { kind, engine, baseUrl, model: id };
  if (timeoutMs !== undefined) out.timeoutMs = timeoutMs;
  if (retries !== undefined) out.retries = retries;
  return out;
}

/** A URL-safe string (base64url of JSON, prefixed with a version) for a comparison; no API key, ever. */
export function encodeShare(comparison: SharedComparison): string {
  const payload = {
    ...comparison,
    model: comparison.model && shareableModel(comparison.model),
    lineup: comparison.lineup?.map(shareableModel),
  };
  const checked = shareSchema.safeParse(payload);
  if (!checked.success) {
    const { field, message } = firstIssue(checked.error);
    throw new RewardError('input', `Cannot share this comparison: ${field ? `${field}: ` : ''}${message}.`, {
      field,
    });
  }
  return PREFIX + toBase64Url(JSON.stringify(checked.data));
}

/** Reads a share string back; any damage gives a RewardError('format') that says what is wrong. */
export function decodeShare(encoded: string): SharedComparison {
  const s = encoded.trim();
  if (s.length > MAX_SHARE_LENGTH) throw shareError(`it is too long (${s.length} characters)`);
  if (!s.startsWith(PREFIX))
    throw shareError('it does not start with "v1." (unknown version or not a share link)');
  const body = s.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) {
    throw shareError('it contains characters that are not base64url (was it cut or changed?)');
  }
  let json: string;
  try {
    json = fromBase64Url(body);
  } catch {
    throw shareError('it does not decode to UTF-8 text (was it cut or changed?)');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw shareError('its content is not valid JSON (was it cut or changed?)');
  }
  const checked = shareSchema.safeParse(value);
  if (!checked.success) {
    const { field, message } = firstIssue(checked.error);
    throw shareError(`${field ? `field "${field}": ` : ''}${message}`, field || undefined);
  }
  return checked.data;
}
