import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace raftbus. */
export namespace raftbus {

    /** Namespace wire. */
    namespace wire {

        /** MessageType enum. */
        enum MessageType {

            /** MESSAGE_TYPE_UNSPECIFIED value */
            MESSAGE_TYPE_UNSPECIFIED = 0,

            /** APPEND value */
            APPEND = 1,

            /** APPEND_RESPONSE value */
            APPEND_RESPONSE = 2,

            /** VOTE value */
            VOTE = 3,

            /** VOTE_RESPONSE value */
            VOTE_RESPONSE = 4,

            /** PRE_VOTE value */
            PRE_VOTE = 5,

            /** PRE_VOTE_RESPONSE value */
            PRE_VOTE_RESPONSE = 6,

            /** HEARTBEAT value */
            HEARTBEAT = 7,

            /** HEARTBEAT_RESPONSE value */
            HEARTBEAT_RESPONSE = 8,

            /** SNAPSHOT value */
            SNAPSHOT = 9,

            /** TIMEOUT_NOW value */
            TIMEOUT_NOW = 10,

            /** READ_INDEX value */
            READ_INDEX = 11,

            /** READ_INDEX_RESPONSE value */
            READ_INDEX_RESPONSE = 12,

            /** TRANSFER_LEADER value */
            TRANSFER_LEADER = 13,

            /** PROPOSE value */
            PROPOSE = 14
        }

        /** EntryType enum. */
        enum EntryType {

            /** NORMAL value */
            NORMAL = 0,

            /** CONF_CHANGE value */
            CONF_CHANGE = 1
        }

        /**
         * Properties of an Entry.
         * @deprecated Use raftbus.wire.Entry.$Properties instead.
         */
        interface IEntry extends raftbus.wire.Entry.$Properties {
        }

        /** Represents an Entry. */
        class Entry {

            /**
             * Constructs a new Entry.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.Entry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Entry index. */
            index: (number|Long);

            /** Entry term. */
            term: (number|Long);

            /** Entry type. */
            type: raftbus.wire.EntryType;

            /** Entry data. */
            data: Uint8Array;

            /**
             * Creates a new Entry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Entry instance
             */
            static create(properties: raftbus.wire.Entry.$Shape): raftbus.wire.Entry & raftbus.wire.Entry.$Shape;
            static create(properties?: raftbus.wire.Entry.$Properties): raftbus.wire.Entry;

            /**
             * Encodes the specified Entry message. Does not implicitly {@link raftbus.wire.Entry.verify|verify} messages.
             * @param message Entry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.Entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Entry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.Entry & raftbus.wire.Entry.$Shape} Entry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.Entry & raftbus.wire.Entry.$Shape;
        }

        namespace Entry {

            /** Properties of an Entry. */
            interface $Properties {

                /** Entry index */
                index?: (number|Long|null);

                /** Entry term */
                term?: (number|Long|null);

                /** Entry type */
                type?: (raftbus.wire.EntryType|null);

                /** Entry data */
                data?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Entry. */
            type $Shape = raftbus.wire.Entry.$Properties;
        }

        /**
         * Properties of a ConfState.
         * @deprecated Use raftbus.wire.ConfState.$Properties instead.
         */
        interface IConfState extends raftbus.wire.ConfState.$Properties {
        }

        /** Represents a ConfState. */
        class ConfState {

            /**
             * Constructs a new ConfState.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.ConfState.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ConfState voters. */
            voters: string[];

            /** ConfState learners. */
            learners: string[];

            /** ConfState votersOutgoing. */
            votersOutgoing: string[];

            /**
             * Creates a new ConfState instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConfState instance
             */
            static create(properties: raftbus.wire.ConfState.$Shape): raftbus.wire.ConfState & raftbus.wire.ConfState.$Shape;
            static create(properties?: raftbus.wire.ConfState.$Properties): raftbus.wire.ConfState;

            /**
             * Encodes the specified ConfState message. Does not implicitly {@link raftbus.wire.ConfState.verify|verify} messages.
             * @param message ConfState message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.ConfState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConfState message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.ConfState & raftbus.wire.ConfState.$Shape} ConfState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.ConfState & raftbus.wire.ConfState.$Shape;
        }

        namespace ConfState {

            /** Properties of a ConfState. */
            interface $Properties {

                /** ConfState voters */
                voters?: (string[]|null);

