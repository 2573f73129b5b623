import { describe, expect, it } from "vitest";
import { labelledTier, labelSize, MIN_LABEL_PX, nodeSize } from "./map-style";

describe("labelledTier", () => {
  // Label sizes 14 / 12 / 10 model units, drawn from 9 screen px: thresholds 9/14, 9/12, 9/10.
  it.each([
    [2, 3],
    [1, 3],
    [0.9, 3], // 10 × 0.9 = 9 px: tier 3 just readable
    [0.89, 2],
    [0.75, 2], // 12 × 0.75 = 9 px
    [0.74, 1],
    [0.65, 1], // 14 × 0.65 = 9.1 px
    [0.64, 0],
    [0.1, 0],
  ])("zoom %f labels tiers up to %i", (zoom, tier) => {
    expect(labelledTier(zoom)).toBe(tier);
  });

  it("never labels more tiers when zoomed further out, and every label drawn is at least MIN_LABEL_PX", () => {
    let previous = Infinity;
    for (let zoom = 2; zoom > 0.05; zoom -= 0.01) {
      const tier = labelledTier(zoom);
      expect(tier).toBeLessThanOrEqual(previous);
      if (tier > 0) expect(zoom * labelSize(tier)).toBeGreaterThanOrEqual(MIN_LABEL_PX);
      previous = tier;
    }
  });
});

describe("nodeSize", () => {
  it.each([
    [0, 26],
    [1, 26],
    [2, 20],
    [3, 16],
    [7, 16],
  ])("tier %i → %i", (tier, size) => {
    expect(nodeSize(tier)).toBe(size);
  });
});
