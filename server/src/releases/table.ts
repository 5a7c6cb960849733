// The linked table one tier can see: true counts at the level of atoms (cell ∩ kelurahan slivers and each
// kelurahan's unlocated part) × the tier's finest period × category, and every quantity the tier may get
// (cells, areas, periods, categories and `all`) as a sum over those atoms, one calendar year at a time.
import { INCIDENT_CATEGORIES, type H3Index, type Tier } from '@titik-rawan/shared';
import { cellToParent } from 'h3-js';
import type { CellResolution, IncidentPlace, ReleaseGeography } from './geography';
import {
  monthIndex,
  monthsOfPeriod,
  periodsInSpan,
  spanOfMonths,
  type DataSpan,
  type Period,
  type PeriodKind,
} from './periods';
import { periodKindsOf, resolutionsOf, type TierPolicy } from './policy';

/** True incident counts for one place, month and category: the engine's only input about incidents. */
export interface CountRow {
  place: IncidentPlace;
  /** Month as `YYYY-MM`. */
  month: string;
  /** Category code. */
  category: string;
  /** Number of incidents, a non-negative integer. */
  count: number;
}

/** Category value meaning "every category". */
export const ALL_CATEGORIES = 'all';

/** A published geography unit: an H3 cell at a publishable resolution, or an area. */
export type GeoUnit =
  | { kind: 'cell'; resolution: CellResolution; cell: H3Index }
  | { kind: 'area'; level: 'kota' | 'kecamatan' | 'kelurahan'; code: string };

/** One quantity a tier may be given: a geography unit, a period and a category (or `all`). */
export interface Quantity {
  /** Canonical key `geo|period|category`, e.g. `kel:31.75.03.1001|2024-Q1|all`. */
  key: string;
  geo: GeoUnit;
  period: string;
  category: string;
  /** Sorted variable indices of the year table that sum to it. */
  vars: Int32Array;
  /** True value. */
  value: number;
}

/** A part that is never published but could be isolated by differencing: a sliver or an unlocated part. */
export interface ProtectedPart {
  /** `s<res>:<cell>:<kelurahan>|period|category` or `u:<kelurahan>|period|category`. */
  key: string;
  vars: Int32Array;
  value: number;
}

/** An additive relation among quantities: the parent is the sum of the children. */
export interface Relation {
  parent: number;
  children: readonly number[];
}

/** One atom: a sliver (cell at the tier's finest resolution ∩ kelurahan) or a kelurahan's unlocated part. */
interface Atom {
  kelurahan: number;
  /** Cell at the finest resolution, null for the unlocated part. */
  cell: H3Index | null;
}

/** The static part of a tier's table: atoms, categories, span and the atoms of every geography unit. */
export interface TierTable {
  tier: Tier;
  policy: TierPolicy;
  geography: ReleaseGeography;
  categories: readonly string[];
  span: DataSpan | null;
  atoms: readonly Atom[];
  /** Atom indices (sorted) of each geography key such as `c8:<h3>`, `kel:<code>`, `kota:31.75`. */
  atomsOfGeo: ReadonlyMap<string, Int32Array>;
  /** Geography units in publication order (kota, kecamatan, kelurahan, cells coarse to fine). */
  geoUnits: readonly GeoUnit[];
  /** Calendar years that meet the span. */
  years: readonly number[];
  /** Atom × month × category counts: per year, a dense array indexed like the year's variables. */
  countsByYear: ReadonlyMap<number, Int32Array>;
}

/** One calendar year of a tier's table: the LP variables, every quantity and protected part, the relations. */
export interface YearTable {
  year: number;
  /** Periods of the tier's finest kind in this year (the time units of the variables). */
  units: readonly { key: string; months: readonly number[] }[];
  /** Number of variables = atoms × units × categories; variable = (atom · units + unit) · categories + category. */
  varCount: number;
  truth: Int32Array;
  quantities: readonly Quantity[];
  indexOfKey: ReadonlyMap<string, number>;
  relations: readonly Relation[];
  /** Protected parts whose true value is from 1 to k − 1 (no other can be pinned to such a value). */
  protectedParts: readonly ProtectedPart[];
}