                /** ConfState learners */
                learners?: (string[]|null);

                /** ConfState votersOutgoing */
                votersOutgoing?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ConfState. */
            type $Shape = raftbus.wire.ConfState.$Properties;
        }

        /**
         * Properties of a SnapshotMeta.
         * @deprecated Use raftbus.wire.SnapshotMeta.$Properties instead.
         */
        interface ISnapshotMeta extends raftbus.wire.SnapshotMeta.$Properties {
        }

        /** Represents a SnapshotMeta. */
        class SnapshotMeta {

            /**
             * Constructs a new SnapshotMeta.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.SnapshotMeta.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SnapshotMeta index. */
            index: (number|Long);

            /** SnapshotMeta term. */
            term: (number|Long);

            /** SnapshotMeta confState. */
            confState?: (raftbus.wire.ConfState.$Properties|null);

            /**
             * Creates a new SnapshotMeta instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SnapshotMeta instance
             */
            static create(properties: raftbus.wire.SnapshotMeta.$Shape): raftbus.wire.SnapshotMeta & raftbus.wire.SnapshotMeta.$Shape;
            static create(properties?: raftbus.wire.SnapshotMeta.$Properties): raftbus.wire.SnapshotMeta;

            /**
             * Encodes the specified SnapshotMeta message. Does not implicitly {@link raftbus.wire.SnapshotMeta.verify|verify} messages.
             * @param message SnapshotMeta message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.SnapshotMeta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SnapshotMeta message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.SnapshotMeta & raftbus.wire.SnapshotMeta.$Shape} SnapshotMeta
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.SnapshotMeta & raftbus.wire.SnapshotMeta.$Shape;
        }

        namespace SnapshotMeta {

            /** Properties of a SnapshotMeta. */
            interface $Properties {

                /** SnapshotMeta index */
                index?: (number|Long|null);

                /** SnapshotMeta term */
                term?: (number|Long|null);

                /** SnapshotMeta confState */
                confState?: (raftbus.wire.ConfState.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SnapshotMeta. */
            type $Shape = raftbus.wire.SnapshotMeta.$Properties;
        }

        /**
         * Properties of a Snapshot.
         * @deprecated Use raftbus.wire.Snapshot.$Properties instead.
         */
        interface ISnapshot extends raftbus.wire.Snapshot.$Properties {
        }

        /** Represents a Snapshot. */
        class Snapshot {

            /**
             * Constructs a new Snapshot.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.Snapshot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Snapshot meta. */
            meta?: (raftbus.wire.SnapshotMeta.$Properties|null);

            /** Snapshot data. */
            data: Uint8Array;

            /**
             * Creates a new Snapshot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Snapshot instance
             */
            static create(properties: raftbus.wire.Snapshot.$Shape): raftbus.wire.Snapshot & raftbus.wire.Snapshot.$Shape;
            static create(properties?: raftbus.wire.Snapshot.$Properties): raftbus.wire.Snapshot;

            /**
             * Encodes the specified Snapshot message. Does not implicitly {@link raftbus.wire.Snapshot.verify|verify} messages.
             * @param message Snapshot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.Snapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Snapshot message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.Snapshot & raftbus.wire.Snapshot.$Shape} Snapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.Snapshot & raftbus.wire.Snapshot.$Shape;
        }

        namespace Snapshot {

            /** Properties of a Snapshot. */
            interface $Properties {

                /** Snapshot meta */
                meta?: (raftbus.wire.SnapshotMeta.$Properties|null);

                /** Snapshot data */
                data?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Snapshot. */
            type $Shape = raftbus.wire.Snapshot.$Properties;
        }

        /**
         * Properties of a Message.
         * @deprecated Use raftbus.wire.Message.$Properties instead.
         */
        interface IMessage extends raftbus.wire.Message.$Properties {
        }

        /** Represents a Message. */
        class Message {

            /**
             * Constructs a new Message.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.Message.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Message type. */
            type: raftbus.wire.MessageType;

            /** Message from. */
            from: string;

            /** Message to. */
            to: string;

            /** Message term. */
            term: (number|Long);

            /** Message logTerm. */
            logTerm: (number|Long);

            /** Message index. */
            index: (number|Long);

            /** Message commit. */
            commit: (number|Long);

            /** Message entries. */
            entries: raftbus.wire.Entry.$Properties[];

