// Facts about the release geography built from the real kelurahan polygons.
import { describe, expect, it } from 'vitest';
import { baseCellAt, buildReleaseGeography, parentCell } from '@titik-rawan/server/releases/geography';
import { fullGeography, kelurahanCollection } from './fixtures';

describe('release geography', () => {
  const geography = fullGeography();

  it('gives every kelurahan at least 4 base cells, Kampung Melayu and Bali Mester included', () => {
    expect(geography.kelurahan).toHaveLength(65);
    for (const kelurahan of geography.kelurahan) expect(kelurahan.baseCells.length).toBeGreaterThanOrEqual(4);
    const named = (code: string) => geography.kelurahan.find((k) => k.code === code)?.baseCells.length ?? 0;
    expect(named('31.75.03.1001')).toBeGreaterThan(0);
    expect(named('31.75.03.1003')).toBeGreaterThan(0);
  });

  it('partitions the base cells: kelurahan, kecamatan and the kota', () => {
    const seen = new Map<string, string>();
    for (const kelurahan of geography.kelurahan) {
      for (const cell of kelurahan.baseCells) {
        expect(seen.has(cell)).toBe(false);
        seen.set(cell, kelurahan.code);
        expect(geography.kelurahanOfBaseCell.get(cell)).toBe(kelurahan.code);
      }
    }
    expect(seen.size).toBe(geography.baseCells.length);
    expect(geography.kecamatan).toHaveLength(10);
    const inKecamatan = geography.kecamatan.flatMap((k) => k.baseCells);
    expect(new Set(inKecamatan).size).toBe(inKecamatan.length);
    expect([...inKecamatan].sort()).toEqual([...geography.baseCells]);
    expect(geography.kota.baseCells).toEqual(geography.baseCells);
    for (const resolution of [7, 8] as const) {
      const children = geography.cells[resolution].flatMap((c) => geography.baseCellsOfCell.get(c) ?? []);
      expect([...children].sort()).toEqual([...geography.baseCells]);
      for (const cell of geography.cells[resolution]) {
        for (const child of geography.baseCellsOfCell.get(cell) ?? [])
          expect(parentCell(child, resolution)).toBe(cell);
      }
    }
  });

  it('maps every point inside the city, including the border, to a base cell', () => {
    for (const feature of kelurahanCollection().features) {
      const coordinates =
        feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      for (const polygon of coordinates) {
        for (const [lng = 0, lat = 0] of polygon[0] ?? []) {
          expect(baseCellAt(geography, lng, lat)).not.toBeNull();
        }
      }
    }
  });

  it('is a deterministic function of the polygons, whatever their order', () => {
    const collection = kelurahanCollection();
    const reversed = buildReleaseGeography({ features: [...collection.features].reverse() });
    expect(reversed.baseCells).toEqual(geography.baseCells);
    expect([...reversed.kelurahanOfBaseCell]).toEqual([...geography.kelurahanOfBaseCell]);
  });

  it('has the sizes the release model was designed for', () => {
    const straddling = geography.cells[8].filter(
      (cell) =>
        new Set((geography.baseCellsOfCell.get(cell) ?? []).map((b) => geography.kelurahanOfBaseCell.get(b)))
          .size > 1,
    );
    expect(geography.baseCells.length).toBe(1916);
    expect(geography.cells[8]).toHaveLength(310);
    expect(geography.cells[7]).toHaveLength(57);
    expect(straddling).toHaveLength(167);
  });
});
