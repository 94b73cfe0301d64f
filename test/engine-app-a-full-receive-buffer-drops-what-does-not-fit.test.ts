import { describe, expect, it } from "vitest";
import { ZERO_COSTS, runPoint } from "./engine-helpers.js";

/**
 * Golden: a thread busy with one long request while datagrams keep coming. 1 GHz; every
 * receive-path cost zero but the stack's 1000 cycles (1 µs); constant 100 kpps of 64-byte frames:
 * arrivals at 10 µs·k, k = 1..199, in a 2 ms run. The thread (CPU 1; waking and recvmsg cost
 * nothing) reads datagram 1 at 11 µs and then works 10^7 cycles = 10 ms on it, past the end.
 *
 * The socket (SO_RCVBUF 10,000 bytes; each 64-byte datagram charges truesize 2,304) follows
 * __udp_enqueue_schedule_skb: a datagram is dropped when the charge already exceeds the buffer.
 * Datagram 1 was charged and released when it was read (its reader queue emptied). Datagrams
 * 2..6 find 0, 2304, 4608, 6912 and 9216 bytes charged (≤ 10,000): accepted, leaving 11,520;
 * datagrams 7..199 find 11,520 > 10,000: 193 dropped. So: 1 read, 193 socket drops, 5 left in
 * the socket, and the stack delivered all 199 = 1 + 193 + 5.
 */
describe("golden: a full receive buffer drops exactly the datagrams that do not fit", () => {
  it("1 read, 5 queued (the last one past the buffer), 193 dropped", () => {
    const p = runPoint({
      profile: "none",
      host: { cpus: 2, ghz: 1 },
      nics: [{ name: "eth0", queues: 1, ringSize: 256 }],
      traffic: { flows: 1, src: "192.0.2.1", dst: "10.0.0.1", size: 64, arrival: "constant", load: { pps: 100000 } },
      costs: { ...ZERO_COSTS, stackPerPacket: 1000 },
      app: { threads: "1", wake: 0, recv: 0, copyPerByte: 0, work: 1e7, rcvbuf: 10000, truesize: 2304 },
      run: { duration: "2ms", warmup: "0s" },
    });
    expect(p.delivered.packets).toBe(199);
    expect(p.app).toMatchObject({ received: { packets: 1 }, socketRcvbuf: 193, inSockets: 5, ok: true });
    expect(p.app?.latencyUs?.max).toBe(1);
    expect(p.bottleneck).toBe("socketRcvbuf");
    // CPU 1 works from 11 µs to the end: 1,989,000 ns of 2,000,000.
    expect(p.perCpu[1].app).toBe(0.9945);
  });
});
