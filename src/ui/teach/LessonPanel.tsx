import { useStore } from '../store/store';
import { lessonById } from '../store/lessons';

/** The open lesson's question and what to look for, above the editor; the link opens it for a whole class. */
export function LessonPanel() {
  const id = useStore((s) => s.lesson);
  const close = useStore((s) => s.setLesson);
  const lesson = id ? lessonById(id) : undefined;
  if (!lesson) return null;
  const link = `${window.location.origin}${window.location.pathname}#lesson=${lesson.id}`;
  return (
    <section className="panel lesson" aria-labelledby="lesson-heading">
      <div className="row">
        <h2 id="lesson-heading">Lesson: {lesson.title}</h2>
        <button type="button" onClick={() => close(null)}>
          Close lesson
        </button>
      </div>
      <p>
        <strong>Ask:</strong> {lesson.question}
      </p>
      <details>
        <summary>What to look for</summary>
        <p>{lesson.lookFor}</p>
      </details>
      <p className="hint">
        Link for the class: <a href={link}>{link}</a> (opens this lesson with whatever model each student
        loads).
      </p>
    </section>
  );
}
