export { record, recorded } from './record';
export { RECORD_MIME, type RecordEntry, type RecordOptions, type JsonValue, type NativeRecord } from './mime';
