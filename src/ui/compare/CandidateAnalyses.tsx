import { ErrorBoundary } from '../components/ErrorBoundary';
import { ExplainPanel } from './ExplainPanel';
import { HackPanel } from './HackPanel';

/** The "why" actions under a ranked candidate (issue 26): Explain, and Hack this answer. */
export function CandidateAnalyses({ candidateId, name }: { candidateId: string; name: string }) {
  return (
    <ErrorBoundary name={`analyses of ${name}`}>
      <div className="analyses">
        <ExplainPanel candidateId={candidateId} name={name} />
        <HackPanel candidateId={candidateId} name={name} />
      </div>
    </ErrorBoundary>
  );
}
