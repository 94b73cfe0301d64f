/**
 * The help texts of the host commands (snapshot, import, calibrate), apart from the commands, so
 * `nicsim --help` loads none of them (see help.ts). Strings only.
 */
export const SNAPSHOT_HELP = `nicsim snapshot --script
nicsim snapshot [-o DIR] [--dev NAME]... [--measure SECONDS [--samples N]] [--tar]
  Record this host's NIC, IRQ, steering and CPU state into DIR for \`nicsim import\` and
  \`nicsim calibrate\` (it only reads; run as root to read everything). --script prints the
  POSIX sh script instead, to run on another host: nicsim snapshot --script > snap.sh.
  --measure takes the counters N+1 times SECONDS apart (rates, per-CPU softirq time).`;

export const IMPORT_HELP = `nicsim import SNAPSHOT -o SCENARIO.yaml [--nic NAME]... [--receiver NAME]
  Build a scenario from a snapshot (directory or .tar.gz of \`nicsim snapshot\`): host, NICs,
  RSS, RPS, IRQ placement, sysctls, routing, each value with its source as a comment; the
  traffic is a marked block (measured rate and size when the snapshot has --measure samples).
  --nic picks the NICs (default: those up with an address); --receiver the one the traffic
  reaches (default: the one that received most). -o - writes to stdout. Warnings go to stderr.`;

export const CALIBRATE_HELP = `nicsim calibrate SNAPSHOT... -o COSTS.yaml [--scenario S | --ghz GHZ]
  Fit cycles per packet and per interrupt from snapshots taken with --measure at several
  offered rates (least squares of per-CPU irq+softirq time against packets and interrupts), and
  write a costs section with the fit's quality (R², residuals, rates covered). Refuses samples
  with drops or time squeezes, too little load, or fewer than 3 distinct rates, saying what to
  measure. The clock comes from the snapshot, the scenario's host.ghz, or --ghz.`;
