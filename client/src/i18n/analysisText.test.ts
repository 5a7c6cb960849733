import { VENUE_KINDS } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import type { ForecastFigure } from '../api/types.ts';
import {
  fallbackMessage,
  forecastTrust,
  hotspotBinMessage,
  isVenueKind,
  parseFactorId,
  warningMessage,
  withheldMessage,
} from './analysisText.ts';
import { translate } from './index.ts';

describe('analysis messages', () => {
  it('translates known warning codes and quotes the server for unknown ones', () => {
    expect(warningMessage({ code: 'edge_cells', message: '12 cells lie at the edge' })).toEqual({
      key: 'analysis.warning.edgeCells',
    });
    const unknown = warningMessage({ code: 'new_guard', message: 'Something new.' });
    expect(translate('id')(unknown.key, unknown.params)).toBe('Catatan dari server: Something new.');
  });

  it('explains the server’s reasons for withholding in the chosen language', () => {
    expect(withheldMessage({ withheldCode: 'disclosure' }).key).toBe('analysis.withheld.audit');
    expect(withheldMessage({ withheldCode: 'threshold' }).key).toBe('analysis.withheld.rule');
    expect(withheldMessage({ withheldCode: 'source' }).key).toBe('analysis.withheld.source');
    expect(withheldMessage({ withheldCode: 'too_few_cells' }).key).toBe('analysis.withheld.fewCells');
    expect(withheldMessage({ withheldCode: 'too_few_steps' }).key).toBe('analysis.withheld.sparseSteps');
    expect(withheldMessage({ withheldCode: null }).key).toBe('analysis.withheld.general');
    const text = withheldMessage({ withheldCode: 'disclosure' });
    expect(translate('id')(text.key, text.params)).not.toBe(translate('en')(text.key, text.params));
  });

  it('explains why the risk model fell back to expert weights', () => {
    expect(fallbackMessage('only 12 incidents; a Poisson model needs at least 30').key).toBe(
      'model.fallback.fewIncidents',
    );
    expect(fallbackMessage('incidents in only 4 cells; a Poisson model needs at least 10').key).toBe(
      'model.fallback.fewCells',
    );
    expect(fallbackMessage('the Poisson model could not be fitted (no convergence)').key).toBe(
      'model.fallback.notFitted',
    );
    expect(fallbackMessage(null).key).toBe('model.fallback.general');
    expect(fallbackMessage('new reason').params).toEqual({ reason: 'new reason' });
  });

  it('names every Gi* bin, and a missing bin as withheld', () => {
    const t = translate('en');
    const label = (bin: number | null) => {
      const message = hotspotBinMessage(bin);
      return t(message.key, message.params);
    };
    expect(label(3)).toBe('Hot spot, 99 % confidence');
    expect(label(-1)).toBe('Cold spot, 90 % confidence');
    expect(label(0)).toBe('Not significant');
    expect(label(null)).toBe('withheld for privacy');
  });
});

describe('parseFactorId', () => {
  it('reads kind, measure and distance of a factor present in a cell', () => {
    expect(parseFactorId('kost:density:800')).toEqual({ kind: 'kost', measure: 'density', distanceM: 800 });
    expect(parseFactorId('transport_hub:proximity:400')).toMatchObject({ kind: 'transport_hub' });
  });

  it('rejects anything else', () => {
    for (const text of [
      'kost',
      'bar:density:800',
      'kost:nearby:800',
      'kost:density:-1',
      'kost:density:8:x',
    ]) {
      expect(parseFactorId(text)).toBeNull();
    }
  });

  it('knows every venue kind of the shared domain', () => {
    expect(VENUE_KINDS.every(isVenueKind)).toBe(true);
    expect(isVenueKind('bar')).toBe(false);
  });
});

describe('forecastTrust', () => {
  const figure = (pai: number | null, withheld = false): ForecastFigure => ({
    cells: 10,
    areaShare: 0.1,
    hitRate: pai === null ? null : pai * 0.1,
    pai,
    withheld,
    withheldCode: withheld ? 'disclosure' : null,
    withheldReason: withheld ? 'x' : null,
  });

  it('reads PAI near 1 as chance, and higher PAI as more trustworthy', () => {
    expect(forecastTrust(figure(1.1))).toBe('chance');
    expect(forecastTrust(figure(2))).toBe('some');
    expect(forecastTrust(figure(4.2))).toBe('good');
  });

  it('cannot judge a withheld or undefined figure', () => {
    expect(forecastTrust(figure(null))).toBe('unknown');
    expect(forecastTrust(figure(5, true))).toBe('unknown');
  });
});
