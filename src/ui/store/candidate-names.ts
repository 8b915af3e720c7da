import type { CandidateEntry } from './compare-slice';

/** "Candidate 3", or "Candidate 3 (padded probe of Candidate 1)" for probes. */
export function candidateName(candidates: readonly CandidateEntry[], index: number): string {
  const c = candidates[index];
  const base = `Candidate ${index + 1}`;
  if (!c?.probe) return base;
  const of = candidates.findIndex((o) => o.id === c.probe?.of);
  return of >= 0
    ? `${base} (${c.probe.kind} probe of Candidate ${of + 1})`
    : `${base} (${c.probe.kind} probe)`;
}
