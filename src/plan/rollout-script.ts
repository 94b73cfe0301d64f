/**
 * The rollout script: POSIX sh that moves one NIC of a host to the chosen settings.
 *
 * - Ordered as the kernel requires (rollout-lib.ts): table before -L when shrinking, -L before
 *   -X when growing, then coalescing (-C) and NAPI's deferred interrupts, IRQs looked up again
 *   after -L, then affinity, RPS/RFS, sysctls.
 * - Idempotent: every step reads the current value and writes only what differs; a second run
 *   changes nothing.
 * - Reversible: before its first change it writes revert.sh (`REVERT`, default ./revert.sh)
 *   with the values it found — channel count, table, each queue's IRQ affinity, rps_cpus and
 *   rps_flow_cnt, the sysctl, and (when it pins IRQs) irqbalance's environment file and state —
 *   as a script of the same kind; what the apply script does not manage, the revert leaves
 *   alone. An existing revert.sh is kept: it holds the state before the first run.
 * - irqbalance-aware: when the daemon runs and the script pins IRQs, it bans those IRQs in the
 *   daemon's environment file (`--banirq=N` in IRQBALANCE_ARGS, the variable the upstream unit
 *   passes to the daemon) and restarts it, or stops and disables it, as chosen when generating;
 *   otherwise it refuses. (Banning the CPUs instead would not protect the IRQs: irqbalance
 *   removes banned CPUs from the masks it writes, so it would move the pinned IRQs away.)
 * - Refuses a host other than the one it was made for, before changing anything: no such
 *   device, another number of online CPUs, fewer channels than asked for, or an indirection
 *   table of another size (the table it compares with is filled at the snapshot's size).
 * - `--dry-run` prints what it would do and writes nothing; a failing command stops the script
 *   with the step named (exit 1).
 * - Paths are read and written under `NICSIM_ROOT` (default /); `ETHTOOL` and `SYSTEMCTL` name
 *   the commands, so tests run it on a fake tree with stubs.
 */
import { ROLLOUT_LIB } from "./rollout-lib.js";

export type IrqbalanceHandling = "refuse" | "ban-irqs" | "stop";

export interface RolloutTarget {
  readonly nic: string;
  readonly queues: number;
  /** The CPUs the settings are for (the script refuses a host with another count online). */
  readonly cpus: number;
  /**
   * `ethtool -X` arguments that write the table: `default`, `equal 4`, `weight 40 30 …`; null
   * to leave the table alone (the NIC has none).
   */
  readonly indirForm: string | null;
  /**
   * The table those arguments give at `queues` over the host's table size (what the script
   * compares with `ethtool -x`; it refuses a NIC whose table has another size).
   */
  readonly indirTable: readonly number[];
  /** The CPU list of each rx queue's IRQ, or null to leave the IRQs to irqbalance. */
  readonly affinity: readonly string[] | null;
  readonly rpsCpus: readonly string[];
  readonly rpsFlowCnt: number;
  /** net.core.rps_sock_flow_entries, or null to leave it. */
  readonly sockFlowEntries: number | null;
  /** rx coalescing to set with ethtool -C (adaptive-rx off: fixed values), or null to leave it. */
  readonly coalesce: { readonly adaptive: "on" | "off"; readonly rxUsecs: number; readonly rxFrames: number } | null;
  /** napi_defer_hard_irqs and gro_flush_timeout (ns) to write, or null to leave them. */
  readonly defer: { readonly polls: number; readonly timeoutNs: number } | null;
}

export interface RolloutScriptOptions {
  /** printf format of a queue's IRQ name in /proc/interrupts, `%d` for the queue: `eth0-TxRx-%d`. */
  readonly irqName: string;
  readonly irqbalance: IrqbalanceHandling;
  /** Comment lines for the top: what produced it, from what. */
  readonly about: readonly string[];
}

