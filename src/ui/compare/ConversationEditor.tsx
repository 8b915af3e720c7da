import { useStore } from '../store/store';
import { Explain } from '../components/Explain';
import { Field } from '../components/Field';

/** The context the candidates answer: optional system prompt and a multi-turn history ending in a user turn. */
export function ConversationEditor() {
  const system = useStore((s) => s.system);
  const turns = useStore((s) => s.turns);
  const setSystem = useStore((s) => s.setSystem);
  const setTurn = useStore((s) => s.setTurn);
  const addTurnPair = useStore((s) => s.addTurnPair);
  const removeTurnPair = useStore((s) => s.removeTurnPair);
  const family = useStore((s) => s.loaded?.family);

  return (
    <section className="panel" aria-labelledby="conv-heading">
      <h2 id="conv-heading">Conversation</h2>
      <Field label="System prompt (optional)">
        <textarea
          rows={2}
          value={system}
          onChange={(e) => setSystem(e.target.value)}
          placeholder="You are a helpful assistant."
        />
      </Field>
      <ol className="turns">
        {turns.map((t, i) => {
          const n = Math.floor(i / 2) + 1;
          const label = t.role === 'user' ? `User turn ${n}` : `Assistant turn ${n}`;
          return (
            <li key={i} className={`turn turn-${t.role}`}>
              <Field label={<>{label}</>}>
                <textarea
                  rows={t.role === 'user' ? 2 : 3}
                  value={t.content}
                  onChange={(e) => setTurn(i, e.target.value)}
                />
              </Field>
              {t.role === 'assistant' ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => removeTurnPair(i)}
                  aria-label={`Remove ${label} and the user turn after it`}
                >
                  Remove exchange
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={addTurnPair}>
        Add a follow-up exchange
      </button>
      {family === 'encoder' && (turns.length > 1 || system.trim()) ? (
        <p className="hint">
          This encoder model reads a (prompt, response) pair: the system prompt and earlier turns are
          flattened into the prompt side.
        </p>
      ) : null}
      <Explain summary="How is a multi-turn conversation fed to the model?">
        Encoder models (BERT-style) read a (prompt, response) pair: earlier turns are flattened into the
        prompt side as <code>System: …</code>, <code>User: …</code>, <code>Assistant: …</code> lines. Decoder
        models read the whole conversation rendered by their chat template. Open a result's “Model input” to
        see exactly what was scored.
      </Explain>
    </section>
  );
}
