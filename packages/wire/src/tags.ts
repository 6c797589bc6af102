/**
 * Field tags of proto/raftbus.proto for the hand-written codec: (field number << 3) | wire type.
 *
 * One constant per schema field, named MESSAGE_FIELD in upper snake case, plus MESSAGE_FIELD_MAX, the
 * highest field number of each message (every message numbers its fields 1..max without gaps, so a
 * field number at most that is a known field: seen with another wire type, the frame is malformed).
 * test/schema.test.ts loads the .proto with protobufjs and fails when a constant is missing, extra or
 * different, so the schema stays the single source of truth.
 *
 * Every tag is below 0x80: the encoder writes each as one byte (the test checks that too).
 */

/** Wire types (protobuf encoding spec). */
export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_GROUP_START = 3;
export const WIRE_GROUP_END = 4;
export const WIRE_I32 = 5;

export const ENTRY_INDEX = (1 << 3) | WIRE_VARINT;
export const ENTRY_TERM = (2 << 3) | WIRE_VARINT;
export const ENTRY_TYPE = (3 << 3) | WIRE_VARINT;
export const ENTRY_DATA = (4 << 3) | WIRE_LEN;
export const ENTRY_FIELD_MAX = 4;

export const CONF_STATE_VOTERS = (1 << 3) | WIRE_LEN;
export const CONF_STATE_LEARNERS = (2 << 3) | WIRE_LEN;
export const CONF_STATE_VOTERS_OUTGOING = (3 << 3) | WIRE_LEN;
export const CONF_STATE_FIELD_MAX = 3;

export const SNAPSHOT_META_INDEX = (1 << 3) | WIRE_VARINT;
export const SNAPSHOT_META_TERM = (2 << 3) | WIRE_VARINT;
export const SNAPSHOT_META_CONF_STATE = (3 << 3) | WIRE_LEN;
export const SNAPSHOT_META_FIELD_MAX = 3;

export const SNAPSHOT_META = (1 << 3) | WIRE_LEN;
export const SNAPSHOT_DATA = (2 << 3) | WIRE_LEN;
export const SNAPSHOT_FIELD_MAX = 2;

export const MESSAGE_TYPE = (1 << 3) | WIRE_VARINT;
export const MESSAGE_FROM = (2 << 3) | WIRE_LEN;
export const MESSAGE_TO = (3 << 3) | WIRE_LEN;
export const MESSAGE_TERM = (4 << 3) | WIRE_VARINT;
export const MESSAGE_LOG_TERM = (5 << 3) | WIRE_VARINT;
export const MESSAGE_INDEX = (6 << 3) | WIRE_VARINT;
export const MESSAGE_COMMIT = (7 << 3) | WIRE_VARINT;
export const MESSAGE_ENTRIES = (8 << 3) | WIRE_LEN;
export const MESSAGE_REJECT = (9 << 3) | WIRE_VARINT;
export const MESSAGE_REJECT_HINT = (10 << 3) | WIRE_VARINT;
export const MESSAGE_SNAPSHOT = (11 << 3) | WIRE_LEN;
export const MESSAGE_CONTEXT = (12 << 3) | WIRE_LEN;
export const MESSAGE_TRANSFER = (13 << 3) | WIRE_VARINT;
export const MESSAGE_TRANSFEREE = (14 << 3) | WIRE_LEN;
export const MESSAGE_FIELD_MAX = 14;

export const MESSAGE_BATCH_MESSAGES = (1 << 3) | WIRE_LEN;
export const MESSAGE_BATCH_FIELD_MAX = 1;

