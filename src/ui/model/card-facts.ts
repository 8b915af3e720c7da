/**
 * What a model's own card says about how far to trust it, for the model panel: the figures its training wrote
 * (metrics.json: validation accuracy, the longer-wins baseline, length bias) and its "Intended use and limits"
 * section (README.md). Read from the files of an embedded model or an opened folder; other sources have none here.
 */
import { z } from 'zod';
import type { ModelSource } from '../../core/types';

export interface CardFacts {
  /** e.g. "BertModel (6 layers, hidden 384, 22.7 M parameters)" or "1.40 M parameters". */
  size?: string;
  base?: string;
  accuracy?: number;
  longerWins?: number;
  lengthControlled?: number;
  chosenLonger?: number;
  chosenShorter?: number;
  pairs?: number;
  dataFiles?: string[];
  intendedUse?: string;
}

const acc = z.object({ accuracy: z.number(), n: z.number().optional() });
// The shape training/publish.py writes.
const publishedSchema = z.object({
  base_model: z.object({ checkpoint: z.string(), architecture: z.string() }).partial().optional(),
  data: z
    .object({ files: z.array(z.string()) })
    .partial()
    .optional(),
  validation: z.object({
    n: z.number(),
    accuracy: z.number(),
    longer_wins: z.number().optional(),
    length_controlled: z.number().optional(),
    chosen_longer: acc.optional(),
    chosen_shorter: acc.optional(),
  }),
});
// The fixtures' older shape.
const fixtureSchema = z.object({
  parameters: z.number().optional(),
  metrics: z.object({
    n: z.number(),
    accuracy: z.number(),
    length_controlled: z
      .object({ chosen_longer: acc, chosen_shorter: acc, mean: z.number() })
      .partial()
      .optional(),
  }),
});

export function parseMetrics(json: unknown): Omit<CardFacts, 'intendedUse'> | null {
  const p = publishedSchema.safeParse(json);
  if (p.success) {
    const v = p.data.validation;
    return {
      size: p.data.base_model?.architecture,
      base: p.data.base_model?.checkpoint,
      accuracy: v.accuracy,
      longerWins: v.longer_wins,
      lengthControlled: v.length_controlled,
      chosenLonger: v.chosen_longer?.accuracy,
      chosenShorter: v.chosen_shorter?.accuracy,
      pairs: v.n,
      dataFiles: p.data.data?.files,
    };
  }
  const f = fixtureSchema.safeParse(json);
  if (f.success) {
    const m = f.data.metrics;
    return {
      size: f.data.parameters ? `${(f.data.parameters / 1e6).toFixed(2)} M parameters` : undefined,
      accuracy: m.accuracy,
      lengthControlled: m.length_controlled?.mean,
      chosenLonger: m.length_controlled?.chosen_longer?.accuracy,
      chosenShorter: m.length_controlled?.chosen_shorter?.accuracy,
      pairs: m.n,
    };
  }
  return null;
}

/** The card's "## Intended use…" section as plain text (first paragraph), or undefined. */
export function intendedUse(markdown: string): string | undefined {
  const m = /^##\s+Intended use[^\n]*\n+([\s\S]*?)(?=\n##\s|$)/m.exec(markdown);
  const text = m?.[1]
    ?.trim()
    .split(/\n\s*\n/)[0]
    ?.replace(/\s+/g, ' ');
  return text ? text.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1') : undefined;
}

async function readText(source: ModelSource, file: string): Promise<string | null> {
  try {
    if (source.type === 'files') return (await source.files[file]?.text()) ?? null;
    if (source.type !== 'embedded') return null;
    const r = await fetch(`${import.meta.env.BASE_URL}models/${source.name}/${file}`);
    // A dev server answers a missing file with its index.html.
    if (!r.ok || /text\/html/.test(r.headers.get('content-type') ?? '')) return null;
    return await r.text();
  } catch {
    return null;
  }
}

export async function readCardFacts(source: ModelSource): Promise<CardFacts | null> {
  const [metrics, readme] = await Promise.all([
    readText(source, 'metrics.json'),
    readText(source, 'README.md'),
  ]);
  let parsed: Omit<CardFacts, 'intendedUse'> | null;
  try {
    parsed = metrics ? parseMetrics(JSON.parse(metrics)) : null;
  } catch {
    parsed = null; // not JSON: no figures
  }
  const use = readme ? intendedUse(readme) : undefined;
  if (!parsed && !use) return null;
  return { ...(parsed ?? {}), ...(use ? { intendedUse: use } : {}) };
}