/** Canonical key of a geography unit. */
export function geoKey(geo: GeoUnit): string {
  if (geo.kind === 'cell') return `c${geo.resolution}:${geo.cell}`;
  return `${geo.level === 'kelurahan' ? 'kel' : geo.level === 'kecamatan' ? 'kec' : 'kota'}:${geo.code}`;
}

/** Canonical key of a quantity. */
export function quantityKey(geo: GeoUnit, period: string, category: string): string {
  return `${geoKey(geo)}|${period}|${category}`;
}

function finestCellOf(cell: H3Index, resolution: CellResolution): H3Index {
  return cellToParent(cell, resolution) as H3Index;
}

/** Builds the static table of a tier from the geography and the true counts (rows with count 0 are ignored). */
export function buildTierTable(
  geography: ReleaseGeography,
  tier: Tier,
  policy: TierPolicy,
  rows: readonly CountRow[],
  options: { span?: DataSpan | null; categories?: readonly string[] } = {},
): TierTable {
  const categories = options.categories ?? INCIDENT_CATEGORIES;
  const resolution = policy.finestResolution;
  const kelIndex = new Map(geography.kelurahan.map((k, i) => [k.code, i]));
  const atomIndex = new Map<string, number>();
  const atoms: Atom[] = [];
  const slivers = new Map<string, Atom>();
  for (const cell of geography.baseCells) {
    const kelurahan = kelIndex.get(geography.kelurahanOfBaseCell.get(cell) as string) as number;
    const finest = finestCellOf(cell, resolution);
    slivers.set(`${finest}:${String(kelurahan).padStart(3, '0')}`, { kelurahan, cell: finest });
  }
  for (const key of [...slivers.keys()].sort()) {
    atomIndex.set(key, atoms.length);
    atoms.push(slivers.get(key) as Atom);
  }
  geography.kelurahan.forEach((_, kelurahan) => {
    atomIndex.set(`u:${kelurahan}`, atoms.length);
    atoms.push({ kelurahan, cell: null });
  });

  const atomsOfGeo = new Map<string, number[]>();
  const add = (key: string, atom: number): void => {
    const list = atomsOfGeo.get(key);
    if (list) list.push(atom);
    else atomsOfGeo.set(key, [atom]);
  };
  const resolutions = resolutionsOf(policy);
  atoms.forEach((atom, index) => {
    const kel = geography.kelurahan[atom.kelurahan];
    if (!kel) throw new Error('Release table: atom without kelurahan');
    add(`kota:${geography.kota.code}`, index);
    add(`kec:${kel.parentCode ?? ''}`, index);
    add(`kel:${kel.code}`, index);
    if (atom.cell) for (const r of resolutions) add(`c${r}:${finestCellOf(atom.cell, r)}`, index);
  });
  const geoUnits: GeoUnit[] = [
    { kind: 'area', level: 'kota', code: geography.kota.code },
    ...geography.kecamatan.map((a) => ({ kind: 'area' as const, level: 'kecamatan' as const, code: a.code })),
    ...geography.kelurahan.map((a) => ({ kind: 'area' as const, level: 'kelurahan' as const, code: a.code })),
    ...resolutions.flatMap((r) =>
      geography.cells[r].map((cell) => ({ kind: 'cell' as const, resolution: r, cell })),
    ),
  ];

  const span =
    options.span !== undefined
      ? options.span
      : spanOfMonths(rows.filter((r) => r.count > 0).map((r) => r.month));
  const years = span ? [...new Set(periodsInSpan('year', span).map((p) => p.year))] : [];
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  const countsByYear = new Map<number, Int32Array>();
  const unitsByYear = new Map(years.map((year) => [year, yearUnits(policy.finestPeriod, year, span)]));
  for (const row of rows) {
    if (!Number.isInteger(row.count) || row.count < 0)
      throw new Error(`Release input: bad count ${row.count}`);
    if (row.count === 0) continue;
    const category = categoryIndex.get(row.category);
    if (category === undefined) throw new Error(`Release input: unknown category ${row.category}`);
    const atom = atomOfPlace(row.place);
    const month = monthIndex(row.month);
    const year = Math.floor(month / 12);
    const units = unitsByYear.get(year);
    const unit = units?.findIndex((u) => u.months.includes(month)) ?? -1;
    if (!units || unit < 0) throw new Error(`Release input: month ${row.month} outside the data span`);
    let counts = countsByYear.get(year);
    if (!counts) {
      counts = new Int32Array(atoms.length * units.length * categories.length);
      countsByYear.set(year, counts);
    }
    const index = (atom * units.length + unit) * categories.length + category;
    counts[index] = (counts[index] ?? 0) + row.count;
  }

  function atomOfPlace(place: IncidentPlace): number {
    if ('baseCell' in place) {
      const code = geography.kelurahanOfBaseCell.get(place.baseCell);
      if (code === undefined) throw new Error(`Release input: ${place.baseCell} is not a base cell`);
      const key = `${finestCellOf(place.baseCell, resolution)}:${String(kelIndex.get(code)).padStart(3, '0')}`;
      return atomIndex.get(key) as number;
    }
    const kelurahan = kelIndex.get(place.unlocatedIn);
    if (kelurahan === undefined) throw new Error(`Release input: unknown kelurahan ${place.unlocatedIn}`);
    return atomIndex.get(`u:${kelurahan}`) as number;
  }

  return {
    tier,
    policy,
    geography,
    categories,
    span,
    atoms,
    atomsOfGeo: new Map([...atomsOfGeo].map(([key, list]) => [key, Int32Array.from(list)])),
    geoUnits,
    years,
    countsByYear,
  };
}

