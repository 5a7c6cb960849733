// Refusing personal data in imports: column names and cell values that must be refused, legitimate ones that must
// pass, and property tests that generated NIK, phone and e-mail values are caught wherever they sit in a cell.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMN_SETS } from '@titik-rawan/server/imports/columns';
import {
  checkHeaders,
  checkValue,
  isIdNumberShaped,
  redactPersonalData,
  REDACTED,
  type PiiColumnCode,
  type PiiValueCode,
} from '@titik-rawan/server/imports/pii';
import { IMPORT_KINDS, type ImportKind } from '@titik-rawan/server/imports/rows';

describe('checkHeaders', () => {
  const refused: [ImportKind, string, PiiColumnCode][] = [
    ['incidents', 'Nama Korban', 'pii_name_column'],
    ['incidents', 'nama_pelaku', 'pii_name_column'],
    ['incidents', 'Full Name', 'pii_name_column'],
    ['incidents', 'namaLengkap', 'pii_name_column'],
    ['incidents', 'nama', 'pii_name_column'],
    ['interventions', 'Name', 'pii_name_column'],
    ['incidents', 'Inisial Korban', 'pii_name_column'],
    ['incidents', 'korban', 'pii_name_column'],
    ['venues', 'nama pemilik', 'pii_name_column'],
    ['venues', 'namapemilik', 'pii_name_column'],
    ['incidents', 'namakorban', 'pii_name_column'],
    ['venues', 'Owner Name', 'pii_name_column'],
    ['venues', 'contact person', 'pii_name_column'],
    ['incidents', 'NIK', 'pii_id_number_column'],
    ['incidents', 'No. KTP', 'pii_id_number_column'],
    ['incidents', 'noKTP', 'pii_id_number_column'],
    ['incidents', 'National ID', 'pii_id_number_column'],
    ['incidents', 'NISN siswa', 'pii_id_number_column'],
    ['incidents', 'KK', 'pii_family_card_column'],
    ['incidents', 'No KK', 'pii_family_card_column'],
    ['interventions', 'nomor_kk', 'pii_family_card_column'],
    ['incidents', 'Kartu Keluarga', 'pii_family_card_column'],
    ['venues', 'Telepon', 'pii_phone_column'],
    ['incidents', 'HP', 'pii_phone_column'],
    ['incidents', 'No. HP', 'pii_phone_column'],
    ['incidents', 'NOHP', 'pii_phone_column'],
    ['venues', 'phone', 'pii_phone_column'],
    ['incidents', 'WhatsApp', 'pii_phone_column'],
    ['incidents', 'WA', 'pii_phone_column'],
    ['incidents', 'no_telp', 'pii_phone_column'],
    ['venues', 'Email', 'pii_email_column'],
    ['incidents', 'e-mail', 'pii_email_column'],
    ['incidents', 'Surel', 'pii_email_column'],
    ['incidents', 'Alamat', 'pii_address_column'],
    ['venues', 'alamat lengkap', 'pii_address_column'],
    ['venues', 'Address', 'pii_address_column'],
    ['venues', 'addr:street', 'pii_address_column'],
    ['incidents', 'Jalan', 'pii_address_column'],
    ['incidents', 'Jl', 'pii_address_column'],
    ['incidents', 'RT', 'pii_address_column'],
    ['incidents', 'RW', 'pii_address_column'],
    ['incidents', 'RT/RW', 'pii_address_column'],
    ['incidents', 'domisili', 'pii_address_column'],
    ['incidents', 'TKP', 'pii_address_column'],
    ['incidents', 'Tanggal Lahir', 'pii_birth_date_column'],
    ['incidents', 'tgl_lahir', 'pii_birth_date_column'],
    ['incidents', 'TTL', 'pii_birth_date_column'],
    ['incidents', 'Date of Birth', 'pii_birth_date_column'],
    ['incidents', 'DOB', 'pii_birth_date_column'],
    ['incidents', 'Umur', 'pii_age_column'],
    ['incidents', 'usia korban', 'pii_age_column'],
    ['interventions', 'Age', 'pii_age_column'],
    ['incidents', 'akun michat', 'pii_online_account_column'],
    ['incidents', 'Instagram', 'pii_online_account_column'],
    ['incidents', 'username', 'pii_online_account_column'],
    ['incidents', 'Keterangan', 'free_text_column'],
    ['incidents', 'catatan', 'free_text_column'],
    ['incidents', 'Notes', 'free_text_column'],
    ['incidents', 'Description', 'free_text_column'],
    ['incidents', 'Kronologi', 'free_text_column'],
    ['incidents', 'kronologis_kejadian', 'free_text_column'],
    ['incidents', 'uraian singkat', 'free_text_column'],
  ];
  it.each(refused)('refuses %s column "%s" as %s', (kind, header, code) => {
    const findings = checkHeaders(kind, ['tanggal', header, 'kategori']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ index: 1, column: header, code });
  });

  const accepted: [ImportKind, string][] = [
    ['incidents', 'tanggal'],
    ['incidents', 'tanggal_kejadian'],
    ['incidents', 'tanggal laporan'],
    ['incidents', 'tanggal pencatatan'],
    ['incidents', 'occurred_on'],
    ['incidents', 'waktu'],
    ['incidents', 'jam'],
    ['incidents', 'kategori'],
    ['incidents', 'Latitude'],
    ['incidents', 'lng'],
    ['incidents', 'kode kelurahan'],
    ['incidents', 'nama kelurahan'],
    ['incidents', 'Nama Kecamatan'],
    ['incidents', 'organisasi'],
    ['incidents', 'nama organisasi'],
    ['incidents', 'namakelurahan'],
    ['incidents', 'jumlah korban'],
    ['incidents', 'start'],
    ['venues', 'name'],
    ['venues', 'Nama'],
    ['venues', 'Nama Hotel'],
    ['venues', 'nama_usaha'],
    ['venues', 'osm_id'],
    ['venues', '@id'],
    ['venues', 'hotel'],
    ['venues', 'keterangan'],
    ['interventions', 'nama tempat'],
    ['interventions', 'jumlah kk diperiksa'],
    ['interventions', 'cek KK'],
    ['interventions', 'started_on'],
    ['interventions', 'keterangan'],
  ];
  it.each(accepted)('accepts %s column "%s"', (kind, header) => {
    expect(checkHeaders(kind, [header])).toEqual([]);
  });

  it('accepts every column name of every documented column set', () => {
    for (const kind of IMPORT_KINDS) {
      const names = COLUMN_SETS[kind].flatMap((spec) => spec.aliases);
      expect(checkHeaders(kind, names), kind).toEqual([]);
    }
  });

  it('explains that the whole file is refused, nothing was stored, and the column must be dropped', () => {
    const [finding] = checkHeaders('incidents', ['NIK']);
    expect(finding?.message).toContain('Column "NIK"');
    expect(finding?.message).toContain('the whole file is refused and nothing from it was stored');
    expect(finding?.message).toMatch(/Delete this column/);
  });

  it('reports every refused column with its position', () => {
    const findings = checkHeaders('incidents', ['nama', 'tanggal', 'no hp', 'catatan']);
    expect(findings.map((f) => [f.index, f.code])).toEqual([
      [0, 'pii_name_column'],
      [2, 'pii_phone_column'],
      [3, 'free_text_column'],
    ]);
  });

  it('does not repeat personal data written as a column name', () => {
    const [finding] = checkHeaders('incidents', ['nama 081234567890']);
    expect(finding?.column).not.toContain('081234567890');
    expect(finding?.message).not.toContain('081234567890');
  });
});

