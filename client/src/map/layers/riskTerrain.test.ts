import { describe, expect, it } from 'vitest';
import { offlineStyle } from '../style.ts';
import { HOTSPOT_LAYER } from './hotspots.ts';
import { SOURCE } from './ids.ts';
import { RELEASE_LAYER } from './releases.ts';
import {
  RISK_CLASS_COLOURS,
  RISK_CLASSES,
  RISK_LAYER,
  riskClassColour,
  riskFillColour,
  riskTerrainLayers,
} from './riskTerrain.ts';

describe('risk terrain palette', () => {
  it('gives each risk class 1–5 its own colour, darker as risk grows', () => {
    expect(RISK_CLASSES.map(riskClassColour)).toEqual([...RISK_CLASS_COLOURS]);
    const green = (hex: string) => Number.parseInt(hex.slice(3, 5), 16);
    const greens = RISK_CLASS_COLOURS.map(green);
    expect([...greens].sort((a, b) => b - a)).toEqual(greens);
  });

  it('clamps classes outside 1–5 to the nearest end', () => {
    expect(riskClassColour(0)).toBe(RISK_CLASS_COLOURS[0]);
    expect(riskClassColour(9)).toBe(RISK_CLASS_COLOURS[4]);
  });
});

describe('riskTerrainLayers', () => {
  const layers = riskTerrainLayers();

  it('fills every cell of the risk source by its class, with no filter (cells without incidents too)', () => {
    expect(layers.map((layer) => layer.id)).toEqual([RISK_LAYER.fill, RISK_LAYER.outline]);
    expect(layers.every((layer) => 'source' in layer && layer.source === SOURCE.riskTerrain)).toBe(true);
    expect(layers.every((layer) => !('filter' in layer) || layer.filter === undefined)).toBe(true);
    expect(riskFillColour()).toEqual([
      'match',
      ['get', 'riskClass'],
      ...RISK_CLASSES.flatMap((riskClass) => [riskClass, riskClassColour(riskClass)]),
      RISK_CLASS_COLOURS[0],
    ]);
  });

  it('lies above the released counts and below the hot spots', () => {
    const ids = offlineStyle('http://127.0.0.1:8787').layers.map((layer) => layer.id);
    expect(ids.indexOf(RISK_LAYER.fill)).toBeGreaterThan(ids.indexOf(RELEASE_LAYER.outline));
    expect(ids.indexOf(RISK_LAYER.outline)).toBeLessThan(ids.indexOf(HOTSPOT_LAYER.fill));
  });
});
