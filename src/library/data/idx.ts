import { invalid } from '../errors/index';

/** One idx array (the MNIST file format): unsigned bytes and their dimensions. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

/**
 * Parses an idx file (already gunzipped) holding unsigned bytes. Layout, from LeCun's MNIST page:
 * two zero bytes, type code 0x08 (ubyte), the number of dimensions, then each dimension as a
 * big-endian uint32, then the data row-major. Other type codes are refused: no data set paperlab
 * loads uses them. `where` names the file in errors.
 */
export function parseIdx(bytes: Uint8Array, where: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw invalid(`${where}: header`, 'an idx file (starting 00 00)', Array.from(bytes.subarray(0, 4)).map((b) => b.toString(16)).join(' '));
  }
  if (bytes[2] !== 0x08) throw invalid(`${where}: type code`, '0x08 (unsigned byte)', `0x${bytes[2]!.toString(16)}`);
  const nDims = bytes[3]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = 4 + 4 * nDims;
  if (bytes.length < headerBytes) throw invalid(`${where}: header`, `${headerBytes} bytes for ${nDims} dimensions`, bytes.length);
  const dims: number[] = [];
  for (let d = 0; d < nDims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerBytes + size) {
    throw invalid(`${where}: length`, `${headerBytes} + ${dims.join(' x ')} = ${headerBytes + size} bytes`, bytes.length, 'the file is truncated or not an idx file');
  }
  return { dims, data: bytes.subarray(headerBytes) };
}
