/**
 * Random-access bytes of a raster file, so that a reader fetches only the parts it needs: the
 * TIFF header and tags, then the tiles or strips under the grid (a 200 MB land-cover file is
 * never read whole). Browser-safe: no node:fs here. In a browser or worker wrap a `File` with
 * {@link blobSource}; in Node, `fs.openAsBlob(path)` gives a file-backed Blob for the same
 * function, or read the file and use {@link arrayBufferSource}.
 */

/** A file's bytes, read by range. */
export interface ByteSource {
  /** Size of the file, bytes. */
  readonly byteLength: number;
  /**
   * Bytes [offset, offset + length) clipped to the file; may return fewer bytes at the end.
   * @param offset - byte offset ≥ 0
   * @param length - bytes wanted
   */
  read(offset: number, length: number): Promise<ArrayBuffer>;
}

/** A whole file already in memory (copy-free for an ArrayBuffer). */
export function arrayBufferSource(bytes: ArrayBuffer | Uint8Array): ByteSource {
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return {
    byteLength: buf.byteLength,
    read: (offset, length) => {
      const end = Math.min(buf.byteLength, offset + length);
      // Copy through subarray + set: Node's Buffer.slice shares memory, so `.buffer` would be its pool.
      const out = new Uint8Array(end - Math.min(offset, end));
      out.set(buf.subarray(Math.min(offset, end), end));
      return Promise.resolve(out.buffer);
    },
  };
}

/** A Blob or File, read slice by slice (Blob.slice is lazy: nothing else is loaded). */
export function blobSource(blob: Blob): ByteSource {
  return {
    byteLength: blob.size,
    read: (offset, length) => blob.slice(offset, offset + length).arrayBuffer(),
  };
}

/** Whether a value is a {@link ByteSource} (rather than raw bytes). */
export function isByteSource(x: unknown): x is ByteSource {
  return typeof x === 'object' && x !== null && typeof (x as ByteSource).read === 'function' && typeof (x as ByteSource).byteLength === 'number';
}

/** Raw bytes or a ByteSource, as every reader accepts. */
export type RasterInput = ArrayBuffer | Uint8Array | ByteSource;

/** Normalises {@link RasterInput} to a ByteSource. */
export function toByteSource(input: RasterInput): ByteSource {
  return isByteSource(input) ? input : arrayBufferSource(input);
}
