import { crc32, deflateSync } from "node:zlib";

type Rgb = readonly [number, number, number];

/** A PNG of `width`×`height` shading from left to right, by default from teal to sand. */
export function shadedPng(
  width: number,
  height: number,
  from: Rgb = [0, 128, 105],
  to: Rgb = [239, 234, 226],
): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = x / width;
      rows.set(
        from.map((start, i) => Math.round(start + ((to[i] ?? start) - start) * t)),
        y * (width * 3 + 1) + 1 + x * 3,
      );
    }
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
