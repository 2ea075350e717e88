/**
 * Checks a whole store the way an auditor would: for every stream, versions 1…n with no gap,
 * each prev the hash before it (64 zeros first), each hash recomputed from the entry, the head
 * the last entry. Returns every entry by "stream/version" so a test can look acknowledged
 * appends up. Throws on the first fault.
 */
import { type StreamEntry, type StreamStore, streamEntryHash } from '@yishi/core/store';

const GENESIS = '0'.repeat(64);

export async function verifyStore(store: StreamStore): Promise<Map<string, StreamEntry>> {
  const all = new Map<string, StreamEntry>();
  const streams = await store.listStreams();
  for (const info of streams) {
    const rows = await store.readStream(info.stream);
    let prev = GENESIS;
    rows.forEach((r, i) => {
      const e = r.entry;
      const at = `${info.stream}/${i + 1}`;
      if (e.stream !== info.stream) throw new Error(`${at}: entry of stream ${e.stream}`);
      if (e.version !== i + 1) throw new Error(`${at}: version ${e.version}`);
      if (e.prev !== prev) throw new Error(`${at}: prev does not chain`);
      if (streamEntryHash(e) !== e.hash) throw new Error(`${at}: hash does not match the entry`);
      prev = e.hash;
      all.set(`${e.stream}/${e.version}`, e);
    });
    const last = rows[rows.length - 1]?.entry;
    if (last?.version !== info.version || last.hash !== info.hash) {
      throw new Error(`${info.stream}: head ${info.version} is not the last entry`);
    }
  }
  return all;
}
