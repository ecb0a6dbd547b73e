'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { axisWidthPx, PERCENT_DOMAIN } from './axis';

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  /** Draw on the right-hand axis (e.g. a rate next to counts). */
  right?: boolean;
  dashed?: boolean;
}

type AxisFormat = 'number' | 'percent' | 'plain';

const formatter = (kind: AxisFormat) => (v: unknown) =>
  typeof v !== 'number' ? String(v) : kind === 'percent' ? `${(v * 100).toFixed(1)}%` : kind === 'number' ? v.toLocaleString() : String(Math.round(v * 1000) / 1000);

/**
 * Lines over a category or numeric x axis. `numericX` draws x as a 0..1 (or given domain)
 * number axis, with an optional diagonal (ROC curves, calibration plots). Described for screen
 * readers by `summary`; the page shows the numbers in a table as well.
 */
export function LineSeriesChart({
  data,
  xKey,
  series,
  summary,
  height = 280,
  yFormat = 'number',
  rightFormat = 'percent',
  numericX = false,
  xDomain,
  yDomain,
  diagonal,
  xLabel,
  testId,
}: {
  data: Array<Record<string, string | number | null>>;
  xKey: string;
  series: LineSeries[];
  summary: string;
  height?: number;
  yFormat?: AxisFormat;
  rightFormat?: AxisFormat;
  numericX?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
  diagonal?: string;
  xLabel?: string;
  testId?: string;
}) {
  const hasRight = series.some((s) => s.right);
  const leftValues = data.flatMap((row) => series.filter((s) => !s.right).map((s) => Number(row[s.key])));
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={summary} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: hasRight ? 4 : 16, bottom: xLabel ? 18 : 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d9dee5" />
          <XAxis
            dataKey={xKey}
            tick={{ fontSize: 12 }}
            {...(numericX ? { type: 'number' as const, domain: xDomain ?? [0, 1], tickFormatter: formatter('plain') } : {})}
            {...(xLabel ? { label: { value: xLabel, position: 'insideBottom', offset: -10, fontSize: 12 } } : {})}
          />
          <YAxis yAxisId="left" tick={{ fontSize: 12 }} tickFormatter={formatter(yFormat)} width={axisWidthPx(leftValues, formatter(yFormat))} {...(yDomain ? { domain: yDomain } : yFormat === 'percent' ? { domain: PERCENT_DOMAIN } : {})} />
          {hasRight ? <YAxis yAxisId="right" orientation="right" tick={{ fontSize: 12 }} tickFormatter={formatter(rightFormat)} width={52} {...(rightFormat === 'percent' ? { domain: PERCENT_DOMAIN } : {})} /> : null}
          <Tooltip formatter={(v, name) => formatter(series.find((s) => s.label === name)?.right ? rightFormat : yFormat)(v)} labelFormatter={(l) => (numericX ? formatter('plain')(l) : String(l))} />
          <Legend wrapperStyle={{ fontSize: 13, paddingTop: xLabel ? 12 : 0 }} />
          {diagonal ? (
            <ReferenceLine
              yAxisId="left"
              segment={[
                { x: 0, y: 0 },
                { x: 1, y: 1 },
              ]}
              stroke="#9aa5b1"
              strokeDasharray="4 4"
              label={{ value: diagonal, position: 'insideTopLeft', fontSize: 11, fill: '#5b6674' }}
            />
          ) : null}
          {series.map((s) => (
            <Line
              key={s.key}
              yAxisId={s.right ? 'right' : 'left'}
              type="linear"
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              dot={data.length <= 40}
              connectNulls
              isAnimationActive={false}
              {...(s.dashed ? { strokeDasharray: '5 4' } : {})}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