describe('checkValue', () => {
  const refused: [ImportKind, string, PiiValueCode][] = [
    ['incidents', '3175012301900001', 'pii_id_number_value'],
    ['incidents', '3175 0123 0190 0001', 'pii_id_number_value'],
    ['venues', '31.75.01.230190.0001', 'pii_id_number_value'],
    ['venues', '317501-230190-0001', 'pii_id_number_value'],
    ['incidents', '3175016301900001', 'pii_id_number_value'], // a woman's NIK: day + 40
    ['interventions', 'KK 3175011204150003', 'pii_id_number_value'],
    ['incidents', '3,17501E+15', 'pii_id_number_value'], // Excel's rendering of a NIK cell
    ['incidents', '081234567890', 'pii_phone_value'],
    ['incidents', '0812-3456-7890', 'pii_phone_value'],
    ['incidents', '0812 3456 789', 'pii_phone_value'],
    ['venues', '+62 812-3456-7890', 'pii_phone_value'],
    ['venues', '6281234567890', 'pii_phone_value'],
    ['venues', '+6281234567890', 'pii_phone_value'],
    ['venues', '(021) 8190 1234', 'pii_phone_value'],
    ['venues', '021-8190123', 'pii_phone_value'],
    ['venues', 'Hotel Melati (0812.3456.7890)', 'pii_phone_value'],
    ['incidents', 'budi.santoso@gmail.com', 'pii_email_value'],
    ['venues', 'info@hotel-melati.co.id', 'pii_email_value'],
    ['venues', 'budi [at] gmail.com', 'pii_email_value'],
    ['venues', 'Jl. Matraman Raya No. 5', 'pii_address_value'],
    ['venues', 'Kost Putri, Jalan Mawar 3', 'pii_address_value'],
    ['venues', 'Gg. Kelor', 'pii_address_value'],
    ['venues', 'Gang Mawar', 'pii_address_value'],
    ['venues', 'jl.pemuda', 'pii_address_value'],
    ['interventions', 'RT 05/RW 03', 'pii_address_value'],
    ['interventions', 'RT.005 RW.003', 'pii_address_value'],
    ['incidents', 'rw 3', 'pii_address_value'],
    ['incidents', 'Korban dibawa ke hotel oleh temannya pada malam hari', 'free_text_value'],
    ['incidents', 'x'.repeat(101), 'free_text_value'],
  ];
  it.each(refused)('refuses in %s the value %j as %s', (kind, value, code) => {
    expect(checkValue(kind, 'kolom', value)).toMatchObject({ column: 'kolom', code });
  });

  const accepted: [ImportKind, string][] = [
    ['incidents', '2025-01-05'],
    ['incidents', '05/01/2025'],
    ['incidents', '08-12-2025 08:30'],
    ['incidents', '2025-01-05T21:30:00+07:00'],
    ['incidents', '45662,875'],
    ['incidents', '31.75.01.1001'],
    ['incidents', '3175011001'],
    ['incidents', '31.75.08.1002'],
    ['incidents', '-6,2253'],
    ['incidents', '106,8701'],
    ['incidents', '-6.225123456789012'],
    ['incidents', '-6,225123456789012'],
    ['incidents', '106.0812345678'],
    ['incidents', 'online_solicitation'],
    ['incidents', 'Halim Perdana Kusumah'],
    ['incidents', 'Pondok Kelapa, Duren Sawit, Jakarta Timur'],
    ['incidents', 'upt-pppa'],
    ['incidents', 'sore'],
    ['venues', 'Hotel Melati'],
    ['venues', 'Kost Putri Bu Sri'],
    ['venues', 'Jalan-jalan Karaoke'],
    ['venues', 'Stasiun Jatinegara'],
    ['venues', 'SMP Negeri 123 Jakarta'],
    ['venues', '6281234567'], // an OpenStreetMap node id from the 6.28 billion range
    ['venues', 'node/12345678901'],
    ['venues', 'way/628123456'],
    ['venues', '1234567890123456'], // a 16-digit number without the NIK structure
    ['venues', 'mitra-001'],
    ['venues', 'Smart Karaoke 5'],
    ['interventions', 'kk_check'],
    ['interventions', 'bandungwangi'],
    ['incidents', ''],
  ];
  it.each(accepted)('accepts in %s the value %j', (kind, value) => {
    expect(checkValue(kind, 'kolom', value)).toBeNull();
  });

  it('takes long text in venues and interventions, which may carry names of places', () => {
    const text = 'Sosialisasi untuk pemilik kost dan pengelola hotel di wilayah Kampung Melayu';
    expect(checkValue('interventions', 'kolom', text)).toBeNull();
    expect(checkValue('incidents', 'kolom', text)?.code).toBe('free_text_value');
  });

  it('names the column and the consequence but never the value', () => {
    const finding = checkValue('incidents', 'nomor', '3175012301900001');
    expect(finding?.problem).toContain('NIK');
    expect(finding?.problem).toContain('the whole file is refused and nothing from it was stored');
    expect(JSON.stringify(finding)).not.toContain('3175012301900001');
  });
});