            /** Message reject. */
            reject: boolean;

            /** Message rejectHint. */
            rejectHint: (number|Long);

            /** Message snapshot. */
            snapshot?: (raftbus.wire.Snapshot.$Properties|null);

            /** Message context. */
            context?: (Uint8Array|null);

            /** Message transfer. */
            transfer?: (boolean|null);

            /** Message transferee. */
            transferee?: (string|null);

            /**
             * Creates a new Message instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Message instance
             */
            static create(properties: raftbus.wire.Message.$Shape): raftbus.wire.Message & raftbus.wire.Message.$Shape;
            static create(properties?: raftbus.wire.Message.$Properties): raftbus.wire.Message;

            /**
             * Encodes the specified Message message. Does not implicitly {@link raftbus.wire.Message.verify|verify} messages.
             * @param message Message message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.Message.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Message message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.Message & raftbus.wire.Message.$Shape} Message
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.Message & raftbus.wire.Message.$Shape;
        }

        namespace Message {

            /** Properties of a Message. */
            interface $Properties {

                /** Message type */
                type?: (raftbus.wire.MessageType|null);

                /** Message from */
                from?: (string|null);

                /** Message to */
                to?: (string|null);

                /** Message term */
                term?: (number|Long|null);

                /** Message logTerm */
                logTerm?: (number|Long|null);

                /** Message index */
                index?: (number|Long|null);

                /** Message commit */
                commit?: (number|Long|null);

                /** Message entries */
                entries?: (raftbus.wire.Entry.$Properties[]|null);

                /** Message reject */
                reject?: (boolean|null);

                /** Message rejectHint */
                rejectHint?: (number|Long|null);

                /** Message snapshot */
                snapshot?: (raftbus.wire.Snapshot.$Properties|null);

                /** Message context */
                context?: (Uint8Array|null);

                /** Message transfer */
                transfer?: (boolean|null);

                /** Message transferee */
                transferee?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Message. */
            type $Shape = raftbus.wire.Message.$Properties;
        }

        /**
         * Properties of a MessageBatch.
         * @deprecated Use raftbus.wire.MessageBatch.$Properties instead.
         */
        interface IMessageBatch extends raftbus.wire.MessageBatch.$Properties {
        }

        /** Represents a MessageBatch. */
        class MessageBatch {

            /**
             * Constructs a new MessageBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.MessageBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MessageBatch messages. */
            messages: raftbus.wire.Message.$Properties[];

            /**
             * Creates a new MessageBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MessageBatch instance
             */
            static create(properties: raftbus.wire.MessageBatch.$Shape): raftbus.wire.MessageBatch & raftbus.wire.MessageBatch.$Shape;
            static create(properties?: raftbus.wire.MessageBatch.$Properties): raftbus.wire.MessageBatch;

            /**
             * Encodes the specified MessageBatch message. Does not implicitly {@link raftbus.wire.MessageBatch.verify|verify} messages.
             * @param message MessageBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.MessageBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MessageBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.MessageBatch & raftbus.wire.MessageBatch.$Shape} MessageBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.MessageBatch & raftbus.wire.MessageBatch.$Shape;
        }

        namespace MessageBatch {

            /** Properties of a MessageBatch. */
            interface $Properties {

                /** MessageBatch messages */
                messages?: (raftbus.wire.Message.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MessageBatch. */
            type $Shape = raftbus.wire.MessageBatch.$Properties;
        }

        /**
         * Properties of a SnapshotChunk.
         * @deprecated Use raftbus.wire.SnapshotChunk.$Properties instead.
         */
        interface ISnapshotChunk extends raftbus.wire.SnapshotChunk.$Properties {
        }

        /** Represents a SnapshotChunk. */
        class SnapshotChunk {

            /**
             * Constructs a new SnapshotChunk.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.SnapshotChunk.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SnapshotChunk streamId. */
            streamId: (number|Long);

            /** SnapshotChunk chunkIndex. */
            chunkIndex: number;

            /** SnapshotChunk chunkCount. */
            chunkCount: number;

            /** SnapshotChunk totalBytes. */
            totalBytes: (number|Long);

            /** SnapshotChunk header. */
            header?: (raftbus.wire.Message.$Properties|null);

            /** SnapshotChunk data. */
            data: Uint8Array;

