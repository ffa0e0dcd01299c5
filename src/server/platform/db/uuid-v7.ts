import { randomFillSync } from "node:crypto";

let lastMs = 0;
let sequence = 0;

// Random bytes drawn 4 KiB at a time: a call to the system's generator per id (two, with the
// sequence) cost more than the rest of making the id, for each message of a webhook batch.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function randomSlice(size: number): Buffer {
  if (poolAt + size > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += size;
  return pool.subarray(poolAt - size, poolAt);
}

/**
 * A time-ordered UUID (version 7): ids made later sort after earlier ones, even within the same
 * millisecond in this process. Messages use it so that two messages with the same second-precision
 * WhatsApp timestamp keep the order they were stored in.
 */
export function uuidV7(now = Date.now()): string {
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    sequence = randomSlice(2).readUInt16BE(0) & 0x3ff;
  }
  const bytes = randomSlice(16); // used once: written over in place
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
