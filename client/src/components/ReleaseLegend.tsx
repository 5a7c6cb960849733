/** Legend of the released counts: count classes, zero, suppressed (< k), the tier's threshold and what suppression means. */
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import {
  RELEASE_COLOUR,
  RELEASE_FILL_OPACITY,
  SUPPRESSED_LEGEND_BACKGROUND,
  type CountClass,
} from '../map/layers/releases.ts';

/** The legend section for the released-counts layer, with the release-geography note. */
export function ReleaseLegend() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const shown = useAppState((state) => state.releasedCounts.shown);
  const tier = useAppState((state) =>
    state.releaseMetadata.status === 'ready' ? state.releaseMetadata.metadata.tier : null,
  );
  const policyThreshold = useAppState((state) =>
    state.releaseMetadata.status === 'ready'
      ? (state.releaseMetadata.metadata.policy[state.releaseMetadata.metadata.tier]?.threshold ?? null)
      : null,
  );
  const threshold = shown?.classes.threshold ?? policyThreshold;
  const count = (value: number) => formatCount(value, language);
  const classLabel = (item: CountClass) =>
    item.to === null
      ? t('legend.classFrom', { from: count(item.from) })
      : item.to === item.from
        ? count(item.from)
        : t('legend.classRange', { from: count(item.from), to: count(item.to) });

  return (
    <section className="panel__section" aria-labelledby="release-legend-title" data-testid="release-legend">
      <h2 id="release-legend-title" className="panel__heading">
        {t('legend.title')}
      </h2>
      {shown ? (
        <ul className="legend">
          {[...shown.classes.classes].reverse().map((item) => (
            <li key={item.from} className="legend__item">
              <span
                className="legend__box"
                style={{ background: item.colour, opacity: RELEASE_FILL_OPACITY.count }}
                aria-hidden="true"
              />
              {classLabel(item)}
            </li>
          ))}
          <li className="legend__item">
            <span
              className="legend__box"
              style={{ background: RELEASE_COLOUR.zero, borderColor: RELEASE_COLOUR.zeroOutline }}
              aria-hidden="true"
            />
            {t('legend.zero')}
          </li>
          {threshold !== null && (
            <li className="legend__item" data-testid="legend-suppressed">
              <span
                className="legend__box"
                style={{
                  background: SUPPRESSED_LEGEND_BACKGROUND,
                  borderColor: RELEASE_COLOUR.suppressedLine,
                }}
                aria-hidden="true"
              />
              {t('legend.suppressed', { k: count(threshold) })}
            </li>
          )}
        </ul>
      ) : (
        <p className="panel__text">{t('legend.none')}</p>
      )}
      {threshold !== null && tier && (
        <p className="panel__text legend__threshold" data-testid="legend-threshold">
          {t('legend.threshold', { tier: t(`role.${tier}`), k: count(threshold) })}
        </p>
      )}
      {threshold !== null && (
        <p className="panel__text legend__explain">
          {t('legend.suppression', { max: count(threshold - 1) })}
        </p>
      )}
      <p className="panel__text legend__note" data-testid="release-geography-note">
        <strong>{t('filters.releaseGeography')}</strong>. {t('filters.releaseGeographyDetail')}
      </p>
    </section>
  );
}