            /**
             * Creates a new SnapshotChunk instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SnapshotChunk instance
             */
            static create(properties: raftbus.wire.SnapshotChunk.$Shape): raftbus.wire.SnapshotChunk & raftbus.wire.SnapshotChunk.$Shape;
            static create(properties?: raftbus.wire.SnapshotChunk.$Properties): raftbus.wire.SnapshotChunk;

            /**
             * Encodes the specified SnapshotChunk message. Does not implicitly {@link raftbus.wire.SnapshotChunk.verify|verify} messages.
             * @param message SnapshotChunk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.SnapshotChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SnapshotChunk message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.SnapshotChunk & raftbus.wire.SnapshotChunk.$Shape} SnapshotChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.SnapshotChunk & raftbus.wire.SnapshotChunk.$Shape;
        }

        namespace SnapshotChunk {

            /** Properties of a SnapshotChunk. */
            interface $Properties {

                /** SnapshotChunk streamId */
                streamId?: (number|Long|null);

                /** SnapshotChunk chunkIndex */
                chunkIndex?: (number|null);

                /** SnapshotChunk chunkCount */
                chunkCount?: (number|null);

                /** SnapshotChunk totalBytes */
                totalBytes?: (number|Long|null);

                /** SnapshotChunk header */
                header?: (raftbus.wire.Message.$Properties|null);

                /** SnapshotChunk data */
                data?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SnapshotChunk. */
            type $Shape = raftbus.wire.SnapshotChunk.$Properties;
        }

        /**
         * Properties of a SnapshotChunkAck.
         * @deprecated Use raftbus.wire.SnapshotChunkAck.$Properties instead.
         */
        interface ISnapshotChunkAck extends raftbus.wire.SnapshotChunkAck.$Properties {
        }

        /** Represents a SnapshotChunkAck. */
        class SnapshotChunkAck {

            /**
             * Constructs a new SnapshotChunkAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.SnapshotChunkAck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SnapshotChunkAck streamId. */
            streamId: (number|Long);

            /** SnapshotChunkAck chunkIndex. */
            chunkIndex: number;

            /** SnapshotChunkAck aborted. */
            aborted: boolean;

            /**
             * Creates a new SnapshotChunkAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SnapshotChunkAck instance
             */
            static create(properties: raftbus.wire.SnapshotChunkAck.$Shape): raftbus.wire.SnapshotChunkAck & raftbus.wire.SnapshotChunkAck.$Shape;
            static create(properties?: raftbus.wire.SnapshotChunkAck.$Properties): raftbus.wire.SnapshotChunkAck;

            /**
             * Encodes the specified SnapshotChunkAck message. Does not implicitly {@link raftbus.wire.SnapshotChunkAck.verify|verify} messages.
             * @param message SnapshotChunkAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.SnapshotChunkAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SnapshotChunkAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.SnapshotChunkAck & raftbus.wire.SnapshotChunkAck.$Shape} SnapshotChunkAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.SnapshotChunkAck & raftbus.wire.SnapshotChunkAck.$Shape;
        }

        namespace SnapshotChunkAck {

            /** Properties of a SnapshotChunkAck. */
            interface $Properties {

                /** SnapshotChunkAck streamId */
                streamId?: (number|Long|null);

                /** SnapshotChunkAck chunkIndex */
                chunkIndex?: (number|null);

                /** SnapshotChunkAck aborted */
                aborted?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SnapshotChunkAck. */
            type $Shape = raftbus.wire.SnapshotChunkAck.$Properties;
        }

        /**
         * Properties of a PeerFrame.
         * @deprecated Use raftbus.wire.PeerFrame.$Properties instead.
         */
        interface IPeerFrame extends raftbus.wire.PeerFrame.$Properties {
        }

        /** Represents a PeerFrame. */
        class PeerFrame {

            /**
             * Constructs a new PeerFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.PeerFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PeerFrame batch. */
            batch?: (raftbus.wire.MessageBatch.$Properties|null);

            /** PeerFrame snapshotChunk. */
            snapshotChunk?: (raftbus.wire.SnapshotChunk.$Properties|null);

            /** PeerFrame snapshotChunkAck. */
            snapshotChunkAck?: (raftbus.wire.SnapshotChunkAck.$Properties|null);

            /** PeerFrame body. */
            body?: ("batch"|"snapshotChunk"|"snapshotChunkAck");

