// Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995) in its z-score form, with binary weights and the
// cell itself in its own neighbourhood, as ArcGIS Hot Spot Analysis and spdep::localG (include.self,
// style "B") compute it. For cell i with W_i = Σ_j w_ij and S1_i = Σ_j w_ij² (self included), and the
// mean x̄ and population standard deviation S over all n cells:
//   G*_i = (Σ_j w_ij x_j − x̄ W_i) / (S √((n S1_i − W_i²) / (n − 1))).
// Degenerate inputs give z = 0 ("no evidence of clustering") instead of NaN: all values equal (S = 0),
// fewer than two cells, and a neighbourhood that covers every cell (n S1_i = W_i², numerator 0 too).

/**
 * Gi* z-score per cell: `values[i]` is the cell's value (e.g. incident count, zeros included) and
 * `neighbours[i]` the indices of the cells within its neighbourhood (binary weight 1); the cell itself is
 * always counted once whether or not it is listed, and repeated indices count once.
 */
export function giStar(values: Float64Array, neighbours: readonly (readonly number[])[]): Float64Array {
  const n = values.length;
  if (neighbours.length !== n) {
    throw new RangeError(`giStar: ${n} values but ${neighbours.length} neighbour lists`);
  }
  const z = new Float64Array(n);
  if (n < 2 || allEqual(values)) return z;

  let sum = 0;
  for (const x of values) sum += x;
  const mean = sum / n;
  // Two-pass variance: exact zero for constant input and invariant to adding a constant.
  let squares = 0;
  for (const x of values) squares += (x - mean) * (x - mean);
  const sd = Math.sqrt(squares / n);

  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const list = neighbours[i] ?? [];
    seen[i] = i;
    let weight = 1;
    // Accumulate deviations from the mean rather than raw values: same numerator, less cancellation.
    let lagged = (values[i] ?? 0) - mean;
    for (const j of list) {
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new RangeError(`giStar: neighbour index ${j} of cell ${i} is outside 0…${n - 1}`);
      }
      if (seen[j] === i) continue;
      seen[j] = i;
      weight += 1;
      lagged += (values[j] ?? 0) - mean;
    }
    // Binary weights: S1_i = W_i.
    const spread = (n * weight - weight * weight) / (n - 1);
    z[i] = spread > 0 ? lagged / (sd * Math.sqrt(spread)) : 0;
  }
  return z;
}

function allEqual(values: Float64Array): boolean {
  const first = values[0];
  for (const x of values) if (x !== first) return false;
  return true;
}
