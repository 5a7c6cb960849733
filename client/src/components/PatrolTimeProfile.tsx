/**
 * The patrol briefing's time-of-week profile: a table of days by time band, shaded by count, with the busiest
 * time named; withheld counts (protecting small numbers) are shown as dashes.
 */
import type { PatrolPlan } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';

type TimeProfile = PatrolPlan['timeProfile'];

/** The shade of a count: the brand colour at an opacity proportional to its share of the highest count. */
function shade(value: number | null, highest: number): string | undefined {
  if (value === null || highest === 0) return undefined;
  return `rgb(15 76 92 / ${Math.round((value / highest) * 70)}%)`;
}

/** The profile table (or why it is not shown). */
export function PatrolTimeProfile({ profile }: { profile: TimeProfile }) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const day = (code: string) => t(`weekday.${code}` as MessageKey);
  const band = (code: string) => t(`timeBand.${code}` as MessageKey);
  if (profile.withheld) {
    return <p className="panel__text">{t('patrol.profileWithheld', { year: profile.year })}</p>;
  }
  const highest = Math.max(0, ...profile.values.flat().map((value) => value ?? 0));
  const busiest = new Set(profile.busiest.map((cell) => `${cell.day}|${cell.band}`));
  return (
    <div className="patrol__profile" data-testid="patrol-profile">
      <p className="panel__text">
        {profile.busiest.length > 0
          ? t('patrol.busiest', {
              times: profile.busiest.map((cell) => `${day(cell.day)} ${band(cell.band)}`).join(', '),
            })
          : t('patrol.noBusiest')}
      </p>
      <table className="patrol__grid">
        <caption>{t('patrol.profileCaption', { year: profile.year, threshold: profile.threshold })}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t('patrol.day')}</span>
            </th>
            {profile.bands.map((code) => (
              <th key={code} scope="col">
                {band(code)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {profile.days.map((code, d) => (
            <tr key={code}>
              <th scope="row">{day(code)}</th>
              {profile.bands.map((bandCode, b) => {
                const value = profile.values[d]?.[b] ?? null;
                const isBusiest = busiest.has(`${code}|${bandCode}`);
                return (
                  <td
                    key={bandCode}
                    className={isBusiest ? 'patrol__busiest' : undefined}
                    style={{
                      background: shade(value, highest),
                      color: value !== null && value > highest * 0.55 ? '#fff' : undefined,
                    }}
                    title={value === null ? t('patrol.withheldCell') : undefined}
                  >
                    {value === null ? '–' : formatCount(value, language)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
