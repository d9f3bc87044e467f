/**
 * The dashboard's side panel shows hostile names visibly and bounded (issue 13, item 8): bidi and
 * control characters as escapes, a 100,000-character ARN cut with "show all".
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VisibleText } from '../../web/src/components/VisibleText.js';

const render = (text: string, max?: number): string =>
  renderToStaticMarkup(createElement(VisibleText, max === undefined ? { text } : { text, max }));

describe('VisibleText', () => {
  it('shows a bidi override and control characters as escapes, marked', () => {
    const html = render('Admin\u202eelor\u0007');
    expect(html).toContain('Admin\\u202eelor\\u0007');
    expect(html).not.toContain('\u202e');
    expect(html).toContain('class="visible-text has-invisible"');
  });

  it('cuts a 100,000-character value and offers the full value on demand', () => {
    const html = render(`arn:aws:iam::1:role/${'a'.repeat(100_000)}`);
    expect(html.length).toBeLessThan(1_000);
    expect(html).toContain('show all 100020 characters');
  });

  it('leaves ordinary names as they are', () => {
    expect(render('DatadogIntegrationRole')).toBe(
      '<span class="visible-text" data-testid="visible-text">DatadogIntegrationRole</span>',
    );
  });
});
