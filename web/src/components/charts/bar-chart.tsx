'use client';

import { ResponsiveBar } from '@nivo/bar';
import { slug } from './line-chart';

export interface BarDatum {
  bin: string;
  [key: string]: string | number;
}

/** Grouped bars, e.g. latency bins (x) with one bar per run or operator. */
export function BarChart({
  data,
  keys,
  xLabel,
  yLabel,
  label,
  height = 260,
}: {
  data: BarDatum[];
  keys: string[];
  xLabel: string;
  yLabel: string;
  label: string;
  height?: number;
}) {
  return (
    <figure style={{ height, margin: 0 }} aria-label={label} data-testid={`chart-${slug(label)}`}>
      {data.length > 0 ? (
        <ResponsiveBar
          data={data}
          keys={keys}
          indexBy="bin"
          groupMode="grouped"
          margin={{ top: 12, right: keys.length > 1 ? 120 : 16, bottom: 56, left: 56 }}
          padding={0.2}
          colors={{ scheme: 'category10' }}
          axisBottom={{ legend: xLabel, legendOffset: 44, legendPosition: 'middle', tickRotation: -30 }}
          axisLeft={{ legend: yLabel, legendOffset: -46, legendPosition: 'middle', tickValues: 5 }}
          enableLabel={false}
          animate={false}
          legends={
            keys.length > 1
              ? [
                  {
                    dataFrom: 'keys',
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
