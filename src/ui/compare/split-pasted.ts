/** Splits pasted text into candidates: blocks separated by a line holding only `---`; empty blocks dropped. */
export function splitPastedCandidates(text: string): string[] {
  return text
    .split(/^[ \t]*---[ \t]*$/m)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}
