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