function yearUnits(
  kind: PeriodKind,
  year: number,
  span: DataSpan | null,
): { key: string; months: number[] }[] {
  if (!span) return [];
  return periodsInSpan(kind, span)
    .filter((p) => p.year === year)
    .map((p) => ({ key: p.key, months: monthsOfPeriod(p, span) }));
}

/** The periods of a year a tier may see, finest kind first, in calendar order within each kind. */
export function periodsOfYear(table: TierTable, year: number): Period[] {
  if (!table.span) return [];
  const span = table.span;
  return periodKindsOf(table.policy).flatMap((kind) =>
    periodsInSpan(kind, span).filter((p) => p.year === year),
  );
}

/** The sorted variables of (atoms × units × categories) in a year table. */
export function formOf(
  table: TierTable,
  units: readonly { months: readonly number[] }[],
  atoms: Int32Array,
  months: readonly number[],
  category: string,
): Int32Array {
  const unitList: number[] = [];
  units.forEach((unit, index) => {
    if (unit.months.some((m) => months.includes(m))) {
      if (!unit.months.every((m) => months.includes(m)))
        throw new Error('Release table: periods do not nest');
      unitList.push(index);
    }
  });
  const categoryList =
    category === ALL_CATEGORIES ? table.categories.map((_, i) => i) : [table.categories.indexOf(category)];
  if (categoryList.some((c) => c < 0)) throw new Error(`Release table: unknown category ${category}`);
  const U = units.length;
  const C = table.categories.length;
  const vars = new Int32Array(atoms.length * unitList.length * categoryList.length);
  let n = 0;
  for (const atom of atoms)
    for (const u of unitList) for (const c of categoryList) vars[n++] = (atom * U + u) * C + c;
  return vars;
}

function sumOf(truth: Int32Array, vars: Int32Array): number {
  let total = 0;
  for (const v of vars) total += truth[v] ?? 0;
  return total;
}

/** Builds one calendar year of a tier's table: every quantity with its form and true value, relations, parts. */
export function buildYearTable(table: TierTable, year: number): YearTable {
  const span = table.span;
  const units = yearUnits(table.policy.finestPeriod, year, span);
  const varCount = table.atoms.length * units.length * table.categories.length;
  const truth = table.countsByYear.get(year) ?? new Int32Array(varCount);
  const periods = periodsOfYear(table, year);
  const monthsOf = new Map(periods.map((p) => [p.key, span ? monthsOfPeriod(p, span) : []]));
  const categoryValues = [...table.categories, ALL_CATEGORIES];
  const quantities: Quantity[] = [];
  const indexOfKey = new Map<string, number>();
  for (const geo of table.geoUnits) {
    const atoms = table.atomsOfGeo.get(geoKey(geo)) ?? new Int32Array(0);
    for (const period of periods) {
      for (const category of categoryValues) {
        const vars = formOf(table, units, atoms, monthsOf.get(period.key) ?? [], category);
        const key = quantityKey(geo, period.key, category);
        indexOfKey.set(key, quantities.length);
        quantities.push({ key, geo, period: period.key, category, vars, value: sumOf(truth, vars) });
      }
    }
  }
  return {
    year,
    units,
    varCount,
    truth,
    quantities,
    indexOfKey,
    relations: relationsOf(table, periods, indexOfKey),
    protectedParts: protectedPartsOf(table, units, periods, monthsOf, truth),
  };
}

