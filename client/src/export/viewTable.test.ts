import { describe, expect, it } from 'vitest';
import type {
  HotspotCollection,
  ReleasedAreaCollection,
  ReleasedCellCollection,
  RiskTerrainCollection,
} from '../api/types.ts';
import { countClasses } from '../map/layers/releases.ts';
import type { ShownRelease } from '../store/releasesSlice.ts';
import { csvField, exportFileName, toCsv, UTF8_BOM, viewTableCsv, type ViewTable } from './viewTable.ts';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};

function areas(synthetic: boolean): ShownRelease {
  const collection: ReleasedAreaCollection = {
    type: 'FeatureCollection',
    release: { tier: 'public', period: '2025', category: 'all', threshold: 10, synthetic },
    features: [
      { code: '31.75.01.1001', name: 'Pisangan, Baru', count: 14, suppressed: false },
      { code: '31.75.01.1002', name: 'Utan "Kayu"', count: null, suppressed: true },
      { code: '31.75.01.1003', name: 'Kayu Manis', count: 0, suppressed: false },
    ].map((properties) => ({
      type: 'Feature' as const,
      id: properties.code,
      geometry: square,
      properties: { ...properties, level: 'kelurahan' as const },
    })),
  };
  return {
    request: { tier: 'public', period: '2025', category: 'all', geography: 'kelurahan' },
    collection,
    classes: countClasses(collection),
  };
}

function cells(): ShownRelease {
  const collection: ReleasedCellCollection = {
    type: 'FeatureCollection',
    release: { tier: 'satgas', period: '2025-05', category: 'csam', threshold: 3, synthetic: true },
    features: [
      { cell: '88aaa', count: 7, suppressed: false },
      { cell: '88bbb', count: null, suppressed: true },
    ].map((properties) => ({
      type: 'Feature' as const,
      id: properties.cell,
      geometry: square,
      properties: { ...properties, resolution: 8 },
    })),
  };
  return {
    request: { tier: 'satgas', period: '2025-05', category: 'csam', geography: 'h3-8' },
    collection,
    classes: countClasses(collection),
  };
}

const hotspots = {
  type: 'FeatureCollection',
  features: [
    { cell: '88aaa', bin: 3 },
    { cell: '88bbb', bin: null },
  ].map(({ cell, bin }) => ({
    type: 'Feature',
    id: cell,
    geometry: square,
    properties: { cell, resolution: 8, bin, neighbours: 6, edge: false, count: 0, suppressed: false },
  })),
} as unknown as HotspotCollection;

const risk = {
  type: 'FeatureCollection',
  release: { tier: 'satgas', period: '2025-Q2', category: 'csam', threshold: 3, synthetic: true },
  features: [
    {
      type: 'Feature',
      id: '88aaa',
      geometry: square,
      properties: { cell: '88aaa', resolution: 8, risk: 2.345678, riskClass: 5, factors: [] },
    },
  ],
} as unknown as RiskTerrainCollection;

/** The CSV without its BOM, split into rows of raw field text. */
function lines(csv: string): string[] {
  return csv.slice(UTF8_BOM.length).split('\r\n').filter(Boolean);
}

describe('csv fields', () => {
  it('quotes commas, quotes, line breaks and outer spaces, and writes null as empty', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
  });

  it('starts with a UTF-8 byte order mark and ends rows with CRLF', () => {
    const csv = toCsv([
      ['a', 1],
      ['b', null],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFa,1\r\nb,\r\n');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

describe('viewTableCsv', () => {
  const table: ViewTable = { release: areas(true), hotspots: null, emerging: null, risk: null };

  it('writes one row per released area with raw codes and suppressed as a word, never 0 (Indonesian)', () => {
    const rows = lines(viewTableCsv(table, 'id'));
    expect(rows).toEqual([
      'geografi,kode,nama,periode,kategori,tingkat_akses,ambang_k,jumlah,disembunyikan,data_sintetis',
      'kelurahan,31.75.01.1001,"Pisangan, Baru",2025,all,public,10,14,tidak,ya',
      'kelurahan,31.75.01.1002,"Utan ""Kayu""",2025,all,public,10,disembunyikan,ya,ya',
      'kelurahan,31.75.01.1003,Kayu Manis,2025,all,public,10,0,tidak,ya',
    ]);
  });

  it('names the columns and words in English, keeping codes raw', () => {
    const rows = lines(viewTableCsv({ ...table, release: areas(false) }, 'en'));
    expect(rows[0]).toBe(
      'geography,code,name,period,category,tier,threshold_k,count,suppressed,synthetic_data',
    );
    expect(rows[2]).toBe('kelurahan,31.75.01.1002,"Utan ""Kayu""",2025,all,public,10,suppressed,yes,no');
  });

  it('joins the analysis values of the layers on to the cells, withheld bins as a word', () => {
    const rows = lines(viewTableCsv({ release: cells(), hotspots, emerging: null, risk }, 'en'));
    expect(rows).toEqual([
      'geography,code,name,period,category,tier,threshold_k,count,suppressed,hotspot_bin,risk_period,risk_value,risk_class,synthetic_data',
      'h3-8,88aaa,,2025-05,csam,satgas,3,7,no,3,2025-Q2,2.3457,5,yes',
      'h3-8,88bbb,,2025-05,csam,satgas,3,suppressed,yes,withheld,,,,yes',
    ]);
  });

  it('adds the analysis cells as rows of their own when the counts are by area', () => {
    const rows = lines(viewTableCsv({ ...table, hotspots }, 'en'));
    expect(rows).toHaveLength(1 + 3 + 2);
    expect(rows[4]).toBe('h3-8,88aaa,,2025,all,public,10,,,3,yes');
    expect(rows[5]).toBe('h3-8,88bbb,,2025,all,public,10,,,withheld,yes');
  });

  it('names files after the view', () => {
    expect(exportFileName(table, 'csv')).toBe('titik-rawan_2025_all_kelurahan.csv');
    expect(exportFileName({ release: cells() }, 'png')).toBe('titik-rawan_2025-05_csam_h3-8.png');
  });
});
