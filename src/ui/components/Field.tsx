import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

/**
 * A labelled form control. The label is linked by id rather than wrapped around the control, so the control's
 * accessible name is exactly the label (a wrapping label would also include the control's current value).
 */
export function Field({
  label,
  children,
  hint,
}: {
  label: ReactNode;
  children: ReactElement<{ id?: string }>;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
      {hint ? <span className="hint">{hint}</span> : null}
    </div>
  );
}
