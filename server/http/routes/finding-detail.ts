/**
 * GET /api/finding?id=…[&scan=]: one finding as the dashboard opens it — the stored finding (any
 * status), its rule's explanation, and for a reachability finding the path that makes it true.
 * The store keeps a finding's evidence but not its path, so the path is found again by running
 * that one rule over the scan's analysis (once per analysis and rule).
 */
import { Router } from 'express';
import type { FindingDetailResponse, RuleView } from '../../../shared/api/types.js';
import { findingId, RULES, type FindingDraft } from '../../../shared/audit/index.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import type { Analysis } from '../../analyze/analyze-snapshot-dir.js';
import { readFindings } from '../../store/read-findings.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { optionalScanId, requiredString } from '../params.js';

/** Rules whose drafts carry a path. */
const PATH_RULES = new Set<string>(['external-path-to-admin']);

const draftsByAnalysis = new WeakMap<Analysis, Map<string, readonly FindingDraft[]>>();

function ruleView(id: string): RuleView | undefined {
  const rule = RULES.find((r) => r.id === id);
  return rule === undefined
    ? undefined
    : { id: rule.id, severity: rule.severity, title: rule.title, help: rule.help };
}

export function findingDetailRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/finding', async (req, res) => {
    const id = requiredString(req, 'id', 'the finding id');
    const { scanId, analysis } = await ctx.cache.get(optionalScanId(req));
    const finding = readFindings(ctx.db, scanId, {
      status: ['new', 'open', 'resolved'],
    }).findings.find((f) => f.id === id);
    if (finding === undefined)
      throw new ApiError('not-found', `no finding ${id} in scan ${String(scanId)}`, {
        id,
        scan: String(scanId),
      });
    const label = analysis.graph.hasNode(finding.subject)
      ? analysis.graph.getNodeAttribute(finding.subject, 'label')
      : undefined;
    const body: FindingDetailResponse = {
      scanId,
      finding:
        typeof label === 'string' && label !== '' ? { ...finding, subjectLabel: label } : finding,
    };
    const rule = ruleView(finding.rule);
    if (rule !== undefined) body.rule = rule;
    const evaluator = RULES.find((r) => r.id === finding.rule);
    if (evaluator !== undefined && PATH_RULES.has(finding.rule) && finding.status !== 'resolved') {
      let cache = draftsByAnalysis.get(analysis);
      if (cache === undefined) {
        cache = new Map();
        draftsByAnalysis.set(analysis, cache);
      }
      let drafts = cache.get(finding.rule);
      if (drafts === undefined) {
        drafts = evaluator.evaluate({
          graph: analysis.graph,
          snapshot: analysis.snapshot,
          model: analysis.model,
          config: ctx.config ?? resolveAnalysisConfig(),
        });
        cache.set(finding.rule, drafts);
      }
      const draft = drafts.find(
        (d) => findingId(finding.rule, d.subject, d.discriminator ?? '') === id,
      );
      if (draft?.path !== undefined) body.path = draft.path;
    }
    res.json(body);
  });
  return router;
}