            /**
             * Creates a new PeerFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PeerFrame instance
             */
            static create(properties: raftbus.wire.PeerFrame.$Shape): raftbus.wire.PeerFrame & raftbus.wire.PeerFrame.$Shape;
            static create(properties?: raftbus.wire.PeerFrame.$Properties): raftbus.wire.PeerFrame;

            /**
             * Encodes the specified PeerFrame message. Does not implicitly {@link raftbus.wire.PeerFrame.verify|verify} messages.
             * @param message PeerFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.PeerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PeerFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.PeerFrame & raftbus.wire.PeerFrame.$Shape} PeerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.PeerFrame & raftbus.wire.PeerFrame.$Shape;
        }

        namespace PeerFrame {

            /** Properties of a PeerFrame. */
            interface $Properties {

                /** PeerFrame batch */
                batch?: (raftbus.wire.MessageBatch.$Properties|null);

                /** PeerFrame snapshotChunk */
                snapshotChunk?: (raftbus.wire.SnapshotChunk.$Properties|null);

                /** PeerFrame snapshotChunkAck */
                snapshotChunkAck?: (raftbus.wire.SnapshotChunkAck.$Properties|null);

                /** PeerFrame body */
                body?: ("batch"|"snapshotChunk"|"snapshotChunkAck");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a PeerFrame. */
            type $Shape = {
              batch?: raftbus.wire.MessageBatch.$Shape|null;
              snapshotChunk?: raftbus.wire.SnapshotChunk.$Shape|null;
              snapshotChunkAck?: raftbus.wire.SnapshotChunkAck.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; batch?: null; snapshotChunk?: null; snapshotChunkAck?: null }|{ body?: "batch"; batch: raftbus.wire.MessageBatch.$Shape; snapshotChunk?: null; snapshotChunkAck?: null }|{ body?: "snapshotChunk"; batch?: null; snapshotChunk: raftbus.wire.SnapshotChunk.$Shape; snapshotChunkAck?: null }|{ body?: "snapshotChunkAck"; batch?: null; snapshotChunk?: null; snapshotChunkAck: raftbus.wire.SnapshotChunkAck.$Shape })
            );
        }

        /** ClientRequestKind enum. */
        enum ClientRequestKind {

            /** CLIENT_REQUEST_KIND_UNSPECIFIED value */
            CLIENT_REQUEST_KIND_UNSPECIFIED = 0,

            /** COMMAND value */
            COMMAND = 1,

            /** QUERY value */
            QUERY = 2,

            /** REGISTER_SESSION value */
            REGISTER_SESSION = 3
        }

        /**
         * Properties of a ClientRequest.
         * @deprecated Use raftbus.wire.ClientRequest.$Properties instead.
         */
        interface IClientRequest extends raftbus.wire.ClientRequest.$Properties {
        }

        /** Represents a ClientRequest. */
        class ClientRequest {

            /**
             * Constructs a new ClientRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.ClientRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientRequest clientId. */
            clientId: string;

            /** ClientRequest sequence. */
            sequence: (number|Long);

            /** ClientRequest requestId. */
            requestId: (number|Long);

            /** ClientRequest kind. */
            kind: raftbus.wire.ClientRequestKind;

            /** ClientRequest payload. */
            payload: Uint8Array;

            /** ClientRequest staleReadOk. */
            staleReadOk: boolean;

            /** ClientRequest ackedBelow. */
            ackedBelow: (number|Long);

            /**
             * Creates a new ClientRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientRequest instance
             */
            static create(properties: raftbus.wire.ClientRequest.$Shape): raftbus.wire.ClientRequest & raftbus.wire.ClientRequest.$Shape;
            static create(properties?: raftbus.wire.ClientRequest.$Properties): raftbus.wire.ClientRequest;

            /**
             * Encodes the specified ClientRequest message. Does not implicitly {@link raftbus.wire.ClientRequest.verify|verify} messages.
             * @param message ClientRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.ClientRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientRequest & raftbus.wire.ClientRequest.$Shape} ClientRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.ClientRequest & raftbus.wire.ClientRequest.$Shape;
        }

        namespace ClientRequest {

            /** Properties of a ClientRequest. */
            interface $Properties {

                /** ClientRequest clientId */
                clientId?: (string|null);

                /** ClientRequest sequence */
                sequence?: (number|Long|null);

                /** ClientRequest requestId */
                requestId?: (number|Long|null);

