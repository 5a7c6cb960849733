// The order of a patrol's stops: nearest neighbour from a given first stop, then 2-opt until no exchange of two
// legs shortens the route. The route is open (it ends at its last stop) and its first stop stays first.
// Distances are straight lines on a local plane in metres.

/** A stop's position on a local plane, in metres. */
export interface PlanePoint {
  readonly x: number;
  readonly y: number;
}

const distance = (a: PlanePoint, b: PlanePoint): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Length in metres of visiting the points in the given order. */
export function routeLength(points: readonly PlanePoint[], order: readonly number[]): number {
  let total = 0;
  for (let i = 1; i < order.length; i++) total += distance(at(points, order[i - 1]), at(points, order[i]));
  return total;
}

function at(points: readonly PlanePoint[], index: number | undefined): PlanePoint {
  const point = index === undefined ? undefined : points[index];
  if (!point) throw new RangeError(`no point ${index}`);
  return point;
}

/** Visits every point, always going next to the nearest one not yet visited (ties: the lower index). */
export function nearestNeighbourOrder(points: readonly PlanePoint[], first: number): number[] {
  if (points.length === 0) return [];
  at(points, first);
  const order = [first];
  const visited = new Set(order);
  while (order.length < points.length) {
    const from = at(points, order.at(-1));
    let best = -1;
    let bestDistance = Infinity;
    points.forEach((point, index) => {
      const d = distance(from, point);
      if (!visited.has(index) && d < bestDistance) {
        best = index;
        bestDistance = d;
      }
    });
    order.push(best);
    visited.add(best);
  }
  return order;
}

/** Smallest shortening, in metres, that 2-opt acts on (guards against loops on rounding). */
const MIN_GAIN_M = 1e-6;

/**
 * Improves an open route by 2-opt: reverses the stretch between two legs whenever that shortens the route, until
 * no reversal does. The first stop stays first.
 */
export function improveByTwoOpt(points: readonly PlanePoint[], start: readonly number[]): number[] {
  const order = [...start];
  const point = (i: number) => at(points, order[i]);
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 1; i < order.length - 1; i++) {
      for (let j = i + 1; j < order.length; j++) {
        // Reversing order[i..j] replaces legs (i−1, i) and (j, j+1) with (i−1, j) and (i, j+1).
        const after = j + 1 < order.length ? point(j + 1) : null;
        const before = distance(point(i - 1), point(i)) + (after ? distance(point(j), after) : 0);
        const changed = distance(point(i - 1), point(j)) + (after ? distance(point(i), after) : 0);
        if (before - changed > MIN_GAIN_M) {
          order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
          improved = true;
        }
      }
    }
  }
  return order;
}

/** A short route through every point from the given first one: nearest neighbour improved by 2-opt. */
export function planRoute(points: readonly PlanePoint[], first: number): number[] {
  return improveByTwoOpt(points, nearestNeighbourOrder(points, first));
}