function relationsOf(
  table: TierTable,
  periods: readonly Period[],
  indexOfKey: ReadonlyMap<string, number>,
): Relation[] {
  const relations: Relation[] = [];
  const at = (key: string): number => {
    const index = indexOfKey.get(key);
    if (index === undefined) throw new Error(`Release table: missing quantity ${key}`);
    return index;
  };
  const geography = table.geography;
  const categoryValues = [...table.categories, ALL_CATEGORIES];
  const geoChildren: [string, string[]][] = [
    [`kota:${geography.kota.code}`, geography.kecamatan.map((k) => `kec:${k.code}`)],
    ...geography.kecamatan.map((kec): [string, string[]] => [
      `kec:${kec.code}`,
      geography.kelurahan.filter((k) => k.parentCode === kec.code).map((k) => `kel:${k.code}`),
    ]),
  ];
  if (table.policy.finestResolution === 8) {
    const children = new Map<string, string[]>();
    for (const cell of geography.cells[8]) {
      const parent = `c7:${cellToParent(cell, 7)}`;
      children.set(parent, [...(children.get(parent) ?? []), `c8:${cell}`]);
    }
    geoChildren.push(...children);
  }
  for (const period of periods) {
    for (const category of categoryValues) {
      for (const [parent, children] of geoChildren) {
        relations.push({
          parent: at(`${parent}|${period.key}|${category}`),
          children: children.map((c) => at(`${c}|${period.key}|${category}`)),
        });
      }
    }
  }
  const finer = new Map<string, string[]>();
  for (const period of periods) {
    const parentKey =
      period.kind === 'month'
        ? `${period.year}-Q${period.quarter ?? 0}`
        : period.kind === 'quarter'
          ? `${period.year}`
          : null;
    if (parentKey !== null) finer.set(parentKey, [...(finer.get(parentKey) ?? []), period.key]);
  }
  for (const geo of table.geoUnits) {
    const g = geoKey(geo);
    for (const category of categoryValues) {
      for (const [parent, children] of finer) {
        relations.push({
          parent: at(`${g}|${parent}|${category}`),
          children: children.map((c) => at(`${g}|${c}|${category}`)),
        });
      }
    }
    for (const period of periods) {
      relations.push({
        parent: at(`${g}|${period.key}|${ALL_CATEGORIES}`),
        children: table.categories.map((c) => at(`${g}|${period.key}|${c}`)),
      });
    }
  }
  return relations;
}

function protectedPartsOf(
  table: TierTable,
  units: readonly { key: string; months: readonly number[] }[],
  periods: readonly Period[],
  monthsOf: ReadonlyMap<string, readonly number[]>,
  truth: Int32Array,
): ProtectedPart[] {
  const groups = new Map<string, number[]>();
  table.atoms.forEach((atom, index) => {
    const kel = table.geography.kelurahan[atom.kelurahan]?.code ?? '';
    if (atom.cell === null) {
      groups.set(`u:${kel}`, [index]);
      return;
    }
    for (const r of resolutionsOf(table.policy)) {
      const key = `s${r}:${finestCellOf(atom.cell, r)}:${kel}`;
      groups.set(key, [...(groups.get(key) ?? []), index]);
    }
  });
  const parts: ProtectedPart[] = [];
  const k = table.policy.threshold;
  for (const key of [...groups.keys()].sort()) {
    const atoms = Int32Array.from(groups.get(key) ?? []);
    for (const period of periods) {
      for (const category of [...table.categories, ALL_CATEGORIES]) {
        const vars = formOf(table, units, atoms, monthsOf.get(period.key) ?? [], category);
        const value = sumOf(truth, vars);
        if (value >= 1 && value < k) parts.push({ key: `${key}|${period.key}|${category}`, vars, value });
      }
    }
  }
  return parts;
}