describe('isIdNumberShaped', () => {
  it('checks province, regency, district, day and month loosely', () => {
    expect(isIdNumberShaped('3175012301900001')).toBe(true);
    expect(isIdNumberShaped('3175012301900000')).toBe(true); // Excel zeroed the 16th digit
    expect(isIdNumberShaped('2075012301900001')).toBe(false); // no province 20
    expect(isIdNumberShaped('3100012301900001')).toBe(false); // regency 00
    expect(isIdNumberShaped('3175013501900001')).toBe(false); // day 35
    expect(isIdNumberShaped('3175012313900001')).toBe(false); // month 13
    expect(isIdNumberShaped('317501230190001')).toBe(false); // 15 digits
  });

  it('passes only a few percent of arbitrary 16-digit numbers', () => {
    const numbers = fc.sample(fc.stringMatching(/^[1-9]\d{15}$/), { numRuns: 5000, seed: 7 });
    const shaped = numbers.filter(isIdNumberShaped).length / numbers.length;
    expect(shaped).toBeLessThan(0.06);
  });
});

describe('redactPersonalData', () => {
  it('removes numbers and addresses that identify people, and keeps coordinates and area codes', () => {
    expect(
      redactPersonalData(
        'NIK 3175012301900001, HP 0812-3456-7890, budi@gmail.com at -6.225123456789012 31.75.01.1001',
      ),
    ).toBe(`NIK ${REDACTED}, HP ${REDACTED}, ${REDACTED} at -6.225123456789012 31.75.01.1001`);
  });
});

