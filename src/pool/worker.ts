/**
 * The piscina worker: runs one job per task and returns its packed counters by *moving* the
 * buffer (`Piscina.move` marks it transferable, so the main thread receives the same memory and
 * nothing is copied). The moved buffer must be the return value itself: a moved value nested in
 * another object would be cloned.
 */
import { move } from "piscina";
import { runJobTask, type JobTask } from "./job-task.js";

export default function runTask(task: JobTask): ArrayBuffer {
  return move(runJobTask(task)) as ArrayBuffer;
}
