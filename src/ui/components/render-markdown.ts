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

export function renderMarkdown(text: string): string {
  ensureHooks();
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
    ALLOW_DATA_ATTR: false,
  });
}
