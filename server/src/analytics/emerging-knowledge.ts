// What a published emerging hot spot class tells anyone about the cell's significance in each time step, read
// off the class definitions in `emerging.ts`: only what every series of that class shares. The Mann-Kendall
// trend constrains the order of z-scores across steps without saying which steps, so it adds no fact about
// any one step and is left out.
import type { EmergingClass } from '@titik-rawan/shared';

/** What is known of one step: hot or cold (significant at 90 % or more), or known not to be. */
export interface StepKnowledge {
  hot?: boolean;
  cold?: boolean;
}

/** Per step (oldest first), what the class of a cell's series of `steps` steps implies. */
export function stepKnowledgeOfClass(cls: EmergingClass, steps: number): StepKnowledge[] {
  const known: StepKnowledge[] = Array.from({ length: steps }, () => ({}));
  const final = known[steps - 1] as StepKnowledge;
  if (cls === 'no-pattern') {
    // A significant final step always gives a pattern.
    final.hot = false;
    final.cold = false;
    return known;
  }
  const family: 'hot' | 'cold' = cls.endsWith('-hot-spot') ? 'hot' : 'cold';
  const other: 'hot' | 'cold' = family === 'hot' ? 'cold' : 'hot';
  const pattern = cls.replace(/-(hot|cold)-spot$/, '');
  // At most this many steps may be not significant in a ≥ 90 % history.
  const slack = steps - Math.ceil((9 * steps) / 10);
  switch (pattern) {
    case 'new':
      final[family] = true;
      for (let t = 0; t < steps - 1; t++) (known[t] as StepKnowledge)[family] = false;
      break;
    case 'consecutive':
      final[family] = true;
      (known[steps - 2] as StepKnowledge)[family] = true;
      break;
    case 'intensifying':
    case 'persistent':
    case 'diminishing':
      final[family] = true;
      if (slack === 0) for (const step of known) step[family] = true;
      break;
    case 'historical':
      final[family] = false;
      if (slack <= 1) for (let t = 0; t < steps - 1; t++) (known[t] as StepKnowledge)[family] = true;
      break;
    case 'sporadic':
      final[family] = true;
      for (const step of known) step[other] = false;
      break;
    case 'oscillating':
      final[family] = true;
      break;
    default:
      throw new Error(`unknown emerging class ${cls}`);
  }
  return known;
}
