/**
 * Issue 10, item 4: an 8 KB share link with 3,000 nested `> ` markers overflowed the stack in the Markdown
 * renderer and blanked the app. Nesting is bounded before parsing; fenced code stays as written.
 */
import { describe, expect, it } from 'vitest';
import { boundMarkdownNesting, MAX_MARKDOWN_NESTING, markdownToHtml } from './render-markdown';

const count = (html: string, tag: string) => html.split(`<${tag}>`).length - 1;

describe('renderMarkdown with hostile nesting', () => {
  it('renders 3,000 nested quotes without overflowing the stack, at most MAX_MARKDOWN_NESTING deep', () => {
    const html = markdownToHtml(`${'> '.repeat(3000)}deep text`);
    expect(html).toContain('deep text');
    expect(count(html, 'blockquote')).toBe(MAX_MARKDOWN_NESTING);
  });

  it.each([
    ['bullets', '- '],
    ['stars', '* '],
    ['numbers', '1. '],
    ['quoted bullets', '>- '],
  ])('bounds nested %s', (_name, marker) => {
    const html = markdownToHtml(`${marker.repeat(3000)}x`);
    expect(html).toContain('x');
    expect(html.length).toBeLessThan(5000);
  });

  it('shows long emphasis runs as literal characters', () => {
    const run = '*'.repeat(3000);
    const html = markdownToHtml(`${run}x${run} and ${'_'.repeat(3000)}y${'_'.repeat(3000)}`);
    expect(html).toContain('x');
    expect(html).toContain('y');
  });

  it('bounds deep indentation of list items', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 * i)}- item ${i}`).join('\n');
    const html = markdownToHtml(lines);
    expect(html).toContain('item 399');
    expect(count(html, 'ul')).toBeLessThanOrEqual(MAX_MARKDOWN_NESTING * 2 + 1);
  });

  it('leaves ordinary Markdown and fenced code untouched', () => {
    const text =
      '> quote\n> > nested\n\n- a\n  - b\n\n```\n> > > > > > > > > > > > > > > > > > > > kept\n```\n**bold**';
    expect(boundMarkdownNesting(text)).toBe(text);
    const deepInFence = `\`\`\`\n${'> '.repeat(100)}code\n\`\`\``;
    expect(boundMarkdownNesting(deepInFence)).toBe(deepInFence);
  });
});
