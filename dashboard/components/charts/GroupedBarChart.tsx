'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { axisWidthPx, PERCENT_DOMAIN } from './axis';

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

/**
 * Bars per category for one or more series (side by side, or stacked). The figure is
 * described for screen readers by `summary`; pages show the same numbers in a table next to it.
 * `valueLabels` gives exact display strings (e.g. yuan from the API) for the tooltip; `yuan`
 * marks the axis as money so its ticks read ¥14,000 rather than a bare number.
 */
export function GroupedBarChart({
  data,
  series,
  summary,
  height = 260,
  percent = false,
  yuan = false,
  stacked = false,
  valueLabels,
  testId,
}: {
  data: Array<Record<string, string | number>>;
  series: BarSeries[];
  summary: string;
  height?: number;
  percent?: boolean;
  yuan?: boolean;
  stacked?: boolean;
  valueLabels?: Record<string, Record<string, string>>;
  testId?: string;
}) {
  const format = (v: unknown) => (percent && typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : typeof v === 'number' ? `${yuan ? '¥' : ''}${v.toLocaleString()}` : String(v));
  // Stacked bars reach the sum of their series.
  const heights = data.map((row) => series.reduce((sum, s) => (stacked ? sum + (Number(row[s.key]) || 0) : Math.max(sum, Number(row[s.key]) || 0)), 0));
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={summary} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d9dee5" />
          <XAxis dataKey="category" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={format} allowDecimals={percent} width={axisWidthPx(heights, format)} {...(percent ? { domain: PERCENT_DOMAIN } : {})} />
          <Tooltip
            formatter={(v, name, item) => {
              const category = String((item?.payload as Record<string, unknown> | undefined)?.category ?? '');
              const key = series.find((s) => s.label === name)?.key ?? String(name);
              return valueLabels?.[category]?.[key] ?? format(v);
            }}
          />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 13 }} /> : null}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} {...(stacked ? { stackId: 'stack' } : {})} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
