import { memoryMetricsStore } from '@gong/core/adapters/memory/metrics-store';
import { metricsStoreContract } from './metrics-store-contract';

metricsStoreContract('in-memory twin', async () => memoryMetricsStore());
