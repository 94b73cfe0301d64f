/**
 * The help text of each command, apart from the commands themselves: `nicsim --help` prints them
 * all without loading any command (a command's module pulls in what it runs: the pool, the YAML
 * parser, the HDR library…). Strings only; keep the imports to what the texts embed.
 */
import { SWEEP_OPTIONS_HELP } from "./sweep-options.js";

export const BENCH_HELP = `nicsim bench [--format table|json|csv|md] [--json FILE] [--hlog FILE] [--seed N] [--jobs N]
             [--shard K/N] [--per-cpu] [--quiet]
  Run the built-in benchmark: a 16-vCPU cloud host receiving 10,000 UDP flows (IMIX, Poisson)
  at 0.5, 1, 2 and 4 Mpps with 1, 2, 4 and 8 NIC queues; print throughput, latency, drops
  and CPU per point, and the multi-queue speed-up at 2 Mpps.
  --seed N      override the seed (default 1)
  ${SWEEP_OPTIONS_HELP}`;

export const RUN_HELP = `nicsim run SCENARIO [--format table|json|csv|md] [--json FILE] [--hlog FILE] [--seed N]
                  [--jobs N] [--shard K/N] [--per-cpu] [--quiet]
  Simulate every sweep point of SCENARIO (YAML or JSON) and print one row per point.
  --seed N      override run.seed (0..4294967295)
  ${SWEEP_OPTIONS_HELP}`;

export const COMPARE_HELP = `nicsim compare BASELINE.json CURRENT.json [--threshold 5%] [--metric throughput,p99,drops]
               [--format table|md|junit|bmf|github-action-benchmark]
  Compare two result documents of the same scenario point by point: each figure's baseline,
  current value and change, and a verdict. Throughput lower is worse; latency and drops higher
  is worse. With replications the 95% intervals are compared, so noise does not fail.
  Exit status: 0 no regression beyond the threshold, 1 regression, 2 bad input (unreadable or
  corrupt file, different scenarios or seeds, schema mismatch).
  --threshold P  relative change allowed (default 5%)
  --metric LIST  figures to judge: throughput, mbps, p50, p90, p99, p999, max, mean, drops
                 (default throughput,p99,drops)
  --format F     table (default), md (Markdown), junit (JUnit XML), bmf (Bencher Metric Format
                 of CURRENT), github-action-benchmark (customBiggerIsBetter or
                 customSmallerIsBetter JSON of CURRENT: pick metrics of one direction)
  nicsim compare RESULT.json --format bmf|github-action-benchmark exports a single result.
  Two capacity documents (nicsim capacity --json) are compared per configuration: a capacity
  lower by more than the threshold, beyond both brackets, is a regression (formats table, md).`;

export const MERGE_HELP = `nicsim merge SHARD.json… -o ALL.json
  Put the result files of a sharded run (--shard K/N, K = 1..N) back together: the merged file
  is the one the unsharded run writes, byte for byte. Every shard must be there, once.
  -o, --output FILE   where to write the merged document ("-" for stdout)`;

export const REPORT_HELP = `nicsim report RESULT.json --html FILE
  Write one self-contained HTML page (inline SVG, nothing fetched): throughput and latency
  percentiles vs queue count, per-CPU utilization heat map, drops by cause, the results table
  and the scenario.
  --html FILE   where to write the page ("-" for stdout)`;

export const VALIDATE_HELP = `nicsim validate SCENARIO
  Check SCENARIO and every sweep point; print how many points it has, or the first error.`;

export const SCHEMA_HELP = `nicsim schema
  Print the JSON Schema of scenario files (the same as schema/scenario.schema.json).`;

export const RSS_HASH_HELP = `nicsim rss hash --src A --dst B [--sport P --dport Q] [--key K] [--fields LETTERS]
                [--hfunc toeplitz|xor] [--xfrm none|symmetric-xor|symmetric-or-xor]
                [--indir SPEC | --queues N] [--indir-size N] [--json]
  The RSS hash of one packet, and with --queues or --indir the rx queue it lands on.
  --key K       microsoft (default), symmetric, random [--seed N], or hex (6d:5a:... or 6d5a...)
  --fields      ethtool rx-flow-hash letters s d f n (default sdfn with ports, sd without)
  --indir SPEC  the table as ethtool -X sets it: "equal N", "start S equal N", "weight W0 W1 ...",
                "default" (needs --queues) or "[q0, q1, ...]"; --queues N alone = default fill
  --indir-size  table entries, a power of two (default 128)
  --json        print {"hash","hashU32"[,"index","queue"]}`;

export const RSS_SPREAD_HELP = `nicsim rss spread SCENARIO [--seed N] [--json]
  For each sweep point, the flow set the engine would draw (its first replication), hashed and
  looked up as the NIC does: flows and expected packet share per rx queue, imbalance (max/mean),
  and for non-power-of-two queue counts the table-size effect of the default fill.
  --seed N      override run.seed
  --json        print the same as JSON`;

export const RSS_KEY_QUALITY_HELP = `nicsim rss key-quality [--key K] [--field src|dst|sport|dport] [--bits Q] [--indir-size N]
                       [--family 4|6] [--fields LETTERS] [--json]
  Can a burst of flows differing only in the low Q bits of one field (consecutive source
  ports, say) reach every indirection-table entry? Prints the GF(2) rank r of the key's
  Toeplitz sub-matrix for those input bits and the table's index bits: the burst reaches
  2^r of 2^min(Q, log2 N) entries, whatever the other fields are. Rows where r falls short
  are flagged (FLAG); the exit status stays 0.
  --key K       microsoft (default), symmetric, random [--seed N], or hex
  --field F     one field (default: all four)
  --bits Q      low bits varied (default log2 of the table size)
  --indir-size  table entries, a power of two (default 128)
  --family      4 (default) or 6: the input layout; --fields the hashed fields (default sdfn)`;

export const ROUTE_HELP = `nicsim route get [fibmatch] ADDR [from A] [iif D] [oif D] [mark M] [tos T] [uid U]
                 [ipproto P] [sport N] [dport N] --config FILE [--json]
nicsim route get --queries FILE --config FILE
  Answer as the Linux kernel does for \`ip route get\`, from a routing configuration: a scenario
  with a \`routing\` section (only that section is read and checked, and the NICs' names when it
  lists no devices), a file with only that section, or plain \`ip -batch\` text (its
  devices: those its dev/oif words name, up; or --devices eth0,eth1=nocarrier; --family inet6).
  Or a host's own dumps, --config repeated, one file each (kind and family read from the file):
  ip -j link show, ip -j addr show, ip -j [-6] rule show, ip -j [-6] route show table all,
  sysctl -a; plus at most one ip -batch file applied after them.
  --json          print exactly what \`ip -j route get\` prints
  --queries FILE  one query per line (the words after \`route get\`); prints JSON lines
                  {"ok":true,"result":{…}} or {"ok":false,"error":"RTNETLINK answers: …"}
  --quiet         do not list the batch lines the kernel would refuse (on stderr)
  A failed lookup prints the kernel's error and exits 2.`;
