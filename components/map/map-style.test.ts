import { describe, expect, it } from "vitest";
import { labelledBox, labelledTier, labelSize, MIN_LABEL_PX, nodeSize } from "./map-style";

describe("labelledTier", () => {
  // Label sizes 16 / 12 / 10 model units, drawn from 8.5 screen px: thresholds 0.53, 0.71, 0.85.
  it.each([
    [2, 3],
    [1, 3],
    [0.86, 3],
    [0.84, 2],
    [0.72, 2],
    [0.7, 1],
    [0.54, 1],
    [0.52, 0],
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

describe("labelledBox", () => {
  it("widens the nodes' box by half of each label, and deepens it by the label under the node", () => {
    // "Fraud Detection" (15 characters) at 12 units: 108 units wide, far wider than its 24-unit node.
    const box = labelledBox([
      { x: 0, y: 0, size: 24, label: "Fraud Detection", fontSize: 12 },
      { x: 200, y: 100, size: 24, label: "Ledger", fontSize: 12 },
    ])!;
    expect(box.x1).toBeCloseTo(-54);
    expect(box.x2).toBeCloseTo(221.6);
    expect(box.y1).toBe(-12);
    expect(box.y2).toBeCloseTo(100 + 12 + 3 + 15);
    expect(box.w).toBeCloseTo(box.x2 - box.x1);
  });

  it("keeps a node wider than its label to the node, and has no box for no nodes", () => {
    expect(labelledBox([{ x: 10, y: 10, size: 72, label: "A", fontSize: 16 }])).toMatchObject({ x1: -26, x2: 46 });
    expect(labelledBox([])).toBeNull();
  });
});
