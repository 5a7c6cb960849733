/**
 * What the current access tier may see under the release policy, and what it may not with who may: nothing a
 * tier cannot see is silently missing.
 */
import type { ReleaseMetadata, Tier } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import type { Language, Translate } from '../i18n/index.ts';

const PERIOD_ORDER = { year: 0, quarter: 1, month: 2 } as const;
const PERIOD_WORD = {
  year: 'access.periodYear',
  quarter: 'access.periodQuarter',
  month: 'access.periodMonth',
} as const;
const SIGNED_IN: readonly Tier[] = ['ngo', 'satgas', 'admin'];
const SEES_CCTV: readonly Tier[] = ['satgas', 'admin'];

/** The lines saying what `tier` may not see and which tiers may, in the policy's terms. */
export function restrictionsOf(metadata: ReleaseMetadata, t: Translate, language: Language): string[] {
  const tier = metadata.tier;
  const mine = metadata.policy[tier];
  if (!mine) return [];
  const others = (Object.keys(metadata.policy) as Tier[]).filter((other) => other !== tier);
  const roles = (tiers: readonly Tier[]) => tiers.map((other) => t(`role.${other}`)).join(', ');
  const lines: string[] = [];
  const finerCells = others.filter(
    (other) => (metadata.policy[other]?.finestResolution ?? 0) > mine.finestResolution,
  );
  if (finerCells.length > 0) {
    lines.push(t('access.finerCells', { cells: t('geography.h3-8'), roles: roles(finerCells) }));
  }
  const finerPeriods = others.filter(
    (other) => PERIOD_ORDER[metadata.policy[other]?.finestPeriod ?? 'year'] > PERIOD_ORDER[mine.finestPeriod],
  );
  if (finerPeriods.length > 0) {
    lines.push(t('access.finerPeriods', { period: t(PERIOD_WORD.month), roles: roles(finerPeriods) }));
  }
  const lowerThreshold = others.filter(
    (other) => (metadata.policy[other]?.threshold ?? Infinity) < mine.threshold,
  );
  const lowest = Math.min(...lowerThreshold.map((other) => metadata.policy[other]?.threshold ?? Infinity));
  if (lowerThreshold.length > 0) {
    lines.push(t('access.smallerCounts', { k: formatCount(lowest, language), roles: roles(lowerThreshold) }));
  }
  if (!SIGNED_IN.includes(tier)) lines.push(t('access.places', { roles: roles(SIGNED_IN) }));
  if (!SEES_CCTV.includes(tier)) lines.push(t('access.cctv', { roles: roles(SEES_CCTV) }));
  return lines;
}

/** The "your access" section of the side panel. */
export function TierAccess() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const metadata = useAppState((state) =>
    state.releaseMetadata.status === 'ready' ? state.releaseMetadata.metadata : null,
  );
  const policy = metadata?.policy[metadata.tier];
  if (!metadata || !policy) return null;
  const restrictions = restrictionsOf(metadata, t, language);
  return (
    <section className="panel__section tier-access" aria-labelledby="access-title" data-testid="tier-access">
      <h2 id="access-title" className="panel__heading">
        {t('access.title', { tier: t(`role.${metadata.tier}`) })}
      </h2>
      <ul className="tier-access__list">
        <li>{t('access.threshold', { k: formatCount(policy.threshold, language) })}</li>
        <li>
          {t('access.resolution', { cells: t(`geography.h3-${policy.finestResolution === 8 ? 8 : 7}`) })}
        </li>
        <li>{t('access.period', { period: t(PERIOD_WORD[policy.finestPeriod]) })}</li>
      </ul>
      {restrictions.length > 0 ? (
        <>
          <p className="panel__text">{t('access.notForYou')}</p>
          <ul className="tier-access__list" data-testid="tier-restrictions">
            {restrictions.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="panel__text">{t('access.everything')}</p>
      )}
      <p className="filters__note">{t('access.why')}</p>
    </section>
  );
}