/** A word safe to put in single quotes (every value the scripts carry is one). */
function quoted(value: string): string {
  if (/'/.test(value)) throw new RangeError(`a value with a quote cannot go into the script: ${value}`);
  return `'${value}'`;
}

const PREAMBLE = (script: "apply" | "revert"): string => String.raw`SCRIPT=` + script + String.raw`
ROOT=$(printf '%s' "$NICSIM_ROOT" | sed 's:/*$::')
[ -n "$ETHTOOL" ] || ETHTOOL=ethtool
[ -n "$SYSTEMCTL" ] || SYSTEMCTL=systemctl
[ -n "$REVERT" ] || REVERT=./revert.sh
DRY=0
if [ $# -gt 0 ]; then
  case $1 in
    --dry-run) DRY=1 ;;
    *) echo "usage: $0 [--dry-run]" >&2; exit 2 ;;
  esac
fi
`;

/** apply's hooks: keep irqbalance off the IRQs it pins; save the revert script first. */
const APPLY_HOOKS = String.raw`irqbalance_env_file() {
  if [ -e "$ROOT/etc/sysconfig/irqbalance" ]; then echo /etc/sysconfig/irqbalance; else echo /etc/default/irqbalance; fi
}
ban_irqs() {
  f=$(irqbalance_env_file)
  if [ "$relisted" = 1 ]; then
    say "would ban the queue IRQs (looked up after ethtool -L) with --banirq in IRQBALANCE_ARGS of $f and restart irqbalance"
    return 0
  fi
  line=$(grep '^IRQBALANCE_ARGS=' "$ROOT$f" 2>/dev/null | tail -n 1)
  args=$(printf '%s' "$line" | sed 's/^IRQBALANCE_ARGS=//; s/^"//; s/"$//')
  new=$args
  for irq in $IRQS; do
    case " $new " in
      *" --banirq=$irq "*) ;;
      *) new="$new --banirq=$irq" ;;
    esac
  done
  new=$(printf '%s' "$new" | sed 's/^ *//')
  [ -n "$line" ] && [ "$new" = "$args" ] && return 0
  if [ "$DRY" = 1 ]; then
    say "would set IRQBALANCE_ARGS=\"$new\" in $f and restart irqbalance"
    return 0
  fi
  if ! { grep -v '^IRQBALANCE_ARGS=' "$ROOT$f" 2>/dev/null; printf 'IRQBALANCE_ARGS="%s"\n' "$new"; } > "$ROOT$f.nicsim-tmp"; then
    fail "cannot write $f"
  fi
  mv "$ROOT$f.nicsim-tmp" "$ROOT$f" || fail "cannot write $f"
  say "wrote IRQBALANCE_ARGS=\"$new\" to $f"
  CHANGES=$((CHANGES + 1))
  act sysd try-restart irqbalance
}
before_affinity() {
  [ -n "$WANT_AFFINITY" ] || return 0
  STEP="keep irqbalance off the pinned IRQs"
  sysd is-active --quiet irqbalance 2>/dev/null || return 0
  case $IRQBALANCE in
    ban-irqs) ban_irqs ;;
    stop)
      act sysd stop irqbalance
      act sysd disable irqbalance
      ;;
    *) fail "irqbalance is running and would move the pinned IRQs back; generate the script with --irqbalance ban-irqs (or stop)" ;;
  esac
}
after_affinity() { :; }
`;

/** Writes revert.sh: the values found now, the same library, hooks that restore irqbalance. */
function revertWriter(): string {
  return String.raw`write_revert() {
  STEP="save what the host has now to $REVERT (before any change)"
  if [ -e "$REVERT" ]; then
    say "$REVERT exists: kept (it holds the host as the first run found it)"
    return 0
  fi
  read_channels
  rv_cur=$CH_CUR
  rv_cpus=$(online_cpus) || exit 1
  rv_tbl=""
  rv_form=-
  if [ "$WANT_FORM" != - ]; then
    rv_tbl=$(current_table) || exit 1
    rv_form=$(table_form "$rv_tbl" "$rv_cur")
  fi
  rv_aff=""
  rv_rps=""
  rv_fc=""
  # The IRQs' affinity is saved only when this script pins them.
  if [ -n "$WANT_AFFINITY" ]; then
    rv_irqs=$(queue_irqs "$rv_cur") || fail "cannot read /proc/interrupts"
    case " $rv_irqs " in
      *" - "*) fail "a queue of $DEV has no IRQ named like $IRQ_NAME in /proc/interrupts (IRQs: $rv_irqs)" ;;
    esac
  fi
  q=0
  while [ "$q" -lt "$rv_cur" ]; do
    if [ -n "$WANT_AFFINITY" ]; then
      # shellcheck disable=SC2086
      nth "$q" $rv_irqs
      read_value "/proc/irq/$NTH/smp_affinity_list"
      rv_aff="$rv_aff $RV"
    fi
    read_value "/sys/class/net/$DEV/queues/rx-$q/rps_cpus"
    rv_rps="$rv_rps $RV"
    read_value "/sys/class/net/$DEV/queues/rx-$q/rps_flow_cnt"
    rv_fc="$rv_fc $RV"
    q=$((q + 1))
  done
  rv_co=-
  if [ "$WANT_COALESCE" != - ]; then
    read_coalesce
    rv_co="$CO_ADAPTIVE $CO_USECS $CO_FRAMES"
  fi
  rv_defer=-
  if [ "$WANT_DEFER" != - ]; then
    read_value "/sys/class/net/$DEV/napi_defer_hard_irqs"
    rv_defer=$RV
    read_value "/sys/class/net/$DEV/gro_flush_timeout"
    rv_defer="$rv_defer $RV"
  fi
  rv_sock=-
  if [ "$WANT_SOCK_FLOW" != - ]; then
    read_value /proc/sys/net/core/rps_sock_flow_entries
    rv_sock=$RV
  fi
  # irqbalance's file and state, which this script changes only when it pins IRQs.
  rv_irqbalance=0
  rv_env=""
  rv_active=0
  rv_enabled=0
  if [ -n "$WANT_AFFINITY" ]; then
    rv_irqbalance=1
    rv_env=$(irqbalance_env_file)
    if sysd is-active --quiet irqbalance 2>/dev/null; then rv_active=1; fi
    if sysd is-enabled --quiet irqbalance 2>/dev/null; then rv_enabled=1; fi
  fi
  # A dry run reads all of it too, so it fails where the real run would.
  if [ "$DRY" = 1 ]; then
    say "would save the current values to $REVERT"
    return 0
  fi
  {
    echo '#!/bin/sh'
    echo "# revert.sh: written by the nicsim rollout script before it changed $DEV; puts back what it found."
    echo '# Usage: sh revert.sh [--dry-run]   (NICSIM_ROOT, ETHTOOL, SYSTEMCTL as for the rollout script)'
    cat <<'NICSIM_PREAMBLE'
` + PREAMBLE("revert") + String.raw`NICSIM_PREAMBLE
    printf "DEV='%s'\nIRQ_NAME='%s'\n" "$DEV" "$IRQ_NAME"
    printf "WANT_CPUS='%s'\nWANT_QUEUES='%s'\nWANT_FORM='%s'\nWANT_TABLE='%s'\n" "$rv_cpus" "$rv_cur" "$rv_form" "$rv_tbl"
    printf "WANT_AFFINITY='%s'\nWANT_RPS='%s'\nWANT_FLOW_CNT='%s'\nWANT_SOCK_FLOW='%s'\n" "$rv_aff" "$rv_rps" "$rv_fc" "$rv_sock"
    printf "WANT_COALESCE='%s'\nWANT_DEFER='%s'\n" "$rv_co" "$rv_defer"
    printf "RESTORE_IRQBALANCE=%s\nENV_FILE='%s'\nWAS_ACTIVE=%s\nWAS_ENABLED=%s\n" "$rv_irqbalance" "$rv_env" "$rv_active" "$rv_enabled"
    echo 'restore_env_file() {'
    if [ "$rv_irqbalance" = 1 ] && [ -e "$ROOT$rv_env" ]; then
      echo '  cat <<'"'"'NICSIM_ENV_FILE'"'"
      cat "$ROOT$rv_env"
      echo 'NICSIM_ENV_FILE'
    else
      echo '  return 1'
    fi
    echo '}'
    cat <<'NICSIM_LIB'
` + ROLLOUT_LIB + "\n" + REVERT_HOOKS + String.raw`NICSIM_LIB
    echo 'check_host'
    echo 'converge'
  } > "$REVERT.nicsim-tmp" || fail "cannot write $REVERT"
  mv "$REVERT.nicsim-tmp" "$REVERT" || fail "cannot write $REVERT"
  say "saved the current values to $REVERT"
}
`;
}

/** revert's hooks: after the NIC is back, the daemon's environment file and state. */
const REVERT_HOOKS = String.raw`before_affinity() { :; }
after_affinity() {
  [ "$RESTORE_IRQBALANCE" = 1 ] || return 0
  STEP="restore irqbalance"
  restarted=0
  if restore_env_file > "$ROOT$ENV_FILE.nicsim-want" 2>/dev/null; then
    if ! cmp -s "$ROOT$ENV_FILE.nicsim-want" "$ROOT$ENV_FILE"; then
      if [ "$DRY" = 1 ]; then
        say "would restore $ENV_FILE"
      else
        mv "$ROOT$ENV_FILE.nicsim-want" "$ROOT$ENV_FILE" || fail "cannot write $ENV_FILE"
        say "restored $ENV_FILE"
        CHANGES=$((CHANGES + 1))
        restarted=1
      fi
    fi
  elif [ -e "$ROOT$ENV_FILE" ]; then
    if [ "$DRY" = 1 ]; then say "would remove $ENV_FILE"; else rm -f "$ROOT$ENV_FILE" && say "removed $ENV_FILE" && CHANGES=$((CHANGES + 1)) && restarted=1; fi
  fi
  rm -f "$ROOT$ENV_FILE.nicsim-want"
  if [ "$WAS_ENABLED" = 1 ] && ! sysd is-enabled --quiet irqbalance 2>/dev/null; then act sysd enable irqbalance; fi
  if [ "$WAS_ACTIVE" = 1 ] && ! sysd is-active --quiet irqbalance 2>/dev/null; then
    act sysd start irqbalance
  elif [ "$restarted" = 1 ]; then
    act sysd try-restart irqbalance
  fi
}
`;

export function rolloutScript(target: RolloutTarget, options: RolloutScriptOptions): string {
  const words = (xs: readonly (string | number)[]): string => quoted(xs.join(" "));
  const values = [
    `DEV=${quoted(target.nic)}`,
    `IRQ_NAME=${quoted(options.irqName)}`,
    `IRQBALANCE=${options.irqbalance}`,
    `WANT_CPUS=${target.cpus}`,
    `WANT_QUEUES=${target.queues}`,
    `WANT_FORM=${quoted(target.indirForm ?? "-")}`,
    `WANT_TABLE=${words(target.indirTable)}`,
    `WANT_AFFINITY=${target.affinity === null ? "''" : words(target.affinity)}`,
    `WANT_RPS=${words(target.rpsCpus)}`,
    `WANT_FLOW_CNT=${words(target.rpsCpus.map(() => target.rpsFlowCnt))}`,
    `WANT_SOCK_FLOW=${target.sockFlowEntries === null ? "-" : target.sockFlowEntries}`,
    `WANT_COALESCE=${target.coalesce === null ? "-" : words([target.coalesce.adaptive, target.coalesce.rxUsecs, target.coalesce.rxFrames])}`,
    `WANT_DEFER=${target.defer === null ? "-" : words([target.defer.polls, target.defer.timeoutNs])}`,
  ];
  return [
    "#!/bin/sh",
    ...options.about.map((line) => `# ${line}`),
    "#",
    "# Usage: sh apply.sh [--dry-run]",
    "#   NICSIM_ROOT  prefix of /sys, /proc and /etc (default /); ETHTOOL, SYSTEMCTL: the commands",
    "#   REVERT       where the values found are saved before any change (default ./revert.sh)",
    "# Order: ethtool -X before -L when shrinking, -L before -X when growing; then -C (coalescing) and",
    "# napi_defer_hard_irqs; IRQs looked up again after -L; then irqbalance, IRQ affinity, RPS/RFS,",
    "# sysctls. Each step writes only what differs.",
    PREAMBLE("apply"),
    ...values,
    "",
    ROLLOUT_LIB,
    APPLY_HOOKS,
    revertWriter(),
    "check_host",
    "write_revert",
    "converge",
    "",
  ].join("\n");
}
