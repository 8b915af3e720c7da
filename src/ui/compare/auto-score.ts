/** When auto-scoring runs after a change: edits wait out typing; a model that has just loaded scores at once. */
export const DEBOUNCE_MS = 600;

/** `scoredWith` is the model the last auto-score was planned for; `loaded` the model loaded now. */
export function autoScoreDelayMs(scoredWith: object | null, loaded: object): number {
  // The first screen: the default model finishing its load should show a ranking without a further wait.
  return scoredWith === loaded ? DEBOUNCE_MS : 0;
}