// Generators of personal data as partners write it, and of cells they may sit in.
const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
const twoDigits = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
const province = fc.constantFrom(
  '11',
  '12',
  '16',
  '31',
  '32',
  '33',
  '35',
  '36',
  '51',
  '61',
  '62',
  '73',
  '91',
);
const nik = fc
  .tuple(
    province,
    twoDigits(1, 79),
    twoDigits(1, 45),
    fc.oneof(twoDigits(1, 31), twoDigits(41, 71)),
    twoDigits(1, 12),
    digits(2),
    digits(4),
  )
  .chain((parts) =>
    fc.constantFrom(
      parts.join(''),
      `${parts.slice(0, 2).join('')} ${parts.slice(2, 4).join('')} ${parts.slice(4, 6).join('')} ${parts[6]}`,
      `${parts[0]}.${parts[1]}.${parts[2]}.${parts.slice(3, 6).join('')}.${parts[6]}`,
      `${parts.slice(0, 3).join('')}-${parts.slice(3, 6).join('')}-${parts[6]}`,
    ),
  );
/** An Indonesian mobile number: 9–12 digits after the trunk 0 or country code 62, grouped as people write them. */
const phone = fc
  .tuple(
    fc.constantFrom('0', '62', '+62', '+62 ', '62-', '0 '),
    fc.integer({ min: 11, max: 99 }).map((n) => `8${n}`),
    fc.integer({ min: 6, max: 9 }).chain((length) => digits(length)),
    fc.constantFrom('', ' ', '-', '.'),
  )
  .map(([prefix, operator, rest, separator]) => {
    const groups = rest.match(/.{1,4}/g) ?? [];
    return prefix + [operator, ...groups].join(separator);
  });
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._-]{0,12}[a-z0-9]$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
    fc.constantFrom('com', 'co.id', 'id', 'or.id', 'net', 'org'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
/** Text that passes on its own in any kind (short, no digits), to wrap generated values in. */
const harmless = fc.constantFrom(
  '',
  'Hotel Melati',
  'kontak',
  'hubungi',
  'Cipinang',
  'sore',
  'lihat',
  'pelapor:',
);
const wrapped = (value: fc.Arbitrary<string>) =>
  fc
    .tuple(harmless, value, harmless, fc.constantFrom(' ', ': ', ' (', ', '))
    .map(
      ([before, core, after, joint]) => `${before}${before ? joint : ''}${core}${after ? ` ${after}` : ''}`,
    );
const kind = fc.constantFrom(...IMPORT_KINDS);

describe('generated personal data inside otherwise valid text', () => {
  it('a NIK or KK number is always caught and never repeated', () => {
    fc.assert(
      fc.property(kind, nik, wrapped(fc.constant('#')), (k, id, frame) => {
        const value = frame.replace('#', id);
        const finding = checkValue(k, 'kolom', value);
        expect(finding?.code).toBe('pii_id_number_value');
        expect(JSON.stringify(finding)).not.toContain(id);
        expect(redactPersonalData(value)).not.toContain(id);
      }),
    );
  });

  it('a phone number is always caught', () => {
    fc.assert(
      fc.property(kind, wrapped(phone), (k, value) => {
        expect(checkValue(k, 'kolom', value)?.code).toBe('pii_phone_value');
      }),
    );
  });

  it('an e-mail address is always caught', () => {
    fc.assert(
      fc.property(kind, wrapped(email), (k, value) => {
        expect(checkValue(k, 'kolom', value)?.code).toBe('pii_email_value');
      }),
    );
  });
});

describe('generated legitimate values', () => {
  const coordinate = fc
    .tuple(
      fc.double({ min: -6.37, max: -6.15, noNaN: true }),
      fc.double({ min: 106.83, max: 106.97, noNaN: true }),
      fc.integer({ min: 1, max: 15 }),
      fc.constantFrom('.', ','),
    )
    .chain(([lat, lng, decimals, mark]) =>
      fc.constantFrom(lat, lng).map((n) => n.toFixed(decimals).replace('.', mark)),
    );
  const areaCode = fc
    .tuple(twoDigits(1, 10), fc.integer({ min: 1001, max: 1008 }))
    .map(([kecamatan, kelurahan]) => `31.75.${kecamatan}.${kelurahan}`);
  const osmId = fc
    .tuple(fc.constantFrom('', 'node/', 'way/', 'n', 'w'), fc.integer({ min: 1, max: 13_500_000_000 }))
    .map(([prefix, id]) => `${prefix}${id}`);
  const isoDate = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2026-11-28T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());
  const dateText = isoDate.chain((iso) => {
    const [date = '', time = ''] = iso.split('T');
    const [y, m, d] = date.split('-');
    return fc.constantFrom(date, `${d}/${m}/${y}`, `${d}-${m}-${y}`, `${date} ${time.slice(0, 5)}`, iso);
  });

  it('coordinates, area codes, OSM ids and dates are never refused', () => {
    fc.assert(
      fc.property(kind, fc.oneof(coordinate, areaCode, osmId, dateText), (k, value) => {
        expect(checkValue(k, 'kolom', value)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
