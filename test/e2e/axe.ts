/**
 * axe-core in the end-to-end tests: injected into the page (once per document) and run over the
 * whole document with the WCAG 2.0/2.1 A and AA rules plus axe's best practices.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** Evaluated rather than added as a script tag: the app's CSP (script-src 'self') refuses inline scripts. */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

export type Impact = 'critical' | 'serious' | 'moderate' | 'minor';

export interface Finding {
  state: string;
  rule: string;
  impact: Impact;
  help: string;
  /** The failing elements: selector and axe's summary of why. */
  nodes: { target: string; why: string }[];
  count: number;
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: Impact | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Runs axe on the page as it is now; `state` names it in the findings. `within` limits it to the
 * elements a selector matches (a dialog over a page already audited).
 */
export async function audit(page: Page, state: string, within?: string): Promise<Finding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async ({ tags, within }) => {
      const w = window as unknown as {
        axe: {
          run: (
            ctx: Document | { include: string[][] },
            opts: { runOnly: { type: 'tag'; values: string[] }; resultTypes: string[] },
          ) => Promise<{ violations: unknown[] }>;
        };
      };
      const result = await w.axe.run(within ? { include: [[within]] } : document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return JSON.parse(JSON.stringify(result.violations)) as unknown;
    },
    { tags: [...AXE_TAGS], within },
  );
  return (violations as AxeViolation[]).map((v) => ({
    state,
    rule: v.id,
    impact: v.impact ?? 'minor',
    help: v.help,
    count: v.nodes.length,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String).join(' '),
      why: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
    })),
  }));
}

/** One line per finding, for a failure message a developer can act on. */
export function describeFindings(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `[${f.impact}] ${f.state} · ${f.rule} (${f.count}): ${f.help}\n` +
        f.nodes
          .slice(0, 4)
          .map((n) => `    ${n.target} — ${n.why}`)
          .join('\n'),
    )
    .join('\n');
}
