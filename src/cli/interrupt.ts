/**
 * Ctrl-C during a run: the first SIGINT aborts the signal (the pool is destroyed at once, no file
 * is written, the command exits 130); a second one exits at once, in case stopping hangs.
 */
export const INTERRUPTED_EXIT_STATUS = 130;

export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(INTERRUPTED_EXIT_STATUS);
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.off("SIGINT", onSigint);
  }
}
