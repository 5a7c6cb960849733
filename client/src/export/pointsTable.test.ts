import { describe, expect, it } from 'vitest';
import type { InterventionCollection, Placements, VenueCollection } from '../api/types.ts';
import { interventionsCsv, placementsCsv, venuesCsv } from './pointsTable.ts';

const venues: VenueCollection = {
  type: 'FeatureCollection',
  notice: 'planning only',
  synthetic: true,
  features: [
    {
      type: 'Feature',
      id: '1',
      geometry: { type: 'Point', coordinates: [106.9, -6.2] },
      properties: { kind: 'kost', name: 'Kost "Melati", Gang 3', source: 'synthetic' },
    },
  ],
};

const interventions: InterventionCollection = {
  type: 'FeatureCollection',
  synthetic: false,
  withheldKinds: ['cctv'],
  features: [
    {
      type: 'Feature',
      id: '9',
      geometry: { type: 'Point', coordinates: [106.91, -6.21] },
      properties: {
        kind: 'kk_check',
        startedOn: '2025-02-01',
        organisation: 'UPT PPPA',
        venueKind: 'kost',
        organisationCode: 'upt-pppa',
        venueId: '4',
        kelurahan: '31.75.01.1001',
        kelurahanName: 'Pisangan Baru',
        editable: false,
      },
    },
  ],
};

describe('points CSV', () => {
  it('writes venues with translated kinds, quoted names and positions, UTF-8 BOM first', () => {
    expect(venuesCsv(venues, 'id')).toBe(
      '\uFEFFjenis,nama,sumber,bujur,lintang,data_sintetis\r\nKost,"Kost ""Melati"", Gang 3",synthetic,106.9,-6.2,ya\r\n',
    );
  });

  it('writes interventions with their start date, organisation and venue kind', () => {
    expect(interventionsCsv(interventions, 'en')).toBe(
      '\uFEFFkind,started_on,organisation,venue_kind,longitude,latitude,synthetic_data\r\n' +
        'Family-card (KK) check at a kost,2025-02-01,UPT PPPA,Kost (boarding houses),106.91,-6.21,no\r\n',
    );
  });
});

describe('placement CSV', () => {
  it('writes the suggested sites in rank order with the share each adds', () => {
    const plan: Placements = {
      release: { tier: 'satgas', period: '2025', category: 'all', threshold: 3, synthetic: true },
      notice: 'suggestions',
      resolution: 8,
      coverageM: 300,
      intervention: 'banner',
      kinds: ['hotel'],
      demand: 'risk',
      existingSites: 2,
      candidates: 10,
      existingShare: 0.25,
      coveredShare: 0.5,
      sites: [
        {
          rank: 1,
          venue: { id: '7', kind: 'hotel', name: 'Hotel A', coordinates: [106.9, -6.2] },
          addedShare: 0.2,
        },
        {
          rank: 2,
          venue: { id: '3', kind: 'hotel', name: 'Hotel B', coordinates: [106.8, -6.3] },
          addedShare: 0.05,
        },
      ],
    };
    expect(placementsCsv(plan, 'en')).toBe(
      '\uFEFFrank,kind,name,added_coverage,longitude,latitude,synthetic_data\r\n' +
        '1,Hotels,Hotel A,0.2,106.9,-6.2,yes\r\n2,Hotels,Hotel B,0.05,106.8,-6.3,yes\r\n',
    );
  });
});
