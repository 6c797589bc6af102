export { ZmqTransport } from './transport.js';
export { ZMQ_TRANSPORT_DEFAULTS, type CurveOptions, type PeerAddress, type ZmqTransportOptions } from './options.js';
export { ZmqConfigError, ZmqStateError } from './errors.js';
export {
  CountingTransportMetrics,
  noopTransportMetrics,
  type ReceiveDropReason,
  type SendFailureReason,
  type TransportMetrics,
} from './metrics.js';
export { silentLogger, stderrLogger, type TransportLogger } from './log.js';
export { generateCurveKeyPair, isCurveKey, z85Decode, z85Encode, type CurveKeyPair } from './curve.js';
export { ClientEndpoint, CLIENT_SESSION_PREFIX } from './client-endpoint.js';
export { CLIENT_ENDPOINT_DEFAULTS, type ClientEndpointCurve, type ClientEndpointNode, type ClientEndpointOptions } from './client-endpoint-options.js';
export {
  CountingClientEndpointMetrics,
  noopClientEndpointMetrics,
  type ClientAnswerKind,
  type ClientEndpointMetrics,
  type ClientFrameDropReason,
} from './client-endpoint-metrics.js';
