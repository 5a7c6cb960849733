/**
 * The task force's patrol plan for a shift: a few hot-spot cells in a short route with unpredictable 10–15 minute
 * stops (seeded by date and shift), drawn on the map, with the coarse time-of-week profile; printable as a
 * one-page briefing.
 */
import { TIME_BAND_START_HOUR, TIME_BANDS, type TimeBand } from '@titik-rawan/shared/codes';
import { useId, useState, type FormEvent } from 'react';
import { fetchPatrol, type PatrolQuery } from '../api/client.ts';
import { requestPlan } from '../app/requestPlan.ts';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import { formatCount, formatDecimal } from '../i18n/format.ts';
import { planScope } from '../store/analyses.ts';
import { jakartaToday } from '@titik-rawan/shared/codes';
import { NumberField } from './NumberField.tsx';
import { PatrolTimeProfile } from './PatrolTimeProfile.tsx';
import { PlanStatus } from './PlanStatus.tsx';

/** Class on <html> while the patrol briefing prints: the print stylesheet then shows only the briefing and map. */
export const PRINTING_PATROL_CLASS = 'printing-patrol';

/** The shift starting next in Jakarta: the time band of the next hour. */
function nextShift(now = new Date()): TimeBand {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', hour12: false }).format(
      now,
    ),
  );
  const next = (hour + 1) % 24;
  return [...TIME_BANDS].reverse().find((band) => TIME_BAND_START_HOUR[band] <= next) ?? 'night';
}

/** Prints the briefing: the patrol's section and the map on one page. */
function printBriefing(): void {
  const root = document.documentElement;
  root.classList.add(PRINTING_PATROL_CLASS);
  window.addEventListener('afterprint', () => root.classList.remove(PRINTING_PATROL_CLASS), { once: true });
  window.print();
}

/** The patrol tab of the planning tools (task force and admins). */
export function PatrolPlanner() {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((state) => state.language);
  const patrol = useAppState((state) => state.patrol);
  const [date, setDate] = useState(jakartaToday);
  const [shift, setShift] = useState<TimeBand>(nextShift);
  const [stops, setStops] = useState(5);
  const titleId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scope = planScope(store.getState());
    if (!scope) return;
    const query: PatrolQuery = {
      ...scope,
      date,
      shift,
      stops,
    };
    requestPlan(store, 'patrol', query, fetchPatrol);
  };
  const plan = patrol.status === 'ready' ? patrol.plan : null;

  return (
    <section className="patrol" aria-labelledby={titleId} data-testid="patrol-planner">
      <h3 id={titleId} className="planning__heading">
        {t('patrol.title')}
      </h3>
      <p className="panel__text patrol__intro">{t('patrol.intro')}</p>
      <form onSubmit={submit} className="placement__form patrol__form">
        <label className="field">
          <span className="field__label">{t('patrol.date')}</span>
          <input
            className="field__input"
            type="date"
            required
            value={date}
            onChange={(event) => setDate(event.target.value)}
            data-testid="patrol-date"
          />
        </label>
        <label className="field">
          <span className="field__label">{t('patrol.shift')}</span>
          <select
            className="field__input"
            value={shift}
            onChange={(event) => setShift(event.target.value as TimeBand)}
            data-testid="patrol-shift"
          >
            {TIME_BANDS.map((band) => (
              <option key={band} value={band}>
                {t(`timeBand.${band}`)}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label={t('patrol.stops')}
          value={stops}
          min={1}
          max={12}
          step={1}
          onChange={setStops}
          testId="patrol-stops"
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={patrol.status === 'loading' || !date}
          data-testid="patrol-run"
        >
          {t('patrol.run')}
        </button>
      </form>
      <PlanStatus state={patrol} loading="patrol.loading" failed="patrol.failed" />
      {plan && (
        <div className="patrol__result" data-testid="patrol-result">
          <p className="patrol__briefing-title">
            {t('patrol.briefingTitle', {
              date: plan.date,
              shift: t(`timeBand.${plan.shift}`),
            })}
          </p>
          {plan.stops.length === 0 ? (
            <p className="panel__text">{t('patrol.none')}</p>
          ) : (
            <>
              <p className="panel__text">
                {t('patrol.summary', {
                  stops: formatCount(plan.stops.length, language),
                  km: formatDecimal(plan.routeKm, language, 1),
                  minutes: formatCount(plan.totalMinutes, language),
                  pool: formatCount(plan.pool, language),
                })}
              </p>
              <ol className="patrol__stops" data-testid="patrol-stops-list">
                {plan.stops.map((stop) => (
                  <li key={stop.cell} data-cell={stop.cell}>
                    <button
                      type="button"
                      className="patrol__stop"
                      onClick={() =>
                        store
                          .getState()
                          .placeSelected({ kind: 'cell', id: stop.cell, resolution: plan.resolution })
                      }
                    >
                      <span className="patrol__time">{stop.arriveAt}</span>
                      <span className="patrol__where">
                        {stop.kelurahan ? stop.kelurahan.name : stop.cell}
                        <span className="patrol__why">
                          {[
                            stop.hotConfidence !== null &&
                              t('hotspots.hot', { confidence: stop.hotConfidence }),
                            stop.emerging && t(`emerging.class.${stop.emerging}`),
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      </span>
                      <span className="patrol__minutes">
                        {t('patrol.stopMinutes', { minutes: stop.stopMinutes })}
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
          <PatrolTimeProfile profile={plan.timeProfile} />
          <p className="filters__note">{t('patrol.notice')}</p>
          {plan.release.synthetic && (
            <p className="filters__note patrol__synthetic">{t('synthetic.badge')}</p>
          )}
          <div className="exports__buttons">
            <button type="button" className="button button--quiet" onClick={printBriefing}>
              {t('patrol.print')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => store.getState().planCleared('patrol')}
            >
              {t('patrol.clear')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
