// Browser tests of accessibility (issue 5): axe-core finds no serious or critical violation in the real dashboard on
// a 360 px phone and a 1920 px screen, in Bahasa Indonesia and English, signed out and signed in, with the hot spot
// and risk layers on and the side panel open; and the keyboard reaches the sign-in button, the filters and the layer
// switches, each with a visible focus indicator.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadAxe, openDashboard, saveScreenshot, useBrowserSession, waitForRelease } from './browser';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1920, height: 1080 };

/** Impacts that fail the test; "minor" and "moderate" findings are printed only. */
const FAILING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);

/** The part of axe-core's result the tests read. */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

declare global {
  interface Window {
    axe?: {
      run(context: unknown, options: Record<string, unknown>): Promise<{ violations: AxeViolation[] }>;
    };
  }
}

const session = useBrowserSession();

/** axe-core's browser bundle, read once. */
/** Runs axe-core on the whole page and returns its violations. */
async function runAxe(page: Page): Promise<AxeViolation[]> {
  await loadAxe(page);
  const result = await page.evaluate(() => {
    if (!window.axe) throw new Error('axe-core did not load');
    // Nothing is excluded. The MapLibre canvas is judged as an element (its role and name, set by MapController);
    // the pixels drawn in it carry no DOM text, so axe has nothing there to judge. Text laid over the canvas (the
    // attribution) comes back "incomplete" for contrast, as axe cannot read a canvas background; styles.css gives it a
    // nearly opaque backing instead.
    return window.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations;
}

/** One readable line per failing node: rule, impact, help, selector and axe's summary of what to fix. */
function describeViolations(violations: AxeViolation[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `[${violation.impact}] ${violation.id}: ${violation.help}\n    at ${JSON.stringify(node.target)}\n    ${(
            node.failureSummary ?? ''
          ).replace(/\n/g, '\n    ')}`,
      ),
    )
    .join('\n');
}

/** Waits until the hot spot and risk terrain layers hold an analysis and the map is idle. */
async function waitForAnalyses(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const analyses = (window as { __titikRawanAnalyses?: Record<string, unknown> }).__titikRawanAnalyses;
      return !!analyses?.hotspots && !!analyses.risk && !!window.__titikRawanMap?.loaded();
    },
    undefined,
    { timeout: 120_000, polling: 250 },
  );
}

/** Opens the side panel when it starts folded (phones). */
async function openSidePanel(page: Page): Promise<void> {
  const toggle = page.locator('.panel__toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
}

const SCREENS = [
  { name: 'phone', viewport: PHONE },
  { name: 'desktop', viewport: DESKTOP },
] as const;
const LANGUAGES = ['id', 'en'] as const;
const TIERS = ['public', 'satgas'] as const;

describe('accessibility of the dashboard', () => {
  for (const screen of SCREENS) {
    for (const language of LANGUAGES) {
      for (const tier of TIERS) {
        it(`has no serious axe-core violation: ${screen.name}, ${language}, ${tier}`, async () => {
          const page = await session.newPage(screen.viewport);
          if (tier === 'satgas') await session.signIn(page, 'satgas');
          await openDashboard(
            page,
            session.baseUrl,
            `/?lang=${language}&period=2024&geo=h3-7&layers=hotspots,risk,venues,interventions`,
          );
          await waitForRelease(page, `${tier}|2024|all|h3-7`);
          await waitForAnalyses(page);
          // Select the cell in the middle of the city, so that its details (chart, venues) are checked too.
          const map = await page.getByTestId('map').boundingBox();
          if (!map) throw new Error('no map');
          await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
          await openSidePanel(page);
          await page.getByTestId('series-chart').waitFor({ timeout: 60_000 });
          if (tier === 'satgas') await page.getByTestId('place-counts').waitFor({ timeout: 60_000 });
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);

          const violations = await runAxe(page);
          const failing = violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
          const others = violations.filter((violation) => !FAILING_IMPACTS.has(violation.impact ?? ''));
          if (others.length > 0) console.info(`minor axe-core findings:\n${describeViolations(others)}`);
          await saveScreenshot(
            page,
            `accessibility-${screen.name}-${screen.viewport.width}x${screen.viewport.height}-${language}-${tier}`,
          );
          expect(failing, describeViolations(failing)).toEqual([]);
        });
      }
    }
  }
});

/** What has the keyboard focus: its accessible role and name, and whether a focus indicator is drawn. */
interface FocusStop {
  tag: string;
  type: string;
  name: string;
  testId: string | null;
  focusVisible: boolean;
  indicator: boolean;
}

/** Describes the focused element; an indicator is an outline of at least 2 px or a box shadow. */
function focusStop(page: Page): Promise<FocusStop | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const label = element.closest('label')?.textContent ?? '';
    return {
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type') ?? '',
      name: (element.getAttribute('aria-label') ?? (label || element.textContent) ?? '').trim(),
      testId: element.dataset.testid ?? null,
      focusVisible: element.matches(':focus-visible'),
      indicator: outline || shadow,
    };
  });
}

describe('keyboard use of the dashboard', () => {
  for (const screen of SCREENS) {
    it(`reaches the sign-in button, filters and layer switches with a visible focus: ${screen.name}`, async () => {
      const page = await session.newPage(screen.viewport);
      await openDashboard(page, session.baseUrl, '/?lang=en&period=2024&geo=h3-7&layers=hotspots,risk');
      await waitForRelease(page, 'public|2024|all|h3-7');
      await page.locator('body').focus();

      const stops: FocusStop[] = [];
      for (let i = 0; i < 60; i += 1) {
        await page.keyboard.press('Tab');
        const stop = await focusStop(page);
        if (!stop) break;
        stops.push(stop);
        // On a phone the panel starts folded: its toggle opens it with the keyboard.
        if (await isFoldedPanelToggle(page)) await page.keyboard.press('Enter');
        if (stop.testId === 'layer-emerging') break;
      }
      const reached = (predicate: (stop: FocusStop) => boolean) => stops.find(predicate);
      const wanted = {
        signIn: reached((stop) => stop.tag === 'button' && stop.name === 'Sign in'),
        period: reached((stop) => stop.testId === 'filter-period'),
        category: reached((stop) => stop.testId === 'filter-category'),
        geography: reached((stop) => stop.testId === 'filter-geography'),
        ...Object.fromEntries(
          ['counts', 'risk', 'hotspots', 'emerging'].map((layer) => [
            `layer-${layer}`,
            reached((stop) => stop.testId === `layer-${layer}`),
          ]),
        ),
      };
      const order = stops.map((stop) => `${stop.tag}${stop.testId ? `#${stop.testId}` : ''} "${stop.name}"`);
      for (const [what, stop] of Object.entries(wanted)) {
        expect(stop, `${what} not reached with Tab; focus went:\n${order.join('\n')}`).toBeDefined();
      }
      const withoutIndicator = stops.filter((stop) => !stop.focusVisible || !stop.indicator);
      expect(withoutIndicator, 'focus stops without a visible focus indicator').toEqual([]);
      await saveScreenshot(
        page,
        `keyboard-${screen.name}-${screen.viewport.width}x${screen.viewport.height}`,
      );
    });
  }
});

/** Whether the focused element is the side panel's toggle while the panel is folded. */
function isFoldedPanelToggle(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return (
      !!element?.classList.contains('panel__toggle') && element.getAttribute('aria-expanded') === 'false'
    );
  });
}
