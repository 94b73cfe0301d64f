/**
 * The help texts of the planning commands (capacity, tune, rollout), apart from the commands, so
 * `nicsim --help` loads none of them (see help.ts). Strings only.
 */
export const CAPACITY_HELP = `nicsim capacity SCENARIO --slo TERMS [--load-axis traffic.load.pps] [--replications 3]
                  [--resolution 1%] [--start LOAD] [--format table|json|md|html] [--json FILE]
                  [--html FILE] [--seed N] [--jobs N] [--quiet]
  For every point of SCENARIO's sweep (the load axis taken out), the highest load that meets
  the SLO: bracket (doubling or halving from the scenario's load), then bisect; each probe runs
  --replications seeds and passes only when every term's 95% interval meets its limit. Prints
  the capacity, the bracket it is known to, CPU use and the SLO figures at it, and what binds
  just above it.
  --slo TERMS       comma-separated limits: pN (any percentile, p99.9), max, mean latency with
                    ns/us/ms/s; drops as a share (0.01%) or a rate (100pps); cpu (busiest CPU, 80%)
                    e.g. 'p99<=100us,drops<=0.01%'; in-flight (packets still queued at the end,
                    a share of those offered) flags overload a short run ends before any drop
  --load-axis PATH  the scenario path searched (default traffic.load.pps; traffic.load.mbps too)
  --resolution P    stop when the bracket is this narrow relative to its top (default 1%)
  --start LOAD      where every search starts (default: the scenario's load)
  --json FILE       also write the capacity document (versioned; nicsim compare reads two)
  --html FILE       also write an HTML page with a chart of capacity per configuration`;

export const TUNE_HELP = `nicsim tune SCENARIO --slo TERMS [--objective capacity|cpu] [--budget 60] [--exhaustive]
              [--replications 3] [--resolution 1%] [--load-axis traffic.load.pps] [--top 10]
              [--format table|json|md] [--json FILE] [--seed N] [--jobs N] [--quiet]
  Search the settings a user can change on the host — queue count, IRQ placement, RPS masks,
  indirection table (a load-aware rebalance), RFS — for the best under the SLO, on the pool,
  deterministically for a seed. Prints the top candidates, how far each is from the current
  settings, why the best wins, and how much of the space was evaluated.
  --objective O   capacity (default): highest load meeting the SLO; cpu: fewest CPUs busy at
                  the scenario's load among candidates meeting the SLO there
  --budget N      coordinate descent simulates at most N distinct host states
  --exhaustive    evaluate every combination (small spaces only)
  --json FILE     also write the tune document (nicsim rollout --from reads it)`;

export const ROLLOUT_HELP = `nicsim rollout --from TUNE.json|SCENARIO --host SNAPSHOT|HOST.yaml -o apply.sh [--nic NAME]
                 [--irqbalance ban-irqs|stop] [--irq-name FORMAT] [--persist]
  Write a POSIX sh script that moves the host's NIC to the chosen settings (tune's best, or a
  scenario): ethtool -X before -L when shrinking, -L before -X when growing, IRQs looked up again
  after -L, then irqbalance, IRQ affinity, RPS/RFS, sysctls. Each step writes only what differs;
  before the first change it saves revert.sh; --dry-run prints what it would do; a failure
  stops it naming the step. It works under NICSIM_ROOT (default /) and calls $ETHTOOL. The
  table is written at the size the host's NIC has (ethtool -x); before any change the script
  refuses a host other than the one described (device, online CPUs, channels, table size).
  --host PATH        a snapshot directory (nicsim snapshot) or a scenario of the host as it is
                     (what nicsim import writes)
  --irqbalance H     when irqbalance runs and the script pins IRQs: ban-irqs (--banirq in its
                     IRQBALANCE_ARGS, then restart it) or stop (stop and disable it); without it
                     the rollout refuses
  --irq-name FORMAT  the queue IRQ names in /proc/interrupts, %d for the queue (default: from
                     the snapshot, else NIC-TxRx-%d)
  --persist          also print a udev rule (RPS on new queues) and a systemd unit (apply at boot)`;