                /** ClientRequest kind */
                kind?: (raftbus.wire.ClientRequestKind|null);

                /** ClientRequest payload */
                payload?: (Uint8Array|null);

                /** ClientRequest staleReadOk */
                staleReadOk?: (boolean|null);

                /** ClientRequest ackedBelow */
                ackedBelow?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClientRequest. */
            type $Shape = raftbus.wire.ClientRequest.$Properties;
        }

        /**
         * Properties of a LeaderRedirect.
         * @deprecated Use raftbus.wire.LeaderRedirect.$Properties instead.
         */
        interface ILeaderRedirect extends raftbus.wire.LeaderRedirect.$Properties {
        }

        /** Represents a LeaderRedirect. */
        class LeaderRedirect {

            /**
             * Constructs a new LeaderRedirect.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.LeaderRedirect.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LeaderRedirect leaderId. */
            leaderId: string;

            /** LeaderRedirect leaderAddress. */
            leaderAddress: string;

            /**
             * Creates a new LeaderRedirect instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LeaderRedirect instance
             */
            static create(properties: raftbus.wire.LeaderRedirect.$Shape): raftbus.wire.LeaderRedirect & raftbus.wire.LeaderRedirect.$Shape;
            static create(properties?: raftbus.wire.LeaderRedirect.$Properties): raftbus.wire.LeaderRedirect;

            /**
             * Encodes the specified LeaderRedirect message. Does not implicitly {@link raftbus.wire.LeaderRedirect.verify|verify} messages.
             * @param message LeaderRedirect message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.LeaderRedirect.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LeaderRedirect message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.LeaderRedirect & raftbus.wire.LeaderRedirect.$Shape} LeaderRedirect
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.LeaderRedirect & raftbus.wire.LeaderRedirect.$Shape;
        }

        namespace LeaderRedirect {

            /** Properties of a LeaderRedirect. */
            interface $Properties {

                /** LeaderRedirect leaderId */
                leaderId?: (string|null);

                /** LeaderRedirect leaderAddress */
                leaderAddress?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LeaderRedirect. */
            type $Shape = raftbus.wire.LeaderRedirect.$Properties;
        }

        /** ClientErrorCode enum. */
        enum ClientErrorCode {

            /** CLIENT_ERROR_CODE_UNSPECIFIED value */
            CLIENT_ERROR_CODE_UNSPECIFIED = 0,

            /** NOT_LEADER value */
            NOT_LEADER = 1,

            /** TIMEOUT value */
            TIMEOUT = 2,

            /** PROPOSAL_DROPPED value */
            PROPOSAL_DROPPED = 3,

            /** SESSION_EXPIRED value */
            SESSION_EXPIRED = 4,

            /** BAD_REQUEST value */
            BAD_REQUEST = 5,

            /** INTERNAL value */
            INTERNAL = 6,

            /** OUTCOME_UNKNOWN value */
            OUTCOME_UNKNOWN = 7,

            /** OVERLOADED value */
            OVERLOADED = 8,

            /** APPLY_FAILED value */
            APPLY_FAILED = 9,

            /** STOPPED value */
            STOPPED = 10
        }

        /**
         * Properties of a ClientError.
         * @deprecated Use raftbus.wire.ClientError.$Properties instead.
         */
        interface IClientError extends raftbus.wire.ClientError.$Properties {
        }

        /** Represents a ClientError. */
        class ClientError {

            /**
             * Constructs a new ClientError.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.ClientError.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientError code. */
            code: raftbus.wire.ClientErrorCode;

            /** ClientError message. */
            message: string;

            /**
             * Creates a new ClientError instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientError instance
             */
            static create(properties: raftbus.wire.ClientError.$Shape): raftbus.wire.ClientError & raftbus.wire.ClientError.$Shape;
            static create(properties?: raftbus.wire.ClientError.$Properties): raftbus.wire.ClientError;

            /**
             * Encodes the specified ClientError message. Does not implicitly {@link raftbus.wire.ClientError.verify|verify} messages.
             * @param message ClientError message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.ClientError.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientError message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientError & raftbus.wire.ClientError.$Shape} ClientError
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.ClientError & raftbus.wire.ClientError.$Shape;
        }

        namespace ClientError {

            /** Properties of a ClientError. */
            interface $Properties {

                /** ClientError code */
                code?: (raftbus.wire.ClientErrorCode|null);

