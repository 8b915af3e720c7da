import { EXAMPLES } from '../store/examples';
import { useStore } from '../store/store';
import { PrefixCurvePanel } from '../teach/PrefixCurvePanel';
import { CandidatesEditor } from './CandidatesEditor';
import { ConversationEditor } from './ConversationEditor';
import { Results } from './Results';
import { ScoreControls } from './ScoreControls';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Field } from '../components/Field';

/** Compare tab: edit one conversation and its candidates on the left, read the ranking on the right. */
export function CompareView() {
  const loadExample = useStore((s) => s.loadExample);
  return (
    <div className="compare">
      <div className="compare-edit">
        <div className="row examples">
          <Field label="Example">
            <select
              value=""
              onChange={(e) => {
                const ex = EXAMPLES[Number(e.target.value)];
                if (ex) loadExample(ex);
              }}
            >
              <option value="" disabled>
                Load an example…
              </option>
              {EXAMPLES.map((ex, i) => (
                <option key={ex.title} value={i}>
                  {ex.title}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <ErrorBoundary name="conversation editor">
          <ConversationEditor />
        </ErrorBoundary>
        <ErrorBoundary name="candidates editor">
          <CandidatesEditor />
        </ErrorBoundary>
      </div>
      <div className="compare-results">
        <ScoreControls />
        <ErrorBoundary name="ranking">
          <Results />
        </ErrorBoundary>
        <ErrorBoundary name="prefix curve">
          <PrefixCurvePanel />
        </ErrorBoundary>
      </div>
    </div>
  );
}
