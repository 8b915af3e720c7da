import { EXAMPLES } from '../store/examples';
import { useStore } from '../store/store';
import { LessonPanel } from '../teach/LessonPanel';
import { LESSONS } from '../store/lessons';
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
  const setLesson = useStore((s) => s.setLesson);
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
          <Field label="Lesson">
            <select
              value=""
              onChange={(e) => {
                const lesson = LESSONS.find((l) => l.id === e.target.value);
                if (!lesson) return;
                loadExample({
                  title: lesson.title,
                  conversation: lesson.conversation,
                  responses: lesson.responses,
                });
                setLesson(lesson.id);
              }}
            >
              <option value="" disabled>
                Open a lesson…
              </option>
              {LESSONS.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <LessonPanel />
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
