import type { ReactNode } from 'react';

/** A short inline explanation the user can open; closed by default so the tool stays compact. */
export function Explain({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="explain">
      <summary>{summary}</summary>
      <div className="explain-body">{children}</div>
    </details>
  );
}
