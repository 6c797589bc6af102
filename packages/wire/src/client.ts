import { decodeClientFrameFast } from './client-decode.js';
import { encodeClientFrameFast } from './client-encode.js';
import { internalFailure } from './peer.js';
import { checkFrameSize, type ClientFrame, type DecodeOptions } from './types.js';

/** Encodes a client frame (a batch of requests, or of responses). */
export function encodeClientFrame(frame: ClientFrame): Uint8Array {
  return encodeClientFrameFast(frame);
}

/** Decodes a client frame. Throws only WireDecodeError. */
export function decodeClientFrame(bytes: Uint8Array, options?: DecodeOptions): ClientFrame {
  checkFrameSize(bytes, options);
  try {
    return decodeClientFrameFast(bytes);
  } catch (err) {
    throw internalFailure(err);
  }
}
