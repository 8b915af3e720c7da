import { useState } from 'react';
import { MAX_CANDIDATES, MIN_CANDIDATES } from '../store/compare-slice';
import { useStore } from '../store/store';
import { candidateName } from '../store/candidate-names';
import { ProbeMenu } from '../teach/ProbeMenu';
import { splitPastedCandidates } from './split-pasted';
import { Markdown } from '../components/Markdown';
import { Field } from '../components/Field';

/** 2–16 candidate final responses: edit, add, remove, duplicate, reorder, paste. */
export function CandidatesEditor() {
  const candidates = useStore((s) => s.candidates);
  const setText = useStore((s) => s.setCandidateText);
  const add = useStore((s) => s.addCandidate);
  const addMany = useStore((s) => s.addCandidates);
  const remove = useStore((s) => s.removeCandidate);
  const duplicate = useStore((s) => s.duplicateCandidate);
  const move = useStore((s) => s.moveCandidate);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [preview, setPreview] = useState(false);
  const [paste, setPaste] = useState('');
  const full = candidates.length >= MAX_CANDIDATES;
  const pasted = splitPastedCandidates(paste);

  return (
    <section className="panel" aria-labelledby="cands-heading">
      <div className="panel-head">
        <h2 id="cands-heading">
          Candidates{' '}
          <span className="muted">
            ({candidates.length}/{MAX_CANDIDATES})
          </span>
        </h2>
        <div className="row">
          <button type="button" onClick={() => add()} disabled={full}>
            Add candidate
          </button>
          <button type="button" onClick={() => setPasteOpen((o) => !o)} aria-expanded={pasteOpen}>
            Paste candidates…
          </button>
          <label className="check">
            <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} />
            Preview Markdown
          </label>
        </div>
      </div>
      {pasteOpen ? (
        <div className="paste-box">
          <Field label="Paste responses, separated by a line with only ---">
            <textarea rows={5} value={paste} onChange={(e) => setPaste(e.target.value)} />
          </Field>
          <button
            type="button"
            disabled={pasted.length === 0 || full}
            onClick={() => {
              addMany(pasted.map((text) => ({ text })));
              setPaste('');
              setPasteOpen(false);
            }}
          >
            Add {pasted.length} candidate{pasted.length === 1 ? '' : 's'}
          </button>
          {candidates.length + pasted.length > MAX_CANDIDATES ? (
            <p className="warn" role="status">
              Only {MAX_CANDIDATES - candidates.length} more fit (at most {MAX_CANDIDATES} candidates).
            </p>
          ) : null}
        </div>
      ) : null}
      <ol className="candidates">
        {candidates.map((c, i) => {
          const name = candidateName(candidates, i);
          return (
            <li key={c.id} className="candidate">
              <Field label={<>{name}</>}>
                <textarea rows={3} value={c.text} onChange={(e) => setText(c.id, e.target.value)} />
              </Field>
              {preview ? (
                <div className="preview" role="group" aria-label={`Preview of ${name}`}>
                  <Markdown text={c.text} />
                </div>
              ) : null}
              <div className="row tools">
                <button
                  type="button"
                  aria-label={`Move ${name} up`}
                  disabled={i === 0}
                  onClick={() => move(c.id, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${name} down`}
                  disabled={i === candidates.length - 1}
                  onClick={() => move(c.id, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Duplicate ${name}`}
                  disabled={full}
                  onClick={() => duplicate(c.id)}
                >
                  Duplicate
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${name}`}
                  disabled={candidates.length <= MIN_CANDIDATES}
                  onClick={() => remove(c.id)}
                >
                  Remove
                </button>
                <ProbeMenu candidateId={c.id} name={name} />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
