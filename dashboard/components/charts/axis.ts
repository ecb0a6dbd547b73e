/** Shared y-axis settings for the recharts charts. */

// Each splits into four ticks that read exactly with one decimal (0.5%, 1.0%, 2.5%, …).
const NICE_RATE_TOPS = [0.02, 0.04, 0.08, 0.1, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * Rate axes end at a round rate above the data. Left to recharts, rates that are all zero get
 * its default 0–4 axis, read as 0–400%; a given domain without rounding ends at e.g. 88.2%.
 */
export const PERCENT_DOMAIN: [number, (dataMax: number) => number] = [0, (dataMax) => (dataMax > 0 ? (NICE_RATE_TOPS.find((top) => top >= dataMax) ?? Math.ceil(dataMax)) : 0.1)];

/**
 * A y axis wide enough for its longest tick label (recharts cuts labels off at a fixed width:
 * 1,600,000 read as 600,000). Ticks are rounded up from the data, so a quarter is added.
 */
export function axisWidthPx(values: number[], format: (v: number) => string, minPx = 56): number {
  const largest = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  return Math.max(minPx, 14 + 7 * format(largest * 1.25).length);
}
