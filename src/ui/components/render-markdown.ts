import DOMPurify from 'dompurify';
import { marked } from 'marked';

// Responses are untrusted model output: parse as Markdown, then keep only inert formatting. Images and
// embedded documents are dropped too, so a response can never make the page fetch anything.
const FORBID_TAGS = [
  'style',
  'img',
  'picture',
  'video',
  'audio',
  'source',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'link',
  'meta',
  'base',
];

let hooked = false;
function ensureHooks(): void {
  if (hooked) return;
  hooked = true;
  // Links open in a new tab without handing over window.opener.
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof HTMLAnchorElement) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

/** Deeper containers (quotes, lists) are flattened: marked recurses once per level and overflows the stack. */
export const MAX_MARKDOWN_NESTING = 16;
/** Longer runs of an emphasis delimiter are shown as literal characters (marked recurses on them too). */
const MAX_DELIMITER_RUN = 32;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// One container marker at the start of a line: a quote '>' or a list bullet/number followed by a space.
const CONTAINER_MARKER = /^[ \t]{0,3}(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))/;

function boundLine(line: string): string {
  let rest = line;
  let prefix = '';
  let depth = 0;
  for (;;) {
    const m = CONTAINER_MARKER.exec(rest);
    if (!m || m[0].length === 0) break;
    depth += 1;
    if (depth <= MAX_MARKDOWN_NESTING) prefix += m[0];
    rest = rest.slice(m[0].length);
  }
  // Indentation nests lists too: keep at most what the allowed depth can use.
  const indent = /^[ \t]*/.exec(rest)?.[0] ?? '';
  const maxIndent = 4 * MAX_MARKDOWN_NESTING;
  if (indent.length > maxIndent) rest = rest.slice(indent.length - maxIndent);
  if (depth <= MAX_MARKDOWN_NESTING && rest === line.slice(prefix.length)) return line;
  return prefix + rest;
}

/**
 * Caps how deep untrusted Markdown can nest before it reaches marked: quote and list markers past
 * MAX_MARKDOWN_NESTING levels are dropped (the text stays), over-long indentation is cut, and long runs of
 * `*`, `_` or `~` become literal characters. Lines inside fenced code blocks are left exactly as written.
 */
export function boundMarkdownNesting(text: string): string {
  let fence: string | null = null;
  const lines = text.split('\n').map((line) => {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]?.[0] === fence[0] && (f[1]?.length ?? 0) >= fence.length) fence = null;
      return line;
    }
    if (f) {
      fence = f[1] ?? null;
      return line;
    }
    return boundLine(line);
  });
  return lines
    .join('\n')
    .replace(new RegExp(`([*_~])\\1{${MAX_DELIMITER_RUN},}`, 'g'), (run) => run.replace(/./g, '\\$&'));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Markdown → HTML with nesting bounded; not yet sanitized (renderMarkdown does that). */
export function markdownToHtml(text: string): string {
  try {
    return marked.parse(boundMarkdownNesting(text), { async: false, gfm: true, breaks: true });
  } catch {
    // Whatever still defeats the parser is shown as plain text rather than taking the page down.
    return `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  }
}

export function renderMarkdown(text: string): string {
  ensureHooks();
  const html = markdownToHtml(text);
  return DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
    ALLOW_DATA_ATTR: false,
  });
}
