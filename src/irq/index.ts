/**
 * irq — where NIC interrupts land.
 *
 * Models: one MSI-X vector per rx queue, delivered to one CPU (the effective affinity).
 * Config keys: `irq.policy` = `round-robin` (vector v on CPU v mod cpus) | `cpu0`.
 * Output: the CPU per queue, used by the engine for the hard IRQ and the NAPI poll of that queue.
 * See also: facts/linux-rx-path.md (e) and (f).
 */
export { placeIrqs } from "./placement.js";
