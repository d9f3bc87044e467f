/**
 * Pretty-prints a policy document as lines, each tagged with the index of the statement it
 * belongs to, so that the side panel can highlight the statements that grant an edge (the
 * evidence's `statementIndex`). Documents arrive as objects, JSON strings or URL-encoded JSON
 * strings (as in `get-account-authorization-details`); anything else is shown verbatim. Pure.
 */

export interface PolicyLine {
  text: string;
  /** Index in `Statement` (a single statement object counts as index 0). */
  statementIndex?: number;
}

/** Parses a document given in any of the three forms; undefined when it is not JSON. */
export function readPolicyDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  const attempts = [document];
  if (/%[0-9A-Fa-f]{2}/.test(document)) {
    try {
      attempts.push(decodeURIComponent(document.replace(/\+/g, ' ')));
    } catch {
      // Not URL-encoded after all; the plain attempt stands.
    }
  }
  for (const attempt of attempts) {
    try {
      return JSON.parse(attempt) as unknown;
    } catch {
      // Try the next form.
    }
  }
  return undefined;
}

function indent(text: string, spaces: number): string[] {
  const pad = ' '.repeat(spaces);
  return text.split('\n').map((line) => pad + line);
}

/** The document as tagged lines (two-space JSON, keys in document order). */
export function policyLines(document: unknown): PolicyLine[] {
  const parsed = readPolicyDocument(document);
  if (parsed === undefined) {
    return (typeof document === 'string' ? document : String(document))
      .split('\n')
      .map((text) => ({ text }));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return JSON.stringify(parsed, null, 2)
      .split('\n')
      .map((text) => ({ text }));
  }
  const lines: PolicyLine[] = [{ text: '{' }];
  const entries = Object.entries(parsed as Record<string, unknown>);
  entries.forEach(([key, value], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const head = `  ${JSON.stringify(key)}: `;
    if (key === 'Statement' && Array.isArray(value)) {
      lines.push({ text: `${head}[` });
      value.forEach((statement, index) => {
        const body = indent(JSON.stringify(statement, null, 2), 4);
        const last = body.length - 1;
        body.forEach((text, n) => {
          lines.push({
            text: n === last && index < value.length - 1 ? `${text},` : text,
            statementIndex: index,
          });
        });
      });
      lines.push({ text: `  ]${comma}` });
      return;
    }
    const body = JSON.stringify(value, null, 2).split('\n');
    const isStatement = key === 'Statement';
    body.forEach((text, n) => {
      const line: PolicyLine = {
        text: (n === 0 ? head : '  ') + text + (n === body.length - 1 ? comma : ''),
      };
      if (isStatement) line.statementIndex = 0;
      lines.push(line);
    });
  });
  lines.push({ text: '}' });
  return lines;
}
