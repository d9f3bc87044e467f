/** The rule guides of docs/findings.md, bundled at build time (Vite `?raw`). */
import findingsMarkdown from '../../../docs/findings.md?raw';
import { parseRuleGuides, type RuleGuide } from './rule-guide.js';

export const RULE_GUIDES: ReadonlyMap<string, RuleGuide> = parseRuleGuides(findingsMarkdown);
