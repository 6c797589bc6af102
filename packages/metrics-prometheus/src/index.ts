export { PrometheusMetrics, type PrometheusMetricsOptions } from './prometheus-metrics.js';
export { PrometheusClientEndpointMetrics } from './client-endpoint-metrics.js';
export { APPLY_BUCKETS_SECONDS, COMMIT_BUCKETS_SECONDS, FSYNC_BUCKETS_SECONDS, ROUND_TRIP_BUCKETS_SECONDS, WRITE_ENTRIES_BUCKETS } from './buckets.js';
export { parseExposition, sampleValue, ExpositionError, type MetricFamily, type MetricType, type Sample } from './exposition-parser.js';
