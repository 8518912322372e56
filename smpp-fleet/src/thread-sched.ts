import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';

/**
 * Scheduling hints for the threads that stamp and pace SMPP traffic, so that on a busy machine they
 * are not the ones left waiting for a CPU.
 *
 * Linux's scheduler (EEVDF, kernel 6.6+) lets a running thread finish its slice before a thread that
 * just woke takes the CPU: 0.7 ms × (1 + log2 CPUs), 1.4 ms on two cores. A thread woken to stamp a
 * reply or send a due message then waits up to that long behind whatever else runs (the results
 * thread's JSON and gzip, the gateway, the emulators). Measured on the 2-core bench machine at
 * 5,000 exchanges/s with a 50-ms gateway: the share of exchanges over 53 ms fell from 2.3 % to 0.8 %
 * when these threads asked for a short slice. Since 6.12 a thread may ask for its own slice
 * (sched_setattr's sched_runtime for SCHED_OTHER, 0.1–100 ms, no privilege needed), and a thread with
 * a shorter slice than the running one takes the CPU when it wakes. Background threads go the other
 * way with a higher nice value.
 *
 * Best effort throughout: off Linux, without the FFI module (koffi, prebuilt), or on a kernel that
 * ignores the request, nothing changes and the result says why. Nothing here needs a capability.
 */

/** What a request did: `applied`, or why not. */
export type SchedResult = { applied: true } | { applied: false; reason: string };

/** The short slice asked for by timing-critical threads: the kernel's minimum. */
export const SHORT_SLICE_US = 100;

const SYS_SCHED_SETATTR = 314;
const SYS_SCHED_GETATTR = 315;
/** struct sched_attr, SCHED_ATTR_SIZE_VER1 */
const ATTR_SIZE = 56;
const ATTR_NICE_OFFSET = 16;
const ATTR_RUNTIME_OFFSET = 24;

type Syscall = (nr: number, ...typedArgs: unknown[]) => number;
let syscall: Syscall | string | undefined;

/** libc's syscall(2) through koffi, or the reason it is not available (x86-64 Linux only: the numbers). */
function loadSyscall(): Syscall | string {
  if (syscall !== undefined) return syscall;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    syscall = `not on x86-64 Linux (${process.platform}/${process.arch})`;
    return syscall;
  }
  try {
    const koffi = createRequire(import.meta.url)('koffi') as {
      load(lib: string): { func(signature: string): Syscall };
    };
    syscall = koffi.load('libc.so.6').func('long syscall(long, ...)');
  } catch (err) {
    syscall = `no FFI module: ${(err as Error).message.split('\n')[0]}`;
  }
  return syscall;
}

/** The calling thread's kernel thread id (Linux), from /proc/thread-self. */
export function currentTid(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** A thread's struct sched_attr (sched_getattr), or undefined when the call fails. */
function readAttr(call: Syscall, tid: number): Buffer | undefined {
  const attr = Buffer.alloc(ATTR_SIZE);
  const failed =
    Number(call(SYS_SCHED_GETATTR, 'int', tid, 'uint8_t *', attr, 'uint', ATTR_SIZE, 'uint', 0)) !== 0;
  return failed ? undefined : attr;
}

/**
 * Sets a thread's scheduler slice (SCHED_OTHER, nice kept as it is; only for fair threads):
 * `sliceUs` > 0 asks for that slice, 0 goes back to the kernel's default. `tid` 0 is the calling thread.
 */
export function setSlice(sliceUs: number, tid = 0): SchedResult {
  const call = loadSyscall();
  if (typeof call === 'string') return { applied: false, reason: call };
  const runtimeNs = BigInt(Math.round(sliceUs * 1000));
  const attr = Buffer.alloc(ATTR_SIZE);
  attr.writeUInt32LE(ATTR_SIZE, 0);
  attr.writeBigUInt64LE(runtimeNs, ATTR_RUNTIME_OFFSET);
  // sched_setattr sets nice to the struct's value too: keep the thread's own
  attr.writeInt32LE(readAttr(call, tid)?.readInt32LE(ATTR_NICE_OFFSET) ?? 0, ATTR_NICE_OFFSET);
  if (Number(call(SYS_SCHED_SETATTR, 'int', tid, 'uint8_t *', attr, 'uint', 0)) !== 0) {
    return { applied: false, reason: 'sched_setattr refused' };
  }
  if (sliceUs === 0) return { applied: true };
  // kernels before 6.12 take the call but keep their own slice
  return readAttr(call, tid)?.readBigUInt64LE(ATTR_RUNTIME_OFFSET) === runtimeNs
    ? { applied: true }
    : { applied: false, reason: 'kernel keeps its own slices (needs Linux 6.12+)' };
}

/** For a thread that stamps or paces traffic: the shortest slice, so it runs as soon as it wakes. */
export function preferLowLatency(tid = 0): SchedResult {
  return setSlice(SHORT_SLICE_US, tid);
}

/**
 * For the calling background thread: the default slice (it may have inherited a short one from the
 * thread that started it) and `nice` (a higher value yields sooner to everything else).
 */
export function runInBackground(nice: number): SchedResult {
  const tid = currentTid();
  if (tid === undefined) return { applied: false, reason: 'no thread id (not Linux)' };
  setSlice(0, tid);
  try {
    setPriority(tid, nice);
    return { applied: true };
  } catch (err) {
    return { applied: false, reason: (err as Error).message };
  }
}
