export { WireDecodeError, WireEncodeError, type WireDecodeReason } from './errors.js';
export {
  DEFAULT_MAX_FRAME_BYTES,
  decodeMessageBatch,
  decodePeerEnvelope,
  decodePeerFrame,
  encodeMessageBatch,
  encodePeerFrame,
  encodeSnapshotChunk,
  encodeSnapshotChunkAck,
  type DecodeOptions,
  type PeerEnvelope,
  type SnapshotChunk,
  type SnapshotChunkAck,
} from './peer.js';
export {
  decodeClientFrame,
  encodeClientFrame,
  type ClientErrorCode,
  type ClientFrame,
  type ClientOutcome,
  type ClientRequest,
  type ClientRequestKind,
  type ClientResponse,
} from './client.js';
