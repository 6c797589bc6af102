export { WireDecodeError, WireEncodeError, type WireDecodeReason } from './errors.js';
export {
  DEFAULT_MAX_FRAME_BYTES,
  type ClientErrorCode,
  type ClientFrame,
  type ClientOutcome,
  type ClientRequest,
  type ClientRequestKind,
  type ClientResponse,
  type DecodeOptions,
  type PeerEnvelope,
  type SnapshotChunk,
  type SnapshotChunkAck,
} from './types.js';
export {
  decodeMessageBatch,
  decodePeerEnvelope,
  decodePeerFrame,
  encodeMessageBatch,
  encodePeerFrame,
  encodeSnapshotChunk,
  encodeSnapshotChunkAck,
} from './peer.js';
export { decodeClientFrame, encodeClientFrame } from './client.js';
