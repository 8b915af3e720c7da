import { useMemo } from 'react';
import { renderMarkdown } from './render-markdown';

/** Untrusted text rendered as sanitized Markdown (marked + DOMPurify). */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className={`markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
