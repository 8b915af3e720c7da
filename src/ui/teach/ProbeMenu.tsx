import { allPerturbations } from '../../core/perturb';
import { MAX_CANDIDATES } from '../store/compare-slice';
import { useStore } from '../store/store';

/**
 * One click adds perturbed copies of a candidate (padded, truncated, refusal-prefixed, reordered); the ranking
 * then shows each copy's score change against the original.
 */
export function ProbeMenu({ candidateId, name }: { candidateId: string; name: string }) {
  const text = useStore((s) => s.candidates.find((c) => c.id === candidateId)?.text ?? '');
  const isProbe = useStore((s) => !!s.candidates.find((c) => c.id === candidateId)?.probe);
  const room = useStore((s) => MAX_CANDIDATES - s.candidates.length);
  const addCandidates = useStore((s) => s.addCandidates);
  const probes = allPerturbations(text).filter((p) => p.text !== text);
  if (isProbe) return null;
  return (
    <button
      type="button"
      aria-label={`Probe ${name}: add padded, truncated, refusal and reordered copies`}
      title={
        room < probes.length ? `Needs ${probes.length} free slots (${room} left)` : 'Add perturbed copies'
      }
      disabled={room < probes.length || text.trim() === ''}
      onClick={() =>
        addCandidates(probes.map((p) => ({ text: p.text, probe: { of: candidateId, kind: p.kind } })))
      }
    >
      Probe
    </button>
  );
}
