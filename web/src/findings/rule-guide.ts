/**
 * What docs/findings.md says about each rule — when it fires, why it matters, how to fix it —
 * read from the document itself (one source for the docs and the dashboard). Pure: the text is
 * passed in (findings/rule-guide-text.ts imports the file at build time).
 */

export interface RuleGuide {
  rule: string;
  fires?: string;
  why?: string;
  fix?: string;
}

/** Sections `## \`rule-id\` — severity`, with their **Fires**, **Why** and **Fix** paragraphs. */
export function parseRuleGuides(markdown: string): Map<string, RuleGuide> {
  const guides = new Map<string, RuleGuide>();
  const sections = markdown.split(/^## /m).slice(1);
  for (const section of sections) {
    const head = /^`([a-z0-9-]+)`/.exec(section);
    if (head?.[1] === undefined) continue;
    const guide: RuleGuide = { rule: head[1] };
    const body = section.slice(section.indexOf('\n') + 1);
    const take = (label: string): string | undefined => {
      const m = new RegExp(
        `\\*\\*${label}\\*\\*:?\\s*([\\s\\S]*?)(?=\\n\\*\\*[A-Z][^*]*\\*\\*|\\n\\n|$)`,
      ).exec(body);
      return m?.[1]?.replace(/\s*\n\s*/g, ' ').trim();
    };
    const fires = take('Fires');
    const why = take('Why');
    const fix = take('Fix');
    if (fires !== undefined) guide.fires = fires;
    if (why !== undefined) guide.why = why;
    if (fix !== undefined) guide.fix = fix;
    guides.set(guide.rule, guide);
  }
  return guides;
}

/** A run of guide text: prose, or a `code` span of the document (an action, a key, a value). */
export interface GuideSpan {
  code: boolean;
  text: string;
}

/**
 * Guide text as the dashboard shows it: the document's `code` spans apart (shown as code, not
 * with their backticks) and the first letter a capital (the paragraphs follow a bold label in the
 * document and start in lower case). An unmatched backtick stays as it is.
 */
export function guideSpans(text: string): GuideSpan[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [{ code: false, text: capitalized(text) }];
  const spans: GuideSpan[] = [];
  parts.forEach((part, i) => {
    if (part === '') return;
    spans.push({ code: i % 2 === 1, text: part });
  });
  const first = spans[0];
  if (first !== undefined && !first.code) spans[0] = { code: false, text: capitalized(first.text) };
  return spans;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
