export { record, recorded, RECORD_MIME, type RecordEntry, type RecordOptions, type JsonValue } from './record';