                /** ClientError message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClientError. */
            type $Shape = raftbus.wire.ClientError.$Properties;
        }

        /**
         * Properties of a ClientResponse.
         * @deprecated Use raftbus.wire.ClientResponse.$Properties instead.
         */
        interface IClientResponse extends raftbus.wire.ClientResponse.$Properties {
        }

        /** Represents a ClientResponse. */
        class ClientResponse {

            /**
             * Constructs a new ClientResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.ClientResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientResponse requestId. */
            requestId: (number|Long);

            /** ClientResponse result. */
            result?: (Uint8Array|null);

            /** ClientResponse redirect. */
            redirect?: (raftbus.wire.LeaderRedirect.$Properties|null);

            /** ClientResponse error. */
            error?: (raftbus.wire.ClientError.$Properties|null);

            /** ClientResponse outcome. */
            outcome?: ("result"|"redirect"|"error");

            /**
             * Creates a new ClientResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientResponse instance
             */
            static create(properties: raftbus.wire.ClientResponse.$Shape): raftbus.wire.ClientResponse & raftbus.wire.ClientResponse.$Shape;
            static create(properties?: raftbus.wire.ClientResponse.$Properties): raftbus.wire.ClientResponse;

            /**
             * Encodes the specified ClientResponse message. Does not implicitly {@link raftbus.wire.ClientResponse.verify|verify} messages.
             * @param message ClientResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.ClientResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientResponse & raftbus.wire.ClientResponse.$Shape} ClientResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.ClientResponse & raftbus.wire.ClientResponse.$Shape;
        }

        namespace ClientResponse {

            /** Properties of a ClientResponse. */
            interface $Properties {

                /** ClientResponse requestId */
                requestId?: (number|Long|null);

                /** ClientResponse result */
                result?: (Uint8Array|null);

                /** ClientResponse redirect */
                redirect?: (raftbus.wire.LeaderRedirect.$Properties|null);

                /** ClientResponse error */
                error?: (raftbus.wire.ClientError.$Properties|null);

                /** ClientResponse outcome */
                outcome?: ("result"|"redirect"|"error");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ClientResponse. */
            type $Shape = {
              requestId?: number|Long|null;
              result?: Uint8Array|null;
              redirect?: raftbus.wire.LeaderRedirect.$Shape|null;
              error?: raftbus.wire.ClientError.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ outcome?: undefined; result?: null; redirect?: null; error?: null }|{ outcome?: "result"; result: Uint8Array; redirect?: null; error?: null }|{ outcome?: "redirect"; result?: null; redirect: raftbus.wire.LeaderRedirect.$Shape; error?: null }|{ outcome?: "error"; result?: null; redirect?: null; error: raftbus.wire.ClientError.$Shape })
            );
        }

        /**
         * Properties of a ClientRequestBatch.
         * @deprecated Use raftbus.wire.ClientRequestBatch.$Properties instead.
         */
        interface IClientRequestBatch extends raftbus.wire.ClientRequestBatch.$Properties {
        }

        /** Represents a ClientRequestBatch. */
        class ClientRequestBatch {

            /**
             * Constructs a new ClientRequestBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.ClientRequestBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientRequestBatch requests. */
            requests: raftbus.wire.ClientRequest.$Properties[];

            /**
             * Creates a new ClientRequestBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientRequestBatch instance
             */
            static create(properties: raftbus.wire.ClientRequestBatch.$Shape): raftbus.wire.ClientRequestBatch & raftbus.wire.ClientRequestBatch.$Shape;
            static create(properties?: raftbus.wire.ClientRequestBatch.$Properties): raftbus.wire.ClientRequestBatch;

            /**
             * Encodes the specified ClientRequestBatch message. Does not implicitly {@link raftbus.wire.ClientRequestBatch.verify|verify} messages.
             * @param message ClientRequestBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.ClientRequestBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientRequestBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientRequestBatch & raftbus.wire.ClientRequestBatch.$Shape} ClientRequestBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.ClientRequestBatch & raftbus.wire.ClientRequestBatch.$Shape;
        }

        namespace ClientRequestBatch {

            /** Properties of a ClientRequestBatch. */
            interface $Properties {

                /** ClientRequestBatch requests */
                requests?: (raftbus.wire.ClientRequest.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClientRequestBatch. */
            type $Shape = raftbus.wire.ClientRequestBatch.$Properties;
        }

