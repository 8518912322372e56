import type { Clock } from '@gong/core/ports/clock';
import type { MetricsStore } from '@gong/core/ports/metrics-store';

/** What the results functions need: the metrics store and a clock. */
export interface ResultsDeps {
  metrics: MetricsStore;
  clock: Clock;
}