export const SNAPSHOT_CHUNK_STREAM_ID = (1 << 3) | WIRE_VARINT;
export const SNAPSHOT_CHUNK_CHUNK_INDEX = (2 << 3) | WIRE_VARINT;
export const SNAPSHOT_CHUNK_CHUNK_COUNT = (3 << 3) | WIRE_VARINT;
export const SNAPSHOT_CHUNK_TOTAL_BYTES = (4 << 3) | WIRE_VARINT;
export const SNAPSHOT_CHUNK_HEADER = (5 << 3) | WIRE_LEN;
export const SNAPSHOT_CHUNK_DATA = (6 << 3) | WIRE_LEN;
export const SNAPSHOT_CHUNK_FIELD_MAX = 6;

export const SNAPSHOT_CHUNK_ACK_STREAM_ID = (1 << 3) | WIRE_VARINT;
export const SNAPSHOT_CHUNK_ACK_CHUNK_INDEX = (2 << 3) | WIRE_VARINT;
export const SNAPSHOT_CHUNK_ACK_ABORTED = (3 << 3) | WIRE_VARINT;
export const SNAPSHOT_CHUNK_ACK_FIELD_MAX = 3;

export const PEER_FRAME_BATCH = (1 << 3) | WIRE_LEN;
export const PEER_FRAME_SNAPSHOT_CHUNK = (2 << 3) | WIRE_LEN;
export const PEER_FRAME_SNAPSHOT_CHUNK_ACK = (3 << 3) | WIRE_LEN;
export const PEER_FRAME_FIELD_MAX = 3;

export const CLIENT_REQUEST_CLIENT_ID = (1 << 3) | WIRE_LEN;
export const CLIENT_REQUEST_SEQUENCE = (2 << 3) | WIRE_VARINT;
export const CLIENT_REQUEST_REQUEST_ID = (3 << 3) | WIRE_VARINT;
export const CLIENT_REQUEST_KIND = (4 << 3) | WIRE_VARINT;
export const CLIENT_REQUEST_PAYLOAD = (5 << 3) | WIRE_LEN;
export const CLIENT_REQUEST_STALE_READ_OK = (6 << 3) | WIRE_VARINT;
export const CLIENT_REQUEST_ACKED_BELOW = (7 << 3) | WIRE_VARINT;
export const CLIENT_REQUEST_FIELD_MAX = 7;

export const LEADER_REDIRECT_LEADER_ID = (1 << 3) | WIRE_LEN;
export const LEADER_REDIRECT_LEADER_ADDRESS = (2 << 3) | WIRE_LEN;
export const LEADER_REDIRECT_FIELD_MAX = 2;

export const CLIENT_ERROR_CODE = (1 << 3) | WIRE_VARINT;
export const CLIENT_ERROR_MESSAGE = (2 << 3) | WIRE_LEN;
export const CLIENT_ERROR_FIELD_MAX = 2;

export const CLIENT_RESPONSE_REQUEST_ID = (1 << 3) | WIRE_VARINT;
export const CLIENT_RESPONSE_RESULT = (2 << 3) | WIRE_LEN;
export const CLIENT_RESPONSE_REDIRECT = (3 << 3) | WIRE_LEN;
export const CLIENT_RESPONSE_ERROR = (4 << 3) | WIRE_LEN;
export const CLIENT_RESPONSE_FIELD_MAX = 4;

export const CLIENT_REQUEST_BATCH_REQUESTS = (1 << 3) | WIRE_LEN;
export const CLIENT_REQUEST_BATCH_FIELD_MAX = 1;

export const CLIENT_RESPONSE_BATCH_RESPONSES = (1 << 3) | WIRE_LEN;
export const CLIENT_RESPONSE_BATCH_NODE_ID = (2 << 3) | WIRE_LEN;
export const CLIENT_RESPONSE_BATCH_LEADER_ID = (3 << 3) | WIRE_LEN;
export const CLIENT_RESPONSE_BATCH_FIELD_MAX = 3;

export const CLIENT_FRAME_REQUESTS = (1 << 3) | WIRE_LEN;
export const CLIENT_FRAME_RESPONSES = (2 << 3) | WIRE_LEN;
export const CLIENT_FRAME_FIELD_MAX = 2;