        /**
         * Properties of a ClientResponseBatch.
         * @deprecated Use raftbus.wire.ClientResponseBatch.$Properties instead.
         */
        interface IClientResponseBatch extends raftbus.wire.ClientResponseBatch.$Properties {
        }

        /** Represents a ClientResponseBatch. */
        class ClientResponseBatch {

            /**
             * Constructs a new ClientResponseBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.ClientResponseBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientResponseBatch responses. */
            responses: raftbus.wire.ClientResponse.$Properties[];

            /** ClientResponseBatch nodeId. */
            nodeId: string;

            /** ClientResponseBatch leaderId. */
            leaderId: string;

            /**
             * Creates a new ClientResponseBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientResponseBatch instance
             */
            static create(properties: raftbus.wire.ClientResponseBatch.$Shape): raftbus.wire.ClientResponseBatch & raftbus.wire.ClientResponseBatch.$Shape;
            static create(properties?: raftbus.wire.ClientResponseBatch.$Properties): raftbus.wire.ClientResponseBatch;

            /**
             * Encodes the specified ClientResponseBatch message. Does not implicitly {@link raftbus.wire.ClientResponseBatch.verify|verify} messages.
             * @param message ClientResponseBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.ClientResponseBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientResponseBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientResponseBatch & raftbus.wire.ClientResponseBatch.$Shape} ClientResponseBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.ClientResponseBatch & raftbus.wire.ClientResponseBatch.$Shape;
        }

        namespace ClientResponseBatch {

            /** Properties of a ClientResponseBatch. */
            interface $Properties {

                /** ClientResponseBatch responses */
                responses?: (raftbus.wire.ClientResponse.$Properties[]|null);

                /** ClientResponseBatch nodeId */
                nodeId?: (string|null);

                /** ClientResponseBatch leaderId */
                leaderId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClientResponseBatch. */
            type $Shape = {
              responses?: raftbus.wire.ClientResponse.$Shape[]|null;
              nodeId?: string|null;
              leaderId?: string|null;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of a ClientFrame.
         * @deprecated Use raftbus.wire.ClientFrame.$Properties instead.
         */
        interface IClientFrame extends raftbus.wire.ClientFrame.$Properties {
        }

        /** Represents a ClientFrame. */
        class ClientFrame {

            /**
             * Constructs a new ClientFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: raftbus.wire.ClientFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientFrame requests. */
            requests?: (raftbus.wire.ClientRequestBatch.$Properties|null);

            /** ClientFrame responses. */
            responses?: (raftbus.wire.ClientResponseBatch.$Properties|null);

            /** ClientFrame body. */
            body?: ("requests"|"responses");

            /**
             * Creates a new ClientFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientFrame instance
             */
            static create(properties: raftbus.wire.ClientFrame.$Shape): raftbus.wire.ClientFrame & raftbus.wire.ClientFrame.$Shape;
            static create(properties?: raftbus.wire.ClientFrame.$Properties): raftbus.wire.ClientFrame;

            /**
             * Encodes the specified ClientFrame message. Does not implicitly {@link raftbus.wire.ClientFrame.verify|verify} messages.
             * @param message ClientFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: raftbus.wire.ClientFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {raftbus.wire.ClientFrame & raftbus.wire.ClientFrame.$Shape} ClientFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftbus.wire.ClientFrame & raftbus.wire.ClientFrame.$Shape;
        }

        namespace ClientFrame {

            /** Properties of a ClientFrame. */
            interface $Properties {

                /** ClientFrame requests */
                requests?: (raftbus.wire.ClientRequestBatch.$Properties|null);

                /** ClientFrame responses */
                responses?: (raftbus.wire.ClientResponseBatch.$Properties|null);

                /** ClientFrame body */
                body?: ("requests"|"responses");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ClientFrame. */
            type $Shape = {
              requests?: raftbus.wire.ClientRequestBatch.$Shape|null;
              responses?: raftbus.wire.ClientResponseBatch.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; requests?: null; responses?: null }|{ body?: "requests"; requests: raftbus.wire.ClientRequestBatch.$Shape; responses?: null }|{ body?: "responses"; requests?: null; responses: raftbus.wire.ClientResponseBatch.$Shape })
            );
        }
    }
}
