'use client';

import { ResponsiveScatterPlot } from '@nivo/scatterplot';
import { slug } from './line-chart';

export interface ScatterSeries {
  id: string;
  data: { x: number; y: number }[];
}

/** e.g. average latency (y) against messages sent in that second (x). */
export function ScatterChart({
  series,
  xLabel,
  yLabel,
  label,
  height = 260,
}: {
  series: ScatterSeries[];
  xLabel: string;
  yLabel: string;
  label: string;
  height?: number;
}) {
  const hasData = series.some((s) => s.data.length > 0);
  return (
    <figure style={{ height, margin: 0 }} aria-label={label} data-testid={`chart-${slug(label)}`}>
      {hasData ? (
        <ResponsiveScatterPlot
          data={series}
          margin={{ top: 12, right: series.length > 1 ? 120 : 16, bottom: 44, left: 56 }}
          xScale={{ type: 'linear', min: 0, max: 'auto' }}
          yScale={{ type: 'linear', min: 0, max: 'auto' }}
          axisBottom={{ legend: xLabel, legendOffset: 34, legendPosition: 'middle', tickValues: 6 }}
          axisLeft={{ legend: yLabel, legendOffset: -46, legendPosition: 'middle', tickValues: 5 }}
          colors={{ scheme: 'category10' }}
          nodeSize={6}
          animate={false}
          legends={
            series.length > 1
              ? [
                  {
                    anchor: 'right',
                    direction: 'column',
                    translateX: 110,
                    itemWidth: 100,
                    itemHeight: 18,
                    symbolSize: 10,
                  },
                ]
              : []
          }
        />
      ) : (
        <div className="state-box" style={{ height: '100%', display: 'grid', placeItems: 'center' }}>
          No data yet for {label.toLowerCase()}.
        </div>
      )}
    </figure>
  );
}
