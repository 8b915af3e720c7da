import { RewardError } from './errors';
import type { ScoringSettings, Weights } from './types';

/** A named set of head outputs with default weights (docs/architecture.md, 'Scoring'). */
export interface AttributePreset {
  id: string;
  label: string;
  /** Output names in head order. */
  attributes: readonly string[];
  weights: Readonly<Weights>;
}

export const HELPSTEER_ATTRIBUTES = [
  'helpfulness',
  'correctness',
  'coherence',
  'complexity',
  'verbosity',
] as const;

/**
 * Nemotron-4-340B-Reward emits 9 values; the model card documents only the last five (the HelpSteer2
 * attributes) and recommends the weights [0,0,0,0,0.3,0.74,0.46,0.47,-0.33], so the first four are
 * named by position here (undocumented_output_1..4) and weigh 0.
 */
export const NEMOTRON_340B_PRESET: AttributePreset = {
  id: 'nemotron-4-340b-reward',
  label: 'Nemotron-4-340B-Reward (9 outputs)',
  attributes: [
    'undocumented_output_1',
    'undocumented_output_2',
    'undocumented_output_3',
    'undocumented_output_4',
    ...HELPSTEER_ATTRIBUTES,
  ],
  weights: {
    undocumented_output_1: 0,
    undocumented_output_2: 0,
    undocumented_output_3: 0,
    undocumented_output_4: 0,
    helpfulness: 0.3,
    correctness: 0.74,
    coherence: 0.46,
    complexity: 0.47,
    verbosity: -0.33,
  },
};

/** The five HelpSteer attributes with the same recommended weights. */
export const HELPSTEER_PRESET: AttributePreset = {
  id: 'helpsteer',
  label: 'HelpSteer (5 attributes)',
  attributes: HELPSTEER_ATTRIBUTES,
  weights: { helpfulness: 0.3, correctness: 0.74, coherence: 0.46, complexity: 0.47, verbosity: -0.33 },
};

/** The attributes a preset gives a non-zero weight that the model does not output. */
export function presetMissing(preset: AttributePreset, modelAttributes: readonly string[]): string[] {
  return Object.entries(preset.weights)
    .filter(([name, w]) => w !== 0 && !modelAttributes.includes(name))
    .map(([name]) => name);
}

/**
 * True when no attribute the model outputs has a non-zero weight: every score would then be 0 and any
 * ranking drawn from them meaningless.
 */
export function weightsMissModel(weights: Readonly<Weights>, modelAttributes: readonly string[]): boolean {
  return modelAttributes.length > 0 && !modelAttributes.some((a) => (weights[a] ?? 0) !== 0);
}

export const ATTRIBUTE_PRESETS: readonly AttributePreset[] = [NEMOTRON_340B_PRESET, HELPSTEER_PRESET];

/** Names head outputs; throws when the head has a different number of outputs than names. */
export function nameAttributes(logits: readonly number[], names: readonly string[]): Record<string, number> {
  if (logits.length !== names.length) {
    throw new RewardError(
      'model',
      `The model has ${logits.length} outputs but ${names.length} attribute names were given (${names.join(', ')}).`,
    );
  }
  return Object.fromEntries(names.map((n, i) => [n, logits[i]!]));
}

/** Weighted sum of attributes; attributes without a weight count 0. */
export function weightedSum(
  attributes: Readonly<Record<string, number>>,
  weights: Readonly<Weights>,
): number {
  let sum = 0;
  for (const [name, value] of Object.entries(attributes)) sum += (weights[name] ?? 0) * value;
  return sum;
}

/** What a model says before any weighting: its raw outputs, named when it has several. */
export interface RawOutputs {
  logits: readonly number[];
  attributes?: Readonly<Record<string, number>>;
}

/** A model's own scoring defaults (ModelInfo carries them). */
export interface ScoringDefaults {
  defaultWeights: Readonly<Weights>;
  alpha: number;
}

/** The user's settings over the model's defaults: what `scoreOf` applies. */
export function resolveScoring(
  model: ScoringDefaults,
  settings: ScoringSettings = {},
): { weights: Readonly<Weights>; alpha: number } {
  return { weights: settings.weights ?? model.defaultWeights, alpha: settings.alpha ?? model.alpha };
}

/**
 * The one scoring formula (docs/architecture.md, 'Scoring'), used by the engine for every result and by the
 * views that re-weight stored results: one output → value × alpha; several → Σ weight × attribute (alpha does
 * not apply: the weights carry the scale). Several outputs without names cannot be scored.
 */
export function scoreOf(outputs: RawOutputs, scale: { weights: Readonly<Weights>; alpha: number }): number {
  const { logits, attributes } = outputs;
  if (logits.length === 1) return logits[0]! * scale.alpha;
  if (attributes && Object.keys(attributes).length > 0) return weightedSum(attributes, scale.weights);
  throw new RewardError(
    'model',
    `Cannot turn ${logits.length} unnamed outputs into one score: name the attributes (or pick a preset) and set weights.`,
  );
}

/**
 * A stored result under other weights, so a view re-ranks at once when the user edits weights: several
 * outputs are re-weighted; a single output keeps its score (weights do not apply to it).
 */
export function reweigh(
  result: RawOutputs & { score: number },
  weights: Readonly<Weights> | undefined,
): number {
  if (!weights || !result.attributes || Object.keys(result.attributes).length <= 1) return result.score;
  return weightedSum(result.attributes, weights);
}
