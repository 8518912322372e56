'use client';

import { ResponsiveLine } from '@nivo/line';

export interface LineSeries {
  id: string;
  data: { x: number; y: number }[];
}

/** A time (or any numeric x) line chart. Animations off: the data refreshes every second or two. */
export function LineChart({
  series,
  xLabel,
  yLabel,
  height = 260,
  label,
}: {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  height?: number;
  label: string;
}) {
  const hasData = series.some((s) => s.data.length > 0);
  return (
    <figure style={{ height, margin: 0 }} aria-label={label} data-testid={`chart-${slug(label)}`}>
      {hasData ? (
        <ResponsiveLine
          data={series}
          margin={{ top: 12, right: 120, bottom: 44, left: 56 }}
          xScale={{ type: 'linear', min: 'auto', max: 'auto' }}
          yScale={{ type: 'linear', min: 0, max: 'auto' }}
          axisBottom={{ legend: xLabel, legendOffset: 34, legendPosition: 'middle', tickValues: 6 }}
          axisLeft={{ legend: yLabel, legendOffset: -46, legendPosition: 'middle', tickValues: 5 }}
          colors={{ scheme: 'category10' }}
          enablePoints={false}
          enableGridX={false}
          useMesh
          animate={false}
          lineWidth={2}
          layers={['grid', 'markers', 'axes', 'areas', 'crosshair', 'lines', 'points', 'mesh', 'legends']}
          legends={[
            {
              anchor: 'right',
              direction: 'column',
              translateX: 110,
              itemWidth: 100,
              itemHeight: 18,
              symbolSize: 10,
            },
          ]}
        />
      ) : (
        <div className="state-box" style={{ height: '100%', display: 'grid', placeItems: 'center' }}>
          No data yet for {label.toLowerCase()}.
        </div>
      )}
    </figure>
  );
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
