import t from 'tap';
import protobuf from 'protobufjs';
import { fileURLToPath } from 'node:url';
import { EntryType, MessageType } from '@raftbus/core';
import { CLIENT_ERROR_CODE_WIRE, CLIENT_REQUEST_KIND_WIRE, MESSAGE_TYPE_WIRE, errorCodeToWire, messageTypeToWire, requestKindToWire } from '../src/enums.js';
import type { ClientErrorCode, ClientRequestKind } from '../src/index.js';
import * as tags from '../src/tags.js';

/**
 * The hand-written codec's constants against proto/raftbus.proto itself (parsed by protobufjs): a
 * field or enum value added to, renumbered in or retyped in the schema fails here until the codec
 * follows. The byte-for-byte tests then check what the codec does with them.
 */
const protoFile = fileURLToPath(new URL('../proto/raftbus.proto', import.meta.url));
const root = new protobuf.Root().loadSync(protoFile, { keepCase: true });
const pkg = root.lookup('raftbus.wire') as protobuf.Namespace;
const types = pkg.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);
const enums = pkg.nestedArray.filter((n): n is protobuf.Enum => n instanceof protobuf.Enum);

const upperSnake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

const VARINT_TYPES = new Set(['int32', 'uint32', 'sint32', 'int64', 'uint64', 'sint64', 'bool']);
const I64_TYPES = new Set(['fixed64', 'sfixed64', 'double']);
const I32_TYPES = new Set(['fixed32', 'sfixed32', 'float']);

function wireType(field: protobuf.Field): number {
  const isEnum = field.resolvedType instanceof protobuf.Enum;
  const scalarVarint = VARINT_TYPES.has(field.type) || isEnum;
  const numeric = scalarVarint || I64_TYPES.has(field.type) || I32_TYPES.has(field.type);
  if (field.repeated && numeric && field.packed) return tags.WIRE_LEN;
  if (scalarVarint) return tags.WIRE_VARINT;
  if (I64_TYPES.has(field.type)) return tags.WIRE_I64;
  if (I32_TYPES.has(field.type)) return tags.WIRE_I32;
  return tags.WIRE_LEN; // string, bytes, messages
}

t.test('every schema field has its tag constant, with the schema number and wire type, and nothing else does', async (t) => {
  root.resolveAll();
  const exported = new Map(Object.entries(tags).filter(([name]) => !name.startsWith('WIRE_')) as [string, number][]);
  const expected = new Map<string, number>();
  for (const type of types) {
    const prefix = upperSnake(type.name);
    const numbers = type.fieldsArray.map((f) => f.id).sort((a, b) => a - b);
    t.same(numbers, numbers.map((_, i) => i + 1), `${type.name} numbers its fields 1..n (the decoder's known-field test relies on it)`);
    expected.set(`${prefix}_FIELD_MAX`, numbers.length);
    for (const field of type.fieldsArray) {
      // A repeated numeric field would need the packed and unpacked forms read; the codec has none.
      t.notOk(field.repeated && wireType(field) !== tags.WIRE_LEN, `${type.name}.${field.name} is not a repeated scalar`);
      expected.set(`${prefix}_${field.name.toUpperCase()}`, (field.id << 3) | wireType(field));
    }
  }
  t.strictSame(Object.fromEntries([...exported].sort()), Object.fromEntries([...expected].sort()), 'tags.ts matches raftbus.proto');
  for (const [name, tag] of exported) if (!name.endsWith('_FIELD_MAX')) t.ok(tag < 0x80, `${name} is written as one byte`);
});

t.test('enum tables match the schema enums value for value', async (t) => {
  const schemaEnum = (name: string): Record<string, number> => {
    const e = enums.find((x) => x.name === name);
    t.ok(e, `schema has enum ${name}`);
    // 0 is UNSPECIFIED in every raftbus enum but EntryType, where it is a real value.
    return Object.fromEntries(Object.entries(e!.values).filter(([k]) => !k.endsWith('_UNSPECIFIED')));
  };
  const byWireName = (table: Readonly<Record<string, number>>): Record<string, number> =>
    Object.fromEntries(Object.entries(table).map(([k, v]) => [upperSnake(k), v]));
  t.strictSame(byWireName(MESSAGE_TYPE_WIRE), schemaEnum('MessageType'), 'MessageType');
  t.strictSame(byWireName(CLIENT_REQUEST_KIND_WIRE), schemaEnum('ClientRequestKind'), 'ClientRequestKind');
  t.strictSame(byWireName(CLIENT_ERROR_CODE_WIRE), schemaEnum('ClientErrorCode'), 'ClientErrorCode');
  t.strictSame(byWireName(EntryType), schemaEnum('EntryType'), "@raftbus/core's EntryType values are the wire values");
  for (const type of Object.values(MessageType)) t.equal(messageTypeToWire(type), MESSAGE_TYPE_WIRE[type], `messageTypeToWire(${type})`);
  t.equal(messageTypeToWire('gossip' as MessageType), 0, 'not a message type: 0');
  for (const [kind, wire] of Object.entries(CLIENT_REQUEST_KIND_WIRE)) t.equal(requestKindToWire(kind as ClientRequestKind), wire, `requestKindToWire(${kind})`);
  for (const [code, wire] of Object.entries(CLIENT_ERROR_CODE_WIRE)) t.equal(errorCodeToWire(code as ClientErrorCode), wire, `errorCodeToWire(${code})`);
  t.equal(requestKindToWire('delete' as ClientRequestKind) + errorCodeToWire('oops' as ClientErrorCode), 0, 'unknown names: 0');
  t.equal(CLIENT_REQUEST_KIND_WIRE['constructor' as 'query'], undefined, 'the tables have no prototype to find keys on');
});
