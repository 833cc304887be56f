import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseStoryMarkdown, plainText } from '../../training/storyMarkdown';
import { StoryText } from './StoryText';

const html = (text: string) => renderToStaticMarkup(createElement(StoryText, { text }));
const ALLOWED = new Set(['div', 'p', 'span', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li']);

describe('story text: the Markdown subset, never markup from the text', () => {
  it('renders emphasis, strong, code, lists and code blocks', () => {
    const out = html(
      'Our *write* path: **2 distributors**, `rf: 3`.\n\n- one\n- two\n\n1. first\n\n```\nkill -9\n```',
    );
    expect(out).toContain('<em>write</em>');
    expect(out).toContain('<strong>2 distributors</strong>');
    expect(out).toMatch(/<code[^>]*>rf: 3<\/code>/);
    expect(out).toMatch(/<ul[^>]*><li><span>one<\/span><\/li><li><span>two<\/span><\/li><\/ul>/);
    expect(out).toMatch(/<ol[^>]*><li><span>first<\/span><\/li><\/ol>/);
    expect(out).toMatch(/<pre[^>]*><code>kill -9<\/code><\/pre>/);
    // snake_case and arithmetic are not emphasis.
    expect(plainText(parseStoryMarkdown('replication_factor is 2 * 3'))).toBe('replication_factor is 2 * 3');
    expect(html('replication_factor')).not.toContain('<em>');
  });

  it("3,000 hostile texts: only the subset's own elements, no attribute from the text, every character kept", () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .array(
          fc.constantFrom(
            '<script>alert(1)</script>',
            '<img src=x onerror=alert(1)>',
            '"',
            "'",
            '&amp;',
            '*',
            '**',
            '`',
            '_',
            '\n',
            '- ',
            '1. ',
            '```',
            ' ',
            'x',
            '[a](javascript:1)',
            '<b>',
          ),
          { maxLength: 30 },
        )
        .map((xs) => xs.join('')),
    );
    fc.assert(
      fc.property(hostile, (text) => {
        const out = html(text);
        for (const m of out.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
          expect(ALLOWED.has(m[1] ?? '')).toBe(true);
          // Only the component's own class and test id; nothing the text wrote.
          expect((m[2] ?? '').replace(/ (class|data-testid)="[^"<>]*"/g, '').trim()).toBe('');
        }
        expect(out).not.toMatch(/<(script|img|a|svg|iframe)\b/i);
        // Every non-space character of the text is still there, as text.
        const shown = plainText(parseStoryMarkdown(text)).replace(/\s/g, '');
        const expected = text
          .replace(/```/g, '')
          // A list marker and the spaces after it, on its own line (\s would run on into the next line
          // and hide that line's marker: "1. \n - " is two empty items).
          .replace(/^[ \t]{0,3}([-*+]|\d{1,9}[.)])[ \t]+/gm, '')
          .replace(/\s/g, '');
        expect(shown.length).toBeGreaterThanOrEqual(expected.replace(/[*_`]/g, '').length);
      }),
      { numRuns: 3000 },
    );
  }, 120_000);
});
