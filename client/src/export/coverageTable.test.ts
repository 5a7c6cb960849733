import { describe, expect, it } from 'vitest';
import type { Coverage } from '../api/types.ts';
import { beforeAfterCsv, coverageCellsCsv } from './coverageTable.ts';

const quarter = (
  q: string,
  status: Coverage['beforeAfter']['kelurahan'][number]['before'][number]['status'],
  count: number | null,
) => ({
  quarter: q,
  status,
  count,
});

const coverage: Coverage = {
  release: { tier: 'ngo', period: '2025', category: 'all', threshold: 5, synthetic: true },
  resolution: 8,
  coverageM: 300,
  rule: 'rule',
  highRiskFrom: 44.6,
  hotSpotsWithheld: false,
  withheldKinds: ['cctv'],
  interventions: 2,
  totals: { cells: 2, covered: 1, share: 0.5 },
  cells: [
    {
      type: 'Feature',
      id: '888c10782bfffff',
      geometry: { type: 'Polygon', coordinates: [] },
      properties: {
        cell: '888c10782bfffff',
        resolution: 8,
        hotConfidence: 99,
        relativeRisk: 710.00136419,
        covered: true,
        nearestM: 190,
        coveringKinds: ['banner', 'kk_check'],
      },
    },
    {
      type: 'Feature',
      id: '888c107803fffff',
      geometry: { type: 'Polygon', coordinates: [] },
      properties: {
        cell: '888c107803fffff',
        resolution: 8,
        hotConfidence: null,
        relativeRisk: 50,
        covered: false,
        nearestM: null,
        coveringKinds: [],
      },
    },
  ],
  beforeAfter: {
    caveat: 'caveat',
    method: 'method',
    category: 'all',
    kelurahan: [
      {
        code: '31.75.01.1001',
        name: 'Pisangan Baru',
        firstIntervention: '2024-02-08',
        quarter: '2024-Q1',
        interventions: 3,
        before: [
          quarter('2023-Q1', 'before_data', null),
          quarter('2023-Q2', 'before_data', null),
          quarter('2023-Q3', 'before_data', null),
          quarter('2023-Q4', 'before_data', null),
        ],
        after: [
          quarter('2024-Q2', 'published', 4),
          quarter('2024-Q3', 'published', 0),
          quarter('2024-Q4', 'published', 6),
          quarter('2025-Q1', 'published', 5),
        ],
        beforeTotal: null,
        afterTotal: 15,
      },
    ],
  },
};

describe('coverage CSV', () => {
  it('writes each listed cell with why it is listed, whether it is covered and by what', () => {
    expect(coverageCellsCsv(coverage, 'en')).toBe(
      '\uFEFFh3_cell,resolution,hot_spot_confidence,relative_risk,covered,nearest_intervention_m,covering_intervention_kinds,reach_m,synthetic_data\r\n' +
        '888c10782bfffff,8,99,710.0014,yes,190,Banner / poster; Family-card (KK) check at a kost,300,yes\r\n' +
        '888c107803fffff,8,,50,no,,,300,yes\r\n',
    );
  });

  it('writes one row per kelurahan and quarter, counts only when published, totals only for whole sides', () => {
    const rows = beforeAfterCsv(coverage, 'id').replace('\uFEFF', '').trim().split('\r\n');
    expect(rows[0]).toBe(
      'kode,nama,intervensi_pertama,triwulan_intervensi,kategori,sisi,triwulan,jumlah,status,jumlah_sisi,data_sintetis',
    );
    expect(rows).toHaveLength(9);
    expect(rows[1]).toBe(
      '31.75.01.1001,Pisangan Baru,2024-02-08,2024-Q1,all,sebelum,2023-Q1,,sebelum_data,,ya',
    );
    expect(rows[5]).toBe(
      '31.75.01.1001,Pisangan Baru,2024-02-08,2024-Q1,all,sesudah,2024-Q2,4,diterbitkan,15,ya',
    );
  });
});
