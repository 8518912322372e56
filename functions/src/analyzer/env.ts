import { z } from 'zod';

/** Analyzer-only settings, parsed once (the shared ones come from functions/src/env.ts). */
const AnalyzerEnv = z.object({
  GONG_METRICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  GONG_ANALYZER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(10),
});

export const analyzerEnv = AnalyzerEnv.parse(process.env);
