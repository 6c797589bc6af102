/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const raftbus = $root.raftbus = (() => {

    /**
     * Namespace raftbus.
     * @exports raftbus
     * @namespace
     */
    const raftbus = {};

    raftbus.wire = (function() {

        /**
         * Namespace wire.
         * @memberof raftbus
         * @namespace
         */
        const wire = {};

        /**
         * MessageType enum.
         * @name raftbus.wire.MessageType
         * @enum {number}
         * @property {number} MESSAGE_TYPE_UNSPECIFIED=0 MESSAGE_TYPE_UNSPECIFIED value
         * @property {number} APPEND=1 APPEND value
         * @property {number} APPEND_RESPONSE=2 APPEND_RESPONSE value
         * @property {number} VOTE=3 VOTE value
         * @property {number} VOTE_RESPONSE=4 VOTE_RESPONSE value
         * @property {number} PRE_VOTE=5 PRE_VOTE value
         * @property {number} PRE_VOTE_RESPONSE=6 PRE_VOTE_RESPONSE value
         * @property {number} HEARTBEAT=7 HEARTBEAT value
         * @property {number} HEARTBEAT_RESPONSE=8 HEARTBEAT_RESPONSE value
         * @property {number} SNAPSHOT=9 SNAPSHOT value
         * @property {number} TIMEOUT_NOW=10 TIMEOUT_NOW value
         * @property {number} READ_INDEX=11 READ_INDEX value
         * @property {number} READ_INDEX_RESPONSE=12 READ_INDEX_RESPONSE value
         * @property {number} TRANSFER_LEADER=13 TRANSFER_LEADER value
         * @property {number} PROPOSE=14 PROPOSE value
         */
        wire.MessageType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "MESSAGE_TYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "APPEND"] = 1;
            values[valuesById[2] = "APPEND_RESPONSE"] = 2;
            values[valuesById[3] = "VOTE"] = 3;
            values[valuesById[4] = "VOTE_RESPONSE"] = 4;
            values[valuesById[5] = "PRE_VOTE"] = 5;
            values[valuesById[6] = "PRE_VOTE_RESPONSE"] = 6;
            values[valuesById[7] = "HEARTBEAT"] = 7;
            values[valuesById[8] = "HEARTBEAT_RESPONSE"] = 8;
            values[valuesById[9] = "SNAPSHOT"] = 9;
            values[valuesById[10] = "TIMEOUT_NOW"] = 10;
            values[valuesById[11] = "READ_INDEX"] = 11;
            values[valuesById[12] = "READ_INDEX_RESPONSE"] = 12;
            values[valuesById[13] = "TRANSFER_LEADER"] = 13;
            values[valuesById[14] = "PROPOSE"] = 14;
            return values;
        })();

        /**
         * EntryType enum.
         * @name raftbus.wire.EntryType
         * @enum {number}
         * @property {number} NORMAL=0 NORMAL value
         * @property {number} CONF_CHANGE=1 CONF_CHANGE value
         */
        wire.EntryType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "NORMAL"] = 0;
            values[valuesById[1] = "CONF_CHANGE"] = 1;
            return values;
        })();

        wire.Entry = (function() {

            /**
             * Properties of an Entry.
             * @typedef {Object} raftbus.wire.Entry.$Properties
             * @property {number|Long|null} [index] Entry index
             * @property {number|Long|null} [term] Entry term
             * @property {raftbus.wire.EntryType|null} [type] Entry type
             * @property {Uint8Array|null} [data] Entry data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Entry.
             * @memberof raftbus.wire
             * @interface IEntry
             * @augments raftbus.wire.Entry.$Properties
             * @deprecated Use raftbus.wire.Entry.$Properties instead.
             */

            /**
             * Shape of an Entry.
             * @typedef {raftbus.wire.Entry.$Properties} raftbus.wire.Entry.$Shape
             */

            /**
             * Constructs a new Entry.
             * @memberof raftbus.wire
             * @classdesc Represents an Entry.
             * @constructor
             * @param {raftbus.wire.Entry.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Entry = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Entry index.
             * @member {number|Long} index
             * @memberof raftbus.wire.Entry
             * @instance
             */
            Entry.prototype.index = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Entry term.
             * @member {number|Long} term
             * @memberof raftbus.wire.Entry
             * @instance
             */
            Entry.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Entry type.
             * @member {raftbus.wire.EntryType} type
             * @memberof raftbus.wire.Entry
             * @instance
             */
            Entry.prototype.type = 0;

            /**
             * Entry data.
             * @member {Uint8Array} data
             * @memberof raftbus.wire.Entry
             * @instance
             */
            Entry.prototype.data = $util.newBuffer([]);

            /**
             * Creates a new Entry instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.Entry
             * @static
             * @param {raftbus.wire.Entry.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.Entry} Entry instance
             * @type {{
             *   (properties: raftbus.wire.Entry.$Shape): raftbus.wire.Entry & raftbus.wire.Entry.$Shape;
             *   (properties?: raftbus.wire.Entry.$Properties): raftbus.wire.Entry;
             * }}
             */
            Entry.create = function(properties) {
                return new Entry(properties);
            };

            /**
             * Encodes the specified Entry message. Does not implicitly {@link raftbus.wire.Entry.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.Entry
             * @static
             * @param {raftbus.wire.Entry.$Properties} message Entry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Entry.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.index != null && $Object.hasOwnProperty.call(message, "index") && (typeof message.index === "object" ? message.index.low || message.index.high : message.index !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.index);
                if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.term);
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.type);
                if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.data);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Entry message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.Entry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.Entry & raftbus.wire.Entry.$Shape} Entry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Entry.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.Entry();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.index = value;
                            else
                                delete message.index;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.term = value;
                            else
                                delete message.term;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.data = value;
                            else
                                delete message.data;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Entry;
        })();

        wire.ConfState = (function() {

            /**
             * Properties of a ConfState.
             * @typedef {Object} raftbus.wire.ConfState.$Properties
             * @property {Array.<string>|null} [voters] ConfState voters
             * @property {Array.<string>|null} [learners] ConfState learners
             * @property {Array.<string>|null} [votersOutgoing] ConfState votersOutgoing
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ConfState.
             * @memberof raftbus.wire
             * @interface IConfState
             * @augments raftbus.wire.ConfState.$Properties
             * @deprecated Use raftbus.wire.ConfState.$Properties instead.
             */

            /**
             * Shape of a ConfState.
             * @typedef {raftbus.wire.ConfState.$Properties} raftbus.wire.ConfState.$Shape
             */

            /**
             * Constructs a new ConfState.
             * @memberof raftbus.wire
             * @classdesc Represents a ConfState.
             * @constructor
             * @param {raftbus.wire.ConfState.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ConfState = function (properties) {
                this.voters = [];
                this.learners = [];
                this.votersOutgoing = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ConfState voters.
             * @member {Array.<string>} voters
             * @memberof raftbus.wire.ConfState
             * @instance
             */
            ConfState.prototype.voters = $util.emptyArray;

            /**
             * ConfState learners.
             * @member {Array.<string>} learners
             * @memberof raftbus.wire.ConfState
             * @instance
             */
            ConfState.prototype.learners = $util.emptyArray;

            /**
             * ConfState votersOutgoing.
             * @member {Array.<string>} votersOutgoing
             * @memberof raftbus.wire.ConfState
             * @instance
             */
            ConfState.prototype.votersOutgoing = $util.emptyArray;

            /**
             * Creates a new ConfState instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.ConfState
             * @static
             * @param {raftbus.wire.ConfState.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.ConfState} ConfState instance
             * @type {{
             *   (properties: raftbus.wire.ConfState.$Shape): raftbus.wire.ConfState & raftbus.wire.ConfState.$Shape;
             *   (properties?: raftbus.wire.ConfState.$Properties): raftbus.wire.ConfState;
             * }}
             */
            ConfState.create = function(properties) {
                return new ConfState(properties);
            };

            /**
             * Encodes the specified ConfState message. Does not implicitly {@link raftbus.wire.ConfState.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.ConfState
             * @static
             * @param {raftbus.wire.ConfState.$Properties} message ConfState message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ConfState.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.voters != null && message.voters.length)
                    for (let i = 0; i < message.voters.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.voters[i]);
                if (message.learners != null && message.learners.length)
                    for (let i = 0; i < message.learners.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.learners[i]);
                if (message.votersOutgoing != null && message.votersOutgoing.length)
                    for (let i = 0; i < message.votersOutgoing.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.votersOutgoing[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ConfState message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.ConfState
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.ConfState & raftbus.wire.ConfState.$Shape} ConfState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ConfState.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.ConfState();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.voters && message.voters.length))
                                message.voters = [];
                            message.voters.push(reader.stringVerify());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.learners && message.learners.length))
                                message.learners = [];
                            message.learners.push(reader.stringVerify());
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.votersOutgoing && message.votersOutgoing.length))
                                message.votersOutgoing = [];
                            message.votersOutgoing.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ConfState;
        })();

        wire.SnapshotMeta = (function() {

            /**
             * Properties of a SnapshotMeta.
             * @typedef {Object} raftbus.wire.SnapshotMeta.$Properties
             * @property {number|Long|null} [index] SnapshotMeta index
             * @property {number|Long|null} [term] SnapshotMeta term
             * @property {raftbus.wire.ConfState.$Properties|null} [confState] SnapshotMeta confState
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SnapshotMeta.
             * @memberof raftbus.wire
             * @interface ISnapshotMeta
             * @augments raftbus.wire.SnapshotMeta.$Properties
             * @deprecated Use raftbus.wire.SnapshotMeta.$Properties instead.
             */

            /**
             * Shape of a SnapshotMeta.
             * @typedef {raftbus.wire.SnapshotMeta.$Properties} raftbus.wire.SnapshotMeta.$Shape
             */

            /**
             * Constructs a new SnapshotMeta.
             * @memberof raftbus.wire
             * @classdesc Represents a SnapshotMeta.
             * @constructor
             * @param {raftbus.wire.SnapshotMeta.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SnapshotMeta = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SnapshotMeta index.
             * @member {number|Long} index
             * @memberof raftbus.wire.SnapshotMeta
             * @instance
             */
            SnapshotMeta.prototype.index = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SnapshotMeta term.
             * @member {number|Long} term
             * @memberof raftbus.wire.SnapshotMeta
             * @instance
             */
            SnapshotMeta.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SnapshotMeta confState.
             * @member {raftbus.wire.ConfState.$Properties|null|undefined} confState
             * @memberof raftbus.wire.SnapshotMeta
             * @instance
             */
            SnapshotMeta.prototype.confState = null;

            /**
             * Creates a new SnapshotMeta instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.SnapshotMeta
             * @static
             * @param {raftbus.wire.SnapshotMeta.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.SnapshotMeta} SnapshotMeta instance
             * @type {{
             *   (properties: raftbus.wire.SnapshotMeta.$Shape): raftbus.wire.SnapshotMeta & raftbus.wire.SnapshotMeta.$Shape;
             *   (properties?: raftbus.wire.SnapshotMeta.$Properties): raftbus.wire.SnapshotMeta;
             * }}
             */
            SnapshotMeta.create = function(properties) {
                return new SnapshotMeta(properties);
            };

            /**
             * Encodes the specified SnapshotMeta message. Does not implicitly {@link raftbus.wire.SnapshotMeta.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.SnapshotMeta
             * @static
             * @param {raftbus.wire.SnapshotMeta.$Properties} message SnapshotMeta message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SnapshotMeta.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.index != null && $Object.hasOwnProperty.call(message, "index") && (typeof message.index === "object" ? message.index.low || message.index.high : message.index !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.index);
                if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.term);
                if (message.confState != null && $Object.hasOwnProperty.call(message, "confState"))
                    $root.raftbus.wire.ConfState.encode(message.confState, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SnapshotMeta message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.SnapshotMeta
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.SnapshotMeta & raftbus.wire.SnapshotMeta.$Shape} SnapshotMeta
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SnapshotMeta.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.SnapshotMeta();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.index = value;
                            else
                                delete message.index;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.term = value;
                            else
                                delete message.term;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.confState = $root.raftbus.wire.ConfState.decode(reader, reader.size(), $undefined, _depth + 1, message.confState);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SnapshotMeta;
        })();

        wire.Snapshot = (function() {

            /**
             * Properties of a Snapshot.
             * @typedef {Object} raftbus.wire.Snapshot.$Properties
             * @property {raftbus.wire.SnapshotMeta.$Properties|null} [meta] Snapshot meta
             * @property {Uint8Array|null} [data] Snapshot data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Snapshot.
             * @memberof raftbus.wire
             * @interface ISnapshot
             * @augments raftbus.wire.Snapshot.$Properties
             * @deprecated Use raftbus.wire.Snapshot.$Properties instead.
             */

            /**
             * Shape of a Snapshot.
             * @typedef {raftbus.wire.Snapshot.$Properties} raftbus.wire.Snapshot.$Shape
             */

            /**
             * Constructs a new Snapshot.
             * @memberof raftbus.wire
             * @classdesc Represents a Snapshot.
             * @constructor
             * @param {raftbus.wire.Snapshot.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Snapshot = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Snapshot meta.
             * @member {raftbus.wire.SnapshotMeta.$Properties|null|undefined} meta
             * @memberof raftbus.wire.Snapshot
             * @instance
             */
            Snapshot.prototype.meta = null;

            /**
             * Snapshot data.
             * @member {Uint8Array} data
             * @memberof raftbus.wire.Snapshot
             * @instance
             */
            Snapshot.prototype.data = $util.newBuffer([]);

            /**
             * Creates a new Snapshot instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.Snapshot
             * @static
             * @param {raftbus.wire.Snapshot.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.Snapshot} Snapshot instance
             * @type {{
             *   (properties: raftbus.wire.Snapshot.$Shape): raftbus.wire.Snapshot & raftbus.wire.Snapshot.$Shape;
             *   (properties?: raftbus.wire.Snapshot.$Properties): raftbus.wire.Snapshot;
             * }}
             */
            Snapshot.create = function(properties) {
                return new Snapshot(properties);
            };

            /**
             * Encodes the specified Snapshot message. Does not implicitly {@link raftbus.wire.Snapshot.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.Snapshot
             * @static
             * @param {raftbus.wire.Snapshot.$Properties} message Snapshot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Snapshot.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.meta != null && $Object.hasOwnProperty.call(message, "meta"))
                    $root.raftbus.wire.SnapshotMeta.encode(message.meta, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.data);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Snapshot message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.Snapshot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.Snapshot & raftbus.wire.Snapshot.$Shape} Snapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Snapshot.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.Snapshot();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.meta = $root.raftbus.wire.SnapshotMeta.decode(reader, reader.size(), $undefined, _depth + 1, message.meta);
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.data = value;
                            else
                                delete message.data;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Snapshot;
        })();

        wire.Message = (function() {

            /**
             * Properties of a Message.
             * @typedef {Object} raftbus.wire.Message.$Properties
             * @property {raftbus.wire.MessageType|null} [type] Message type
             * @property {string|null} [from] Message from
             * @property {string|null} [to] Message to
             * @property {number|Long|null} [term] Message term
             * @property {number|Long|null} [logTerm] Message logTerm
             * @property {number|Long|null} [index] Message index
             * @property {number|Long|null} [commit] Message commit
             * @property {Array.<raftbus.wire.Entry.$Properties>|null} [entries] Message entries
             * @property {boolean|null} [reject] Message reject
             * @property {number|Long|null} [rejectHint] Message rejectHint
             * @property {raftbus.wire.Snapshot.$Properties|null} [snapshot] Message snapshot
             * @property {Uint8Array|null} [context] Message context
             * @property {boolean|null} [transfer] Message transfer
             * @property {string|null} [transferee] Message transferee
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Message.
             * @memberof raftbus.wire
             * @interface IMessage
             * @augments raftbus.wire.Message.$Properties
             * @deprecated Use raftbus.wire.Message.$Properties instead.
             */

            /**
             * Shape of a Message.
             * @typedef {raftbus.wire.Message.$Properties} raftbus.wire.Message.$Shape
             */

            /**
             * Constructs a new Message.
             * @memberof raftbus.wire
             * @classdesc Represents a Message.
             * @constructor
             * @param {raftbus.wire.Message.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Message = function (properties) {
                this.entries = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Message type.
             * @member {raftbus.wire.MessageType} type
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.type = 0;

            /**
             * Message from.
             * @member {string} from
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.from = "";

            /**
             * Message to.
             * @member {string} to
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.to = "";

            /**
             * Message term.
             * @member {number|Long} term
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Message logTerm.
             * @member {number|Long} logTerm
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.logTerm = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Message index.
             * @member {number|Long} index
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.index = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Message commit.
             * @member {number|Long} commit
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.commit = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Message entries.
             * @member {Array.<raftbus.wire.Entry.$Properties>} entries
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.entries = $util.emptyArray;

            /**
             * Message reject.
             * @member {boolean} reject
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.reject = false;

            /**
             * Message rejectHint.
             * @member {number|Long} rejectHint
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.rejectHint = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Message snapshot.
             * @member {raftbus.wire.Snapshot.$Properties|null|undefined} snapshot
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.snapshot = null;

            /**
             * Message context.
             * @member {Uint8Array|null|undefined} context
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.context = null;

            /**
             * Message transfer.
             * @member {boolean|null|undefined} transfer
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.transfer = null;

            /**
             * Message transferee.
             * @member {string|null|undefined} transferee
             * @memberof raftbus.wire.Message
             * @instance
             */
            Message.prototype.transferee = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Message.prototype, "_context", {
                get: $util.oneOfGetter($oneOfFields = ["context"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Message.prototype, "_transfer", {
                get: $util.oneOfGetter($oneOfFields = ["transfer"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Message.prototype, "_transferee", {
                get: $util.oneOfGetter($oneOfFields = ["transferee"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Message instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.Message
             * @static
             * @param {raftbus.wire.Message.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.Message} Message instance
             * @type {{
             *   (properties: raftbus.wire.Message.$Shape): raftbus.wire.Message & raftbus.wire.Message.$Shape;
             *   (properties?: raftbus.wire.Message.$Properties): raftbus.wire.Message;
             * }}
             */
            Message.create = function(properties) {
                return new Message(properties);
            };

            /**
             * Encodes the specified Message message. Does not implicitly {@link raftbus.wire.Message.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.Message
             * @static
             * @param {raftbus.wire.Message.$Properties} message Message message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Message.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
                if (message.from != null && $Object.hasOwnProperty.call(message, "from") && message.from !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.from);
                if (message.to != null && $Object.hasOwnProperty.call(message, "to") && message.to !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.to);
                if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.term);
                if (message.logTerm != null && $Object.hasOwnProperty.call(message, "logTerm") && (typeof message.logTerm === "object" ? message.logTerm.low || message.logTerm.high : message.logTerm !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.logTerm);
                if (message.index != null && $Object.hasOwnProperty.call(message, "index") && (typeof message.index === "object" ? message.index.low || message.index.high : message.index !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.index);
                if (message.commit != null && $Object.hasOwnProperty.call(message, "commit") && (typeof message.commit === "object" ? message.commit.low || message.commit.high : message.commit !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.commit);
                if (message.entries != null && message.entries.length)
                    for (let i = 0; i < message.entries.length; ++i)
                        $root.raftbus.wire.Entry.encode(message.entries[i], writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.reject != null && $Object.hasOwnProperty.call(message, "reject") && message.reject !== false)
                    writer.uint32(/* id 9, wireType 0 =*/72).bool(message.reject);
                if (message.rejectHint != null && $Object.hasOwnProperty.call(message, "rejectHint") && (typeof message.rejectHint === "object" ? message.rejectHint.low || message.rejectHint.high : message.rejectHint !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.rejectHint);
                if (message.snapshot != null && $Object.hasOwnProperty.call(message, "snapshot"))
                    $root.raftbus.wire.Snapshot.encode(message.snapshot, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.context != null && $Object.hasOwnProperty.call(message, "context"))
                    writer.uint32(/* id 12, wireType 2 =*/98).bytes(message.context);
                if (message.transfer != null && $Object.hasOwnProperty.call(message, "transfer"))
                    writer.uint32(/* id 13, wireType 0 =*/104).bool(message.transfer);
                if (message.transferee != null && $Object.hasOwnProperty.call(message, "transferee"))
                    writer.uint32(/* id 14, wireType 2 =*/114).string(message.transferee);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Message message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.Message
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.Message & raftbus.wire.Message.$Shape} Message
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Message.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.Message();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.from = value;
                            else
                                delete message.from;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.to = value;
                            else
                                delete message.to;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.term = value;
                            else
                                delete message.term;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.logTerm = value;
                            else
                                delete message.logTerm;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.index = value;
                            else
                                delete message.index;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.commit = value;
                            else
                                delete message.commit;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if (!(message.entries && message.entries.length))
                                message.entries = [];
                            message.entries.push($root.raftbus.wire.Entry.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.reject = value;
                            else
                                delete message.reject;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.rejectHint = value;
                            else
                                delete message.rejectHint;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.snapshot = $root.raftbus.wire.Snapshot.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshot);
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.context = reader.bytes();
                            message._context = "context";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            message.transfer = reader.bool();
                            message._transfer = "transfer";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.transferee = reader.stringVerify();
                            message._transferee = "transferee";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Message;
        })();

        wire.MessageBatch = (function() {

            /**
             * Properties of a MessageBatch.
             * @typedef {Object} raftbus.wire.MessageBatch.$Properties
             * @property {Array.<raftbus.wire.Message.$Properties>|null} [messages] MessageBatch messages
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MessageBatch.
             * @memberof raftbus.wire
             * @interface IMessageBatch
             * @augments raftbus.wire.MessageBatch.$Properties
             * @deprecated Use raftbus.wire.MessageBatch.$Properties instead.
             */

            /**
             * Shape of a MessageBatch.
             * @typedef {raftbus.wire.MessageBatch.$Properties} raftbus.wire.MessageBatch.$Shape
             */

            /**
             * Constructs a new MessageBatch.
             * @memberof raftbus.wire
             * @classdesc Represents a MessageBatch.
             * @constructor
             * @param {raftbus.wire.MessageBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MessageBatch = function (properties) {
                this.messages = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * MessageBatch messages.
             * @member {Array.<raftbus.wire.Message.$Properties>} messages
             * @memberof raftbus.wire.MessageBatch
             * @instance
             */
            MessageBatch.prototype.messages = $util.emptyArray;

            /**
             * Creates a new MessageBatch instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.MessageBatch
             * @static
             * @param {raftbus.wire.MessageBatch.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.MessageBatch} MessageBatch instance
             * @type {{
             *   (properties: raftbus.wire.MessageBatch.$Shape): raftbus.wire.MessageBatch & raftbus.wire.MessageBatch.$Shape;
             *   (properties?: raftbus.wire.MessageBatch.$Properties): raftbus.wire.MessageBatch;
             * }}
             */
            MessageBatch.create = function(properties) {
                return new MessageBatch(properties);
            };

            /**
             * Encodes the specified MessageBatch message. Does not implicitly {@link raftbus.wire.MessageBatch.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.MessageBatch
             * @static
             * @param {raftbus.wire.MessageBatch.$Properties} message MessageBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MessageBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.messages != null && message.messages.length)
                    for (let i = 0; i < message.messages.length; ++i)
                        $root.raftbus.wire.Message.encode(message.messages[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MessageBatch message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.MessageBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.MessageBatch & raftbus.wire.MessageBatch.$Shape} MessageBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MessageBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.MessageBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.messages && message.messages.length))
                                message.messages = [];
                            message.messages.push($root.raftbus.wire.Message.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return MessageBatch;
        })();

        wire.SnapshotChunk = (function() {

            /**
             * Properties of a SnapshotChunk.
             * @typedef {Object} raftbus.wire.SnapshotChunk.$Properties
             * @property {number|Long|null} [streamId] SnapshotChunk streamId
             * @property {number|null} [chunkIndex] SnapshotChunk chunkIndex
             * @property {number|null} [chunkCount] SnapshotChunk chunkCount
             * @property {number|Long|null} [totalBytes] SnapshotChunk totalBytes
             * @property {raftbus.wire.Message.$Properties|null} [header] SnapshotChunk header
             * @property {Uint8Array|null} [data] SnapshotChunk data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SnapshotChunk.
             * @memberof raftbus.wire
             * @interface ISnapshotChunk
             * @augments raftbus.wire.SnapshotChunk.$Properties
             * @deprecated Use raftbus.wire.SnapshotChunk.$Properties instead.
             */

            /**
             * Shape of a SnapshotChunk.
             * @typedef {raftbus.wire.SnapshotChunk.$Properties} raftbus.wire.SnapshotChunk.$Shape
             */

            /**
             * Constructs a new SnapshotChunk.
             * @memberof raftbus.wire
             * @classdesc Represents a SnapshotChunk.
             * @constructor
             * @param {raftbus.wire.SnapshotChunk.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SnapshotChunk = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SnapshotChunk streamId.
             * @member {number|Long} streamId
             * @memberof raftbus.wire.SnapshotChunk
             * @instance
             */
            SnapshotChunk.prototype.streamId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SnapshotChunk chunkIndex.
             * @member {number} chunkIndex
             * @memberof raftbus.wire.SnapshotChunk
             * @instance
             */
            SnapshotChunk.prototype.chunkIndex = 0;

            /**
             * SnapshotChunk chunkCount.
             * @member {number} chunkCount
             * @memberof raftbus.wire.SnapshotChunk
             * @instance
             */
            SnapshotChunk.prototype.chunkCount = 0;

            /**
             * SnapshotChunk totalBytes.
             * @member {number|Long} totalBytes
             * @memberof raftbus.wire.SnapshotChunk
             * @instance
             */
            SnapshotChunk.prototype.totalBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SnapshotChunk header.
             * @member {raftbus.wire.Message.$Properties|null|undefined} header
             * @memberof raftbus.wire.SnapshotChunk
             * @instance
             */
            SnapshotChunk.prototype.header = null;

            /**
             * SnapshotChunk data.
             * @member {Uint8Array} data
             * @memberof raftbus.wire.SnapshotChunk
             * @instance
             */
            SnapshotChunk.prototype.data = $util.newBuffer([]);

            /**
             * Creates a new SnapshotChunk instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.SnapshotChunk
             * @static
             * @param {raftbus.wire.SnapshotChunk.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.SnapshotChunk} SnapshotChunk instance
             * @type {{
             *   (properties: raftbus.wire.SnapshotChunk.$Shape): raftbus.wire.SnapshotChunk & raftbus.wire.SnapshotChunk.$Shape;
             *   (properties?: raftbus.wire.SnapshotChunk.$Properties): raftbus.wire.SnapshotChunk;
             * }}
             */
            SnapshotChunk.create = function(properties) {
                return new SnapshotChunk(properties);
            };

            /**
             * Encodes the specified SnapshotChunk message. Does not implicitly {@link raftbus.wire.SnapshotChunk.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.SnapshotChunk
             * @static
             * @param {raftbus.wire.SnapshotChunk.$Properties} message SnapshotChunk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SnapshotChunk.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.streamId != null && $Object.hasOwnProperty.call(message, "streamId") && (typeof message.streamId === "object" ? message.streamId.low || message.streamId.high : message.streamId !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.streamId);
                if (message.chunkIndex != null && $Object.hasOwnProperty.call(message, "chunkIndex") && message.chunkIndex !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.chunkIndex);
                if (message.chunkCount != null && $Object.hasOwnProperty.call(message, "chunkCount") && message.chunkCount !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.chunkCount);
                if (message.totalBytes != null && $Object.hasOwnProperty.call(message, "totalBytes") && (typeof message.totalBytes === "object" ? message.totalBytes.low || message.totalBytes.high : message.totalBytes !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.totalBytes);
                if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                    $root.raftbus.wire.Message.encode(message.header, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.data);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SnapshotChunk message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.SnapshotChunk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.SnapshotChunk & raftbus.wire.SnapshotChunk.$Shape} SnapshotChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SnapshotChunk.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.SnapshotChunk();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.streamId = value;
                            else
                                delete message.streamId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.chunkIndex = value;
                            else
                                delete message.chunkIndex;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.chunkCount = value;
                            else
                                delete message.chunkCount;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.totalBytes = value;
                            else
                                delete message.totalBytes;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.header = $root.raftbus.wire.Message.decode(reader, reader.size(), $undefined, _depth + 1, message.header);
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.data = value;
                            else
                                delete message.data;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SnapshotChunk;
        })();

        wire.SnapshotChunkAck = (function() {

            /**
             * Properties of a SnapshotChunkAck.
             * @typedef {Object} raftbus.wire.SnapshotChunkAck.$Properties
             * @property {number|Long|null} [streamId] SnapshotChunkAck streamId
             * @property {number|null} [chunkIndex] SnapshotChunkAck chunkIndex
             * @property {boolean|null} [aborted] SnapshotChunkAck aborted
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SnapshotChunkAck.
             * @memberof raftbus.wire
             * @interface ISnapshotChunkAck
             * @augments raftbus.wire.SnapshotChunkAck.$Properties
             * @deprecated Use raftbus.wire.SnapshotChunkAck.$Properties instead.
             */

            /**
             * Shape of a SnapshotChunkAck.
             * @typedef {raftbus.wire.SnapshotChunkAck.$Properties} raftbus.wire.SnapshotChunkAck.$Shape
             */

            /**
             * Constructs a new SnapshotChunkAck.
             * @memberof raftbus.wire
             * @classdesc Represents a SnapshotChunkAck.
             * @constructor
             * @param {raftbus.wire.SnapshotChunkAck.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SnapshotChunkAck = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SnapshotChunkAck streamId.
             * @member {number|Long} streamId
             * @memberof raftbus.wire.SnapshotChunkAck
             * @instance
             */
            SnapshotChunkAck.prototype.streamId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SnapshotChunkAck chunkIndex.
             * @member {number} chunkIndex
             * @memberof raftbus.wire.SnapshotChunkAck
             * @instance
             */
            SnapshotChunkAck.prototype.chunkIndex = 0;

            /**
             * SnapshotChunkAck aborted.
             * @member {boolean} aborted
             * @memberof raftbus.wire.SnapshotChunkAck
             * @instance
             */
            SnapshotChunkAck.prototype.aborted = false;

            /**
             * Creates a new SnapshotChunkAck instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.SnapshotChunkAck
             * @static
             * @param {raftbus.wire.SnapshotChunkAck.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.SnapshotChunkAck} SnapshotChunkAck instance
             * @type {{
             *   (properties: raftbus.wire.SnapshotChunkAck.$Shape): raftbus.wire.SnapshotChunkAck & raftbus.wire.SnapshotChunkAck.$Shape;
             *   (properties?: raftbus.wire.SnapshotChunkAck.$Properties): raftbus.wire.SnapshotChunkAck;
             * }}
             */
            SnapshotChunkAck.create = function(properties) {
                return new SnapshotChunkAck(properties);
            };

            /**
             * Encodes the specified SnapshotChunkAck message. Does not implicitly {@link raftbus.wire.SnapshotChunkAck.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.SnapshotChunkAck
             * @static
             * @param {raftbus.wire.SnapshotChunkAck.$Properties} message SnapshotChunkAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SnapshotChunkAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.streamId != null && $Object.hasOwnProperty.call(message, "streamId") && (typeof message.streamId === "object" ? message.streamId.low || message.streamId.high : message.streamId !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.streamId);
                if (message.chunkIndex != null && $Object.hasOwnProperty.call(message, "chunkIndex") && message.chunkIndex !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.chunkIndex);
                if (message.aborted != null && $Object.hasOwnProperty.call(message, "aborted") && message.aborted !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.aborted);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SnapshotChunkAck message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.SnapshotChunkAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.SnapshotChunkAck & raftbus.wire.SnapshotChunkAck.$Shape} SnapshotChunkAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SnapshotChunkAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.SnapshotChunkAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.streamId = value;
                            else
                                delete message.streamId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.chunkIndex = value;
                            else
                                delete message.chunkIndex;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.aborted = value;
                            else
                                delete message.aborted;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SnapshotChunkAck;
        })();

        wire.PeerFrame = (function() {

            /**
             * Properties of a PeerFrame.
             * @typedef {Object} raftbus.wire.PeerFrame.$Properties
             * @property {raftbus.wire.MessageBatch.$Properties|null} [batch] PeerFrame batch
             * @property {raftbus.wire.SnapshotChunk.$Properties|null} [snapshotChunk] PeerFrame snapshotChunk
             * @property {raftbus.wire.SnapshotChunkAck.$Properties|null} [snapshotChunkAck] PeerFrame snapshotChunkAck
             * @property {"batch"|"snapshotChunk"|"snapshotChunkAck"} [body] PeerFrame body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PeerFrame.
             * @memberof raftbus.wire
             * @interface IPeerFrame
             * @augments raftbus.wire.PeerFrame.$Properties
             * @deprecated Use raftbus.wire.PeerFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a PeerFrame.
             * @typedef {{
             *   batch?: raftbus.wire.MessageBatch.$Shape|null;
             *   snapshotChunk?: raftbus.wire.SnapshotChunk.$Shape|null;
             *   snapshotChunkAck?: raftbus.wire.SnapshotChunkAck.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; batch?: null; snapshotChunk?: null; snapshotChunkAck?: null }|{ body?: "batch"; batch: raftbus.wire.MessageBatch.$Shape; snapshotChunk?: null; snapshotChunkAck?: null }|{ body?: "snapshotChunk"; batch?: null; snapshotChunk: raftbus.wire.SnapshotChunk.$Shape; snapshotChunkAck?: null }|{ body?: "snapshotChunkAck"; batch?: null; snapshotChunk?: null; snapshotChunkAck: raftbus.wire.SnapshotChunkAck.$Shape })
             * )} raftbus.wire.PeerFrame.$Shape
             */

            /**
             * Constructs a new PeerFrame.
             * @memberof raftbus.wire
             * @classdesc Represents a PeerFrame.
             * @constructor
             * @param {raftbus.wire.PeerFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PeerFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PeerFrame batch.
             * @member {raftbus.wire.MessageBatch.$Properties|null|undefined} batch
             * @memberof raftbus.wire.PeerFrame
             * @instance
             */
            PeerFrame.prototype.batch = null;

            /**
             * PeerFrame snapshotChunk.
             * @member {raftbus.wire.SnapshotChunk.$Properties|null|undefined} snapshotChunk
             * @memberof raftbus.wire.PeerFrame
             * @instance
             */
            PeerFrame.prototype.snapshotChunk = null;

            /**
             * PeerFrame snapshotChunkAck.
             * @member {raftbus.wire.SnapshotChunkAck.$Properties|null|undefined} snapshotChunkAck
             * @memberof raftbus.wire.PeerFrame
             * @instance
             */
            PeerFrame.prototype.snapshotChunkAck = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * PeerFrame body.
             * @member {"batch"|"snapshotChunk"|"snapshotChunkAck"|undefined} body
             * @memberof raftbus.wire.PeerFrame
             * @instance
             */
            $Object.defineProperty(PeerFrame.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["batch", "snapshotChunk", "snapshotChunkAck"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new PeerFrame instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.PeerFrame
             * @static
             * @param {raftbus.wire.PeerFrame.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.PeerFrame} PeerFrame instance
             * @type {{
             *   (properties: raftbus.wire.PeerFrame.$Shape): raftbus.wire.PeerFrame & raftbus.wire.PeerFrame.$Shape;
             *   (properties?: raftbus.wire.PeerFrame.$Properties): raftbus.wire.PeerFrame;
             * }}
             */
            PeerFrame.create = function(properties) {
                return new PeerFrame(properties);
            };

            /**
             * Encodes the specified PeerFrame message. Does not implicitly {@link raftbus.wire.PeerFrame.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.PeerFrame
             * @static
             * @param {raftbus.wire.PeerFrame.$Properties} message PeerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PeerFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.batch != null && $Object.hasOwnProperty.call(message, "batch"))
                    $root.raftbus.wire.MessageBatch.encode(message.batch, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.snapshotChunk != null && $Object.hasOwnProperty.call(message, "snapshotChunk"))
                    $root.raftbus.wire.SnapshotChunk.encode(message.snapshotChunk, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.snapshotChunkAck != null && $Object.hasOwnProperty.call(message, "snapshotChunkAck"))
                    $root.raftbus.wire.SnapshotChunkAck.encode(message.snapshotChunkAck, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PeerFrame message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.PeerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.PeerFrame & raftbus.wire.PeerFrame.$Shape} PeerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PeerFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.PeerFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.batch = $root.raftbus.wire.MessageBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.batch);
                            message.body = "batch";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.snapshotChunk = $root.raftbus.wire.SnapshotChunk.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshotChunk);
                            message.body = "snapshotChunk";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.snapshotChunkAck = $root.raftbus.wire.SnapshotChunkAck.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshotChunkAck);
                            message.body = "snapshotChunkAck";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return PeerFrame;
        })();

        /**
         * ClientRequestKind enum.
         * @name raftbus.wire.ClientRequestKind
         * @enum {number}
         * @property {number} CLIENT_REQUEST_KIND_UNSPECIFIED=0 CLIENT_REQUEST_KIND_UNSPECIFIED value
         * @property {number} COMMAND=1 COMMAND value
         * @property {number} QUERY=2 QUERY value
         * @property {number} REGISTER_SESSION=3 REGISTER_SESSION value
         */
        wire.ClientRequestKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CLIENT_REQUEST_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "COMMAND"] = 1;
            values[valuesById[2] = "QUERY"] = 2;
            values[valuesById[3] = "REGISTER_SESSION"] = 3;
            return values;
        })();

        wire.ClientRequest = (function() {

            /**
             * Properties of a ClientRequest.
             * @typedef {Object} raftbus.wire.ClientRequest.$Properties
             * @property {string|null} [clientId] ClientRequest clientId
             * @property {number|Long|null} [sequence] ClientRequest sequence
             * @property {number|Long|null} [requestId] ClientRequest requestId
             * @property {raftbus.wire.ClientRequestKind|null} [kind] ClientRequest kind
             * @property {Uint8Array|null} [payload] ClientRequest payload
             * @property {boolean|null} [staleReadOk] ClientRequest staleReadOk
             * @property {number|Long|null} [ackedBelow] ClientRequest ackedBelow
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientRequest.
             * @memberof raftbus.wire
             * @interface IClientRequest
             * @augments raftbus.wire.ClientRequest.$Properties
             * @deprecated Use raftbus.wire.ClientRequest.$Properties instead.
             */

            /**
             * Shape of a ClientRequest.
             * @typedef {raftbus.wire.ClientRequest.$Properties} raftbus.wire.ClientRequest.$Shape
             */

            /**
             * Constructs a new ClientRequest.
             * @memberof raftbus.wire
             * @classdesc Represents a ClientRequest.
             * @constructor
             * @param {raftbus.wire.ClientRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientRequest clientId.
             * @member {string} clientId
             * @memberof raftbus.wire.ClientRequest
             * @instance
             */
            ClientRequest.prototype.clientId = "";

            /**
             * ClientRequest sequence.
             * @member {number|Long} sequence
             * @memberof raftbus.wire.ClientRequest
             * @instance
             */
            ClientRequest.prototype.sequence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ClientRequest requestId.
             * @member {number|Long} requestId
             * @memberof raftbus.wire.ClientRequest
             * @instance
             */
            ClientRequest.prototype.requestId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ClientRequest kind.
             * @member {raftbus.wire.ClientRequestKind} kind
             * @memberof raftbus.wire.ClientRequest
             * @instance
             */
            ClientRequest.prototype.kind = 0;

            /**
             * ClientRequest payload.
             * @member {Uint8Array} payload
             * @memberof raftbus.wire.ClientRequest
             * @instance
             */
            ClientRequest.prototype.payload = $util.newBuffer([]);

            /**
             * ClientRequest staleReadOk.
             * @member {boolean} staleReadOk
             * @memberof raftbus.wire.ClientRequest
             * @instance
             */
            ClientRequest.prototype.staleReadOk = false;

            /**
             * ClientRequest ackedBelow.
             * @member {number|Long} ackedBelow
             * @memberof raftbus.wire.ClientRequest
             * @instance
             */
            ClientRequest.prototype.ackedBelow = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ClientRequest instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.ClientRequest
             * @static
             * @param {raftbus.wire.ClientRequest.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.ClientRequest} ClientRequest instance
             * @type {{
             *   (properties: raftbus.wire.ClientRequest.$Shape): raftbus.wire.ClientRequest & raftbus.wire.ClientRequest.$Shape;
             *   (properties?: raftbus.wire.ClientRequest.$Properties): raftbus.wire.ClientRequest;
             * }}
             */
            ClientRequest.create = function(properties) {
                return new ClientRequest(properties);
            };

            /**
             * Encodes the specified ClientRequest message. Does not implicitly {@link raftbus.wire.ClientRequest.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.ClientRequest
             * @static
             * @param {raftbus.wire.ClientRequest.$Properties} message ClientRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId") && message.clientId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.clientId);
                if (message.sequence != null && $Object.hasOwnProperty.call(message, "sequence") && (typeof message.sequence === "object" ? message.sequence.low || message.sequence.high : message.sequence !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.sequence);
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && (typeof message.requestId === "object" ? message.requestId.low || message.requestId.high : message.requestId !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.requestId);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.kind);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.payload);
                if (message.staleReadOk != null && $Object.hasOwnProperty.call(message, "staleReadOk") && message.staleReadOk !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.staleReadOk);
                if (message.ackedBelow != null && $Object.hasOwnProperty.call(message, "ackedBelow") && (typeof message.ackedBelow === "object" ? message.ackedBelow.low || message.ackedBelow.high : message.ackedBelow !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.ackedBelow);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientRequest message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.ClientRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientRequest & raftbus.wire.ClientRequest.$Shape} ClientRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.ClientRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.clientId = value;
                            else
                                delete message.clientId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.sequence = value;
                            else
                                delete message.sequence;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.staleReadOk = value;
                            else
                                delete message.staleReadOk;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.ackedBelow = value;
                            else
                                delete message.ackedBelow;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ClientRequest;
        })();

        wire.LeaderRedirect = (function() {

            /**
             * Properties of a LeaderRedirect.
             * @typedef {Object} raftbus.wire.LeaderRedirect.$Properties
             * @property {string|null} [leaderId] LeaderRedirect leaderId
             * @property {string|null} [leaderAddress] LeaderRedirect leaderAddress
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LeaderRedirect.
             * @memberof raftbus.wire
             * @interface ILeaderRedirect
             * @augments raftbus.wire.LeaderRedirect.$Properties
             * @deprecated Use raftbus.wire.LeaderRedirect.$Properties instead.
             */

            /**
             * Shape of a LeaderRedirect.
             * @typedef {raftbus.wire.LeaderRedirect.$Properties} raftbus.wire.LeaderRedirect.$Shape
             */

            /**
             * Constructs a new LeaderRedirect.
             * @memberof raftbus.wire
             * @classdesc Represents a LeaderRedirect.
             * @constructor
             * @param {raftbus.wire.LeaderRedirect.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LeaderRedirect = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * LeaderRedirect leaderId.
             * @member {string} leaderId
             * @memberof raftbus.wire.LeaderRedirect
             * @instance
             */
            LeaderRedirect.prototype.leaderId = "";

            /**
             * LeaderRedirect leaderAddress.
             * @member {string} leaderAddress
             * @memberof raftbus.wire.LeaderRedirect
             * @instance
             */
            LeaderRedirect.prototype.leaderAddress = "";

            /**
             * Creates a new LeaderRedirect instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.LeaderRedirect
             * @static
             * @param {raftbus.wire.LeaderRedirect.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.LeaderRedirect} LeaderRedirect instance
             * @type {{
             *   (properties: raftbus.wire.LeaderRedirect.$Shape): raftbus.wire.LeaderRedirect & raftbus.wire.LeaderRedirect.$Shape;
             *   (properties?: raftbus.wire.LeaderRedirect.$Properties): raftbus.wire.LeaderRedirect;
             * }}
             */
            LeaderRedirect.create = function(properties) {
                return new LeaderRedirect(properties);
            };

            /**
             * Encodes the specified LeaderRedirect message. Does not implicitly {@link raftbus.wire.LeaderRedirect.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.LeaderRedirect
             * @static
             * @param {raftbus.wire.LeaderRedirect.$Properties} message LeaderRedirect message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LeaderRedirect.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.leaderId != null && $Object.hasOwnProperty.call(message, "leaderId") && message.leaderId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.leaderId);
                if (message.leaderAddress != null && $Object.hasOwnProperty.call(message, "leaderAddress") && message.leaderAddress !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.leaderAddress);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a LeaderRedirect message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.LeaderRedirect
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.LeaderRedirect & raftbus.wire.LeaderRedirect.$Shape} LeaderRedirect
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LeaderRedirect.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.LeaderRedirect();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.leaderId = value;
                            else
                                delete message.leaderId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.leaderAddress = value;
                            else
                                delete message.leaderAddress;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return LeaderRedirect;
        })();

        /**
         * ClientErrorCode enum.
         * @name raftbus.wire.ClientErrorCode
         * @enum {number}
         * @property {number} CLIENT_ERROR_CODE_UNSPECIFIED=0 CLIENT_ERROR_CODE_UNSPECIFIED value
         * @property {number} NOT_LEADER=1 NOT_LEADER value
         * @property {number} TIMEOUT=2 TIMEOUT value
         * @property {number} PROPOSAL_DROPPED=3 PROPOSAL_DROPPED value
         * @property {number} SESSION_EXPIRED=4 SESSION_EXPIRED value
         * @property {number} BAD_REQUEST=5 BAD_REQUEST value
         * @property {number} INTERNAL=6 INTERNAL value
         * @property {number} OUTCOME_UNKNOWN=7 OUTCOME_UNKNOWN value
         * @property {number} OVERLOADED=8 OVERLOADED value
         * @property {number} APPLY_FAILED=9 APPLY_FAILED value
         * @property {number} STOPPED=10 STOPPED value
         */
        wire.ClientErrorCode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CLIENT_ERROR_CODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "NOT_LEADER"] = 1;
            values[valuesById[2] = "TIMEOUT"] = 2;
            values[valuesById[3] = "PROPOSAL_DROPPED"] = 3;
            values[valuesById[4] = "SESSION_EXPIRED"] = 4;
            values[valuesById[5] = "BAD_REQUEST"] = 5;
            values[valuesById[6] = "INTERNAL"] = 6;
            values[valuesById[7] = "OUTCOME_UNKNOWN"] = 7;
            values[valuesById[8] = "OVERLOADED"] = 8;
            values[valuesById[9] = "APPLY_FAILED"] = 9;
            values[valuesById[10] = "STOPPED"] = 10;
            return values;
        })();

        wire.ClientError = (function() {

            /**
             * Properties of a ClientError.
             * @typedef {Object} raftbus.wire.ClientError.$Properties
             * @property {raftbus.wire.ClientErrorCode|null} [code] ClientError code
             * @property {string|null} [message] ClientError message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientError.
             * @memberof raftbus.wire
             * @interface IClientError
             * @augments raftbus.wire.ClientError.$Properties
             * @deprecated Use raftbus.wire.ClientError.$Properties instead.
             */

            /**
             * Shape of a ClientError.
             * @typedef {raftbus.wire.ClientError.$Properties} raftbus.wire.ClientError.$Shape
             */

            /**
             * Constructs a new ClientError.
             * @memberof raftbus.wire
             * @classdesc Represents a ClientError.
             * @constructor
             * @param {raftbus.wire.ClientError.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientError = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientError code.
             * @member {raftbus.wire.ClientErrorCode} code
             * @memberof raftbus.wire.ClientError
             * @instance
             */
            ClientError.prototype.code = 0;

            /**
             * ClientError message.
             * @member {string} message
             * @memberof raftbus.wire.ClientError
             * @instance
             */
            ClientError.prototype.message = "";

            /**
             * Creates a new ClientError instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.ClientError
             * @static
             * @param {raftbus.wire.ClientError.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.ClientError} ClientError instance
             * @type {{
             *   (properties: raftbus.wire.ClientError.$Shape): raftbus.wire.ClientError & raftbus.wire.ClientError.$Shape;
             *   (properties?: raftbus.wire.ClientError.$Properties): raftbus.wire.ClientError;
             * }}
             */
            ClientError.create = function(properties) {
                return new ClientError(properties);
            };

            /**
             * Encodes the specified ClientError message. Does not implicitly {@link raftbus.wire.ClientError.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.ClientError
             * @static
             * @param {raftbus.wire.ClientError.$Properties} message ClientError message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientError.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientError message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.ClientError
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientError & raftbus.wire.ClientError.$Shape} ClientError
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientError.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.ClientError();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ClientError;
        })();

        wire.ClientResponse = (function() {

            /**
             * Properties of a ClientResponse.
             * @typedef {Object} raftbus.wire.ClientResponse.$Properties
             * @property {number|Long|null} [requestId] ClientResponse requestId
             * @property {Uint8Array|null} [result] ClientResponse result
             * @property {raftbus.wire.LeaderRedirect.$Properties|null} [redirect] ClientResponse redirect
             * @property {raftbus.wire.ClientError.$Properties|null} [error] ClientResponse error
             * @property {"result"|"redirect"|"error"} [outcome] ClientResponse outcome
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientResponse.
             * @memberof raftbus.wire
             * @interface IClientResponse
             * @augments raftbus.wire.ClientResponse.$Properties
             * @deprecated Use raftbus.wire.ClientResponse.$Properties instead.
             */

            /**
             * Narrowed shape of a ClientResponse.
             * @typedef {{
             *   requestId?: number|Long|null;
             *   result?: Uint8Array|null;
             *   redirect?: raftbus.wire.LeaderRedirect.$Shape|null;
             *   error?: raftbus.wire.ClientError.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ outcome?: undefined; result?: null; redirect?: null; error?: null }|{ outcome?: "result"; result: Uint8Array; redirect?: null; error?: null }|{ outcome?: "redirect"; result?: null; redirect: raftbus.wire.LeaderRedirect.$Shape; error?: null }|{ outcome?: "error"; result?: null; redirect?: null; error: raftbus.wire.ClientError.$Shape })
             * )} raftbus.wire.ClientResponse.$Shape
             */

            /**
             * Constructs a new ClientResponse.
             * @memberof raftbus.wire
             * @classdesc Represents a ClientResponse.
             * @constructor
             * @param {raftbus.wire.ClientResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientResponse = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientResponse requestId.
             * @member {number|Long} requestId
             * @memberof raftbus.wire.ClientResponse
             * @instance
             */
            ClientResponse.prototype.requestId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ClientResponse result.
             * @member {Uint8Array|null|undefined} result
             * @memberof raftbus.wire.ClientResponse
             * @instance
             */
            ClientResponse.prototype.result = null;

            /**
             * ClientResponse redirect.
             * @member {raftbus.wire.LeaderRedirect.$Properties|null|undefined} redirect
             * @memberof raftbus.wire.ClientResponse
             * @instance
             */
            ClientResponse.prototype.redirect = null;

            /**
             * ClientResponse error.
             * @member {raftbus.wire.ClientError.$Properties|null|undefined} error
             * @memberof raftbus.wire.ClientResponse
             * @instance
             */
            ClientResponse.prototype.error = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ClientResponse outcome.
             * @member {"result"|"redirect"|"error"|undefined} outcome
             * @memberof raftbus.wire.ClientResponse
             * @instance
             */
            $Object.defineProperty(ClientResponse.prototype, "outcome", {
                get: $util.oneOfGetter($oneOfFields = ["result", "redirect", "error"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ClientResponse instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.ClientResponse
             * @static
             * @param {raftbus.wire.ClientResponse.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.ClientResponse} ClientResponse instance
             * @type {{
             *   (properties: raftbus.wire.ClientResponse.$Shape): raftbus.wire.ClientResponse & raftbus.wire.ClientResponse.$Shape;
             *   (properties?: raftbus.wire.ClientResponse.$Properties): raftbus.wire.ClientResponse;
             * }}
             */
            ClientResponse.create = function(properties) {
                return new ClientResponse(properties);
            };

            /**
             * Encodes the specified ClientResponse message. Does not implicitly {@link raftbus.wire.ClientResponse.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.ClientResponse
             * @static
             * @param {raftbus.wire.ClientResponse.$Properties} message ClientResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && (typeof message.requestId === "object" ? message.requestId.low || message.requestId.high : message.requestId !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.requestId);
                if (message.result != null && $Object.hasOwnProperty.call(message, "result"))
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.result);
                if (message.redirect != null && $Object.hasOwnProperty.call(message, "redirect"))
                    $root.raftbus.wire.LeaderRedirect.encode(message.redirect, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.raftbus.wire.ClientError.encode(message.error, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientResponse message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.ClientResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientResponse & raftbus.wire.ClientResponse.$Shape} ClientResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.ClientResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.result = reader.bytes();
                            message.outcome = "result";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.redirect = $root.raftbus.wire.LeaderRedirect.decode(reader, reader.size(), $undefined, _depth + 1, message.redirect);
                            message.outcome = "redirect";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.raftbus.wire.ClientError.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.outcome = "error";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ClientResponse;
        })();

        wire.ClientRequestBatch = (function() {

            /**
             * Properties of a ClientRequestBatch.
             * @typedef {Object} raftbus.wire.ClientRequestBatch.$Properties
             * @property {Array.<raftbus.wire.ClientRequest.$Properties>|null} [requests] ClientRequestBatch requests
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientRequestBatch.
             * @memberof raftbus.wire
             * @interface IClientRequestBatch
             * @augments raftbus.wire.ClientRequestBatch.$Properties
             * @deprecated Use raftbus.wire.ClientRequestBatch.$Properties instead.
             */

            /**
             * Shape of a ClientRequestBatch.
             * @typedef {raftbus.wire.ClientRequestBatch.$Properties} raftbus.wire.ClientRequestBatch.$Shape
             */

            /**
             * Constructs a new ClientRequestBatch.
             * @memberof raftbus.wire
             * @classdesc Represents a ClientRequestBatch.
             * @constructor
             * @param {raftbus.wire.ClientRequestBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientRequestBatch = function (properties) {
                this.requests = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientRequestBatch requests.
             * @member {Array.<raftbus.wire.ClientRequest.$Properties>} requests
             * @memberof raftbus.wire.ClientRequestBatch
             * @instance
             */
            ClientRequestBatch.prototype.requests = $util.emptyArray;

            /**
             * Creates a new ClientRequestBatch instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.ClientRequestBatch
             * @static
             * @param {raftbus.wire.ClientRequestBatch.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.ClientRequestBatch} ClientRequestBatch instance
             * @type {{
             *   (properties: raftbus.wire.ClientRequestBatch.$Shape): raftbus.wire.ClientRequestBatch & raftbus.wire.ClientRequestBatch.$Shape;
             *   (properties?: raftbus.wire.ClientRequestBatch.$Properties): raftbus.wire.ClientRequestBatch;
             * }}
             */
            ClientRequestBatch.create = function(properties) {
                return new ClientRequestBatch(properties);
            };

            /**
             * Encodes the specified ClientRequestBatch message. Does not implicitly {@link raftbus.wire.ClientRequestBatch.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.ClientRequestBatch
             * @static
             * @param {raftbus.wire.ClientRequestBatch.$Properties} message ClientRequestBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientRequestBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requests != null && message.requests.length)
                    for (let i = 0; i < message.requests.length; ++i)
                        $root.raftbus.wire.ClientRequest.encode(message.requests[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientRequestBatch message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.ClientRequestBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientRequestBatch & raftbus.wire.ClientRequestBatch.$Shape} ClientRequestBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientRequestBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.ClientRequestBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.requests && message.requests.length))
                                message.requests = [];
                            message.requests.push($root.raftbus.wire.ClientRequest.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ClientRequestBatch;
        })();

        wire.ClientResponseBatch = (function() {

            /**
             * Properties of a ClientResponseBatch.
             * @typedef {Object} raftbus.wire.ClientResponseBatch.$Properties
             * @property {Array.<raftbus.wire.ClientResponse.$Properties>|null} [responses] ClientResponseBatch responses
             * @property {string|null} [nodeId] ClientResponseBatch nodeId
             * @property {string|null} [leaderId] ClientResponseBatch leaderId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientResponseBatch.
             * @memberof raftbus.wire
             * @interface IClientResponseBatch
             * @augments raftbus.wire.ClientResponseBatch.$Properties
             * @deprecated Use raftbus.wire.ClientResponseBatch.$Properties instead.
             */

            /**
             * Shape of a ClientResponseBatch.
             * @typedef {{
             *   responses?: Array.<raftbus.wire.ClientResponse.$Shape>|null;
             *   nodeId?: string|null;
             *   leaderId?: string|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} raftbus.wire.ClientResponseBatch.$Shape
             */

            /**
             * Constructs a new ClientResponseBatch.
             * @memberof raftbus.wire
             * @classdesc Represents a ClientResponseBatch.
             * @constructor
             * @param {raftbus.wire.ClientResponseBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientResponseBatch = function (properties) {
                this.responses = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientResponseBatch responses.
             * @member {Array.<raftbus.wire.ClientResponse.$Properties>} responses
             * @memberof raftbus.wire.ClientResponseBatch
             * @instance
             */
            ClientResponseBatch.prototype.responses = $util.emptyArray;

            /**
             * ClientResponseBatch nodeId.
             * @member {string} nodeId
             * @memberof raftbus.wire.ClientResponseBatch
             * @instance
             */
            ClientResponseBatch.prototype.nodeId = "";

            /**
             * ClientResponseBatch leaderId.
             * @member {string} leaderId
             * @memberof raftbus.wire.ClientResponseBatch
             * @instance
             */
            ClientResponseBatch.prototype.leaderId = "";

            /**
             * Creates a new ClientResponseBatch instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.ClientResponseBatch
             * @static
             * @param {raftbus.wire.ClientResponseBatch.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.ClientResponseBatch} ClientResponseBatch instance
             * @type {{
             *   (properties: raftbus.wire.ClientResponseBatch.$Shape): raftbus.wire.ClientResponseBatch & raftbus.wire.ClientResponseBatch.$Shape;
             *   (properties?: raftbus.wire.ClientResponseBatch.$Properties): raftbus.wire.ClientResponseBatch;
             * }}
             */
            ClientResponseBatch.create = function(properties) {
                return new ClientResponseBatch(properties);
            };

            /**
             * Encodes the specified ClientResponseBatch message. Does not implicitly {@link raftbus.wire.ClientResponseBatch.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.ClientResponseBatch
             * @static
             * @param {raftbus.wire.ClientResponseBatch.$Properties} message ClientResponseBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientResponseBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.responses != null && message.responses.length)
                    for (let i = 0; i < message.responses.length; ++i)
                        $root.raftbus.wire.ClientResponse.encode(message.responses[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.nodeId != null && $Object.hasOwnProperty.call(message, "nodeId") && message.nodeId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.nodeId);
                if (message.leaderId != null && $Object.hasOwnProperty.call(message, "leaderId") && message.leaderId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.leaderId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientResponseBatch message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.ClientResponseBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientResponseBatch & raftbus.wire.ClientResponseBatch.$Shape} ClientResponseBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientResponseBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.ClientResponseBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.responses && message.responses.length))
                                message.responses = [];
                            message.responses.push($root.raftbus.wire.ClientResponse.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.nodeId = value;
                            else
                                delete message.nodeId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.leaderId = value;
                            else
                                delete message.leaderId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ClientResponseBatch;
        })();

        wire.ClientFrame = (function() {

            /**
             * Properties of a ClientFrame.
             * @typedef {Object} raftbus.wire.ClientFrame.$Properties
             * @property {raftbus.wire.ClientRequestBatch.$Properties|null} [requests] ClientFrame requests
             * @property {raftbus.wire.ClientResponseBatch.$Properties|null} [responses] ClientFrame responses
             * @property {"requests"|"responses"} [body] ClientFrame body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientFrame.
             * @memberof raftbus.wire
             * @interface IClientFrame
             * @augments raftbus.wire.ClientFrame.$Properties
             * @deprecated Use raftbus.wire.ClientFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ClientFrame.
             * @typedef {{
             *   requests?: raftbus.wire.ClientRequestBatch.$Shape|null;
             *   responses?: raftbus.wire.ClientResponseBatch.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; requests?: null; responses?: null }|{ body?: "requests"; requests: raftbus.wire.ClientRequestBatch.$Shape; responses?: null }|{ body?: "responses"; requests?: null; responses: raftbus.wire.ClientResponseBatch.$Shape })
             * )} raftbus.wire.ClientFrame.$Shape
             */

            /**
             * Constructs a new ClientFrame.
             * @memberof raftbus.wire
             * @classdesc Represents a ClientFrame.
             * @constructor
             * @param {raftbus.wire.ClientFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientFrame requests.
             * @member {raftbus.wire.ClientRequestBatch.$Properties|null|undefined} requests
             * @memberof raftbus.wire.ClientFrame
             * @instance
             */
            ClientFrame.prototype.requests = null;

            /**
             * ClientFrame responses.
             * @member {raftbus.wire.ClientResponseBatch.$Properties|null|undefined} responses
             * @memberof raftbus.wire.ClientFrame
             * @instance
             */
            ClientFrame.prototype.responses = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ClientFrame body.
             * @member {"requests"|"responses"|undefined} body
             * @memberof raftbus.wire.ClientFrame
             * @instance
             */
            $Object.defineProperty(ClientFrame.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["requests", "responses"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ClientFrame instance using the specified properties.
             * @function create
             * @memberof raftbus.wire.ClientFrame
             * @static
             * @param {raftbus.wire.ClientFrame.$Properties=} [properties] Properties to set
             * @returns {raftbus.wire.ClientFrame} ClientFrame instance
             * @type {{
             *   (properties: raftbus.wire.ClientFrame.$Shape): raftbus.wire.ClientFrame & raftbus.wire.ClientFrame.$Shape;
             *   (properties?: raftbus.wire.ClientFrame.$Properties): raftbus.wire.ClientFrame;
             * }}
             */
            ClientFrame.create = function(properties) {
                return new ClientFrame(properties);
            };

            /**
             * Encodes the specified ClientFrame message. Does not implicitly {@link raftbus.wire.ClientFrame.verify|verify} messages.
             * @function encode
             * @memberof raftbus.wire.ClientFrame
             * @static
             * @param {raftbus.wire.ClientFrame.$Properties} message ClientFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requests != null && $Object.hasOwnProperty.call(message, "requests"))
                    $root.raftbus.wire.ClientRequestBatch.encode(message.requests, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.responses != null && $Object.hasOwnProperty.call(message, "responses"))
                    $root.raftbus.wire.ClientResponseBatch.encode(message.responses, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientFrame message from the specified reader or buffer.
             * @function decode
             * @memberof raftbus.wire.ClientFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientFrame & raftbus.wire.ClientFrame.$Shape} ClientFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.raftbus.wire.ClientFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.requests = $root.raftbus.wire.ClientRequestBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.requests);
                            message.body = "requests";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.responses = $root.raftbus.wire.ClientResponseBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.responses);
                            message.body = "responses";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ClientFrame;
        })();

        return wire;
    })();

    return raftbus;
})();

export {
  $root as default
};
