export { payloadOf, textOf, varintsOf } from './fields.js';
export {
  DEFAULT_PROTO_LIMITS,
  ProtoReader,
  type ProtoError,
  type ProtoErrorCode,
  type ProtoField,
  type ProtoLimits,
  type ProtoRange,
  type WireType,
} from './reader.js';
