import { rankOutreach, type OutreachWeights } from '@titik-rawan/shared/outreach';
import { describe, expect, it } from 'vitest';
import { outreachCsv, outreachFileName, type OutreachRow } from './outreachTable.ts';

const rows: OutreachRow[] = [
  {
    code: '31.75.01.1001',
    name: 'Pisangan Baru',
    kecamatan: 'Matraman',
    population: 40_000,
    count: 20,
    suppressed: false,
    ratePer10k: 5,
    hotspotConfidence: 99,
    trend: 'intensifying-hot-spot',
    venues: { kost: 10, lodging: 2, schools: 4 },
    interventions: 4,
  },
  {
    code: '31.75.01.1002',
    name: 'Utan Kayu, Utara',
    kecamatan: 'Matraman',
    population: null,
    count: null,
    suppressed: true,
    ratePer10k: null,
    hotspotConfidence: null,
    trend: null,
    venues: { kost: 5, lodging: 4, schools: 1 },
    interventions: 0,
  },
];

const weights: OutreachWeights = {
  incidents: 2,
  rate: 1,
  hotspot: 2,
  trend: 1,
  kost: 1,
  lodging: 1,
  schools: 1,
  coverage: 0,
};

describe('outreach CSV', () => {
  it('writes every component, its value and weight, and the score, in rank order', () => {
    const ranking = rankOutreach(rows, weights, 5);
    // First: (2·1 + 1·1 + 2·1 + 1·1 + 1·1 + 1·0.5 + 1·1 + 0·0) ÷ 9 = 8.5 ÷ 9 ≈ 0.944.
    // Second, with the count assumed 2.5 and rate, hot spot and trend unknown: (2·0.125 + 0.5 + 1 + 0.25) ÷ 5 = 0.4.
    expect(outreachCsv(ranking, weights, true, 'en')).toBe(
      '\uFEFFrank,code,name,kecamatan,population,count,suppressed,count_used,per_10k_residents,hotspot_percent,' +
        'trend_class,kost,hotels_guest_houses,schools,interventions,' +
        'value_incidents,value_rate,value_hotspot,value_trend,value_kost,value_hotels_guest_houses,value_schools,value_coverage,' +
        'weight_incidents,weight_rate,weight_hotspot,weight_trend,weight_kost,weight_hotels_guest_houses,weight_schools,weight_coverage,' +
        'score,synthetic_data\r\n' +
        '1,31.75.01.1001,Pisangan Baru,Matraman,40000,20,no,20,5,99,Intensifying hot spot,10,2,4,4,' +
        '1,1,1,1,1,0.5,1,0,2,1,2,1,1,1,1,0,0.944,yes\r\n' +
        '2,31.75.01.1002,"Utan Kayu, Utara",Matraman,,,yes,2.5,,withheld,withheld,5,4,1,0,' +
        '0.125,,,,0.5,1,0.25,1,2,1,2,1,1,1,1,0,0.4,yes\r\n',
    );
  });

  it('writes Indonesian headers and words', () => {
    const csv = outreachCsv(rankOutreach(rows, weights, 5), weights, false, 'id');
    const [header, first] = csv.slice(1).split('\r\n');
    expect(header?.split(',').slice(0, 8)).toEqual([
      'peringkat',
      'kode',
      'nama',
      'kecamatan',
      'penduduk',
      'jumlah',
      'disembunyikan',
      'jumlah_dipakai',
    ]);
    expect(header?.endsWith('bobot_cakupan,skor,data_sintetis')).toBe(true);
    expect(first?.endsWith(',0.944,tidak')).toBe(true);
  });

  it('names the period and category, and says when the data are synthetic', () => {
    expect(outreachFileName('2025-Q2', 'all', true, 'id')).toBe(
      'titik-rawan-prioritas-penjangkauan-2025-Q2-all-sintetis.csv',
    );
    expect(outreachFileName('2025', 'csam', false, 'en')).toBe(
      'titik-rawan-outreach-priorities-2025-csam.csv',
    );
  });
});
