/**
 * The shell library both generated scripts share (rollout-script.ts): converge one NIC to the
 * WANT_* values, in the order the kernel requires, writing only what differs. POSIX sh; kept in
 * a raw string with no backquote, where `@{` stands for the shell's dollar-brace.
 *
 * - ethtool -L refuses fewer channels than the indirection table uses (net/ethtool/channels.c,
 *   ethnl_set_channels / ethtool_set_channels: "requested channel counts are too low for existing
 *   indirection table settings"): when shrinking, the table moves first (ethtool -X … equal N),
 *   then -L; when growing, -L first, then -X.
 * - IRQ numbers can change with -L: they are looked up again, by name in /proc/interrupts, after it.
 * - Then interrupt coalescing (ethtool -C: the driver's settings of the channels -L left) and
 *   NAPI's deferred interrupts (napi_defer_hard_irqs, gro_flush_timeout in the device's sysfs),
 *   when the chosen settings change them.
 * - Then the IRQ affinity (smp_affinity_list), RPS/RFS per rx queue (rps_cpus compared as masks,
 *   the way the kernel prints them back; rps_flow_cnt), then the sysctl rps_sock_flow_entries.
 * `check_host` refuses, before any change, a host other than the one the values were made for.
 * WANT_FORM `-` leaves the table alone (a NIC without one); IRQs are looked up only to pin them.
 * Hooks `before_affinity` / `after_affinity` are the caller's (irqbalance handling).
 */
export const ROLLOUT_LIB = String.raw`# ---- nicsim rollout library: converge DEV to the WANT_* values (shared by apply and revert) ----
CHANGES=0
STEP=start
fail() {
  echo "$SCRIPT: step \"$STEP\" failed: $*" >&2
  exit 1
}
say() { echo "$SCRIPT: $*"; }
# NTH: the n-th word (0-based) of the remaining arguments (no subshell: scripts stay fast).
nth() {
  nth_i=$1
  shift
  shift "$nth_i"
  NTH=$1
}
# shellcheck disable=SC2086 # ETHTOOL and SYSTEMCTL may be a command with arguments
eth() { $ETHTOOL "$@"; }
# shellcheck disable=SC2086
sysd() { $SYSTEMCTL "$@"; }
# Run a changing command, or say what it would do.
act() {
  act_cmd=$1
  shift
  case $act_cmd in
    eth) act_shown="ethtool $*" ;;
    sysd) act_shown="systemctl $*" ;;
    *) act_shown="$act_cmd $*" ;;
  esac
  if [ "$DRY" = 1 ]; then
    say "would run: $act_shown"
    return 0
  fi
  act_out=$("$act_cmd" "$@" 2>&1) || fail "$act_shown — $act_out"
  say "ran: $act_shown"
  CHANGES=$((CHANGES + 1))
}
# RV: the first line of a file under ROOT.
read_value() {
  [ -r "$ROOT$1" ] || fail "cannot read $1"
  RV=
  IFS= read -r RV < "$ROOT$1"
}
# NM: a mask as the kernel compares it — commas and leading zeros dropped (sysfs prints lower case).
norm_mask() {
  nm_in=$1
  NM=
  while :; do
    case $nm_in in
      *,*) NM="$NM@{nm_in%%,*}"; nm_in=@{nm_in#*,} ;;
      *) NM="$NM$nm_in"; break ;;
    esac
  done
  while :; do
    case $NM in
      0?*) NM=@{NM#0} ;;
      *) break ;;
    esac
  done
  [ -n "$NM" ] || NM=0
}
# set_value KIND PATH WANT: write WANT only when the file holds something else (KIND mask or text).
set_value() {
  read_value "$2"
  sv_cur=$RV
  if [ "$1" = mask ]; then
    norm_mask "$sv_cur"
    sv_a=$NM
    norm_mask "$3"
    [ "$sv_a" = "$NM" ] && return 0
  else
    [ "$sv_cur" = "$3" ] && return 0
  fi
  if [ "$DRY" = 1 ]; then
    say "would write $3 to $2 (now $sv_cur)"
    return 0
  fi
  printf '%s\n' "$3" > "$ROOT$2" 2>/dev/null || fail "cannot write $3 to $2"
  say "wrote $3 to $2 (was $sv_cur)"
  CHANGES=$((CHANGES + 1))
}
# CH_KIND, CH_MAX, CH_CUR: the channels that carry the rx queues (combined, or rx for a NIC with
# rx-only channels, as veth), their maximum and current count, from ethtool -l.
read_channels() {
  rc_out=$(eth -l "$DEV" 2>&1) || fail "ethtool -l $DEV — $rc_out"
  rc_vals=$(printf '%s\n' "$rc_out" | awk '
    /^Pre-set maximums/ { s = "max" }
    /^Current hardware settings/ { s = "cur" }
    /^Combined:/ { v[s "c"] = $2 }
    /^RX:/ { v[s "r"] = $2 }
    END {
      if (v["maxc"] ~ /^[0-9]+$/ && v["maxc"] > 0) print "combined", v["maxc"], v["curc"]
      else if (v["maxr"] ~ /^[0-9]+$/ && v["maxr"] > 0) print "rx", v["maxr"], v["curr"]
    }')
  # shellcheck disable=SC2086
  set -- $rc_vals
  [ $# = 3 ] || fail "ethtool -l $DEV shows neither combined nor rx channels"
  CH_KIND=$1
  CH_MAX=$2
  CH_CUR=$3
  case $CH_CUR in
    '' | *[!0-9]*) fail "ethtool -l $DEV shows no current count of its $CH_KIND channels" ;;
  esac
}
# The indirection table's entries, space-separated (empty when the NIC has none).
current_table() {
  ct_out=$(eth -x "$DEV" 2>&1) || fail "$ETHTOOL -x $DEV — $ct_out"
  printf '%s\n' "$ct_out" | awk '
    /^RX flow hash indirection table/ { t = 1; next }
    t && /^ *[0-9]+:/ { for (i = 2; i <= NF; i++) printf "%s%s", (n++ ? " " : ""), $i; next }
    t { t = 0 }'
}
# Whether every entry of table $1 names a queue below $2.
table_fits() {
  printf '%s\n' "$1" | awk -v n="$2" '{ for (i = 1; i <= NF; i++) if ($i + 0 >= n + 0) exit 1 }'
}
# The ethtool -X arguments that write table $1 (queue count $2): default, equal M, weight …; empty if none does.
table_form() {
  printf '%s\n' "$1" | awk -v n="$2" '
    { for (i = 1; i <= NF; i++) e[i - 1] = $i; size = NF }
    END {
      if (size == 0) { print "default"; exit }
      for (m = n; m >= 1; m--) {
        ok = 1
        for (i = 0; i < size; i++) if (e[i] != i % m) { ok = 0; break }
        if (ok) { print (m == n ? "default" : "equal " m); exit }
      }
      for (i = 1; i < size; i++) if (e[i] < e[i - 1]) exit
      out = "weight"
      for (q = 0; q <= e[size - 1]; q++) { c = 0; for (i = 0; i < size; i++) if (e[i] == q) c++; out = out " " c }
      print out
    }'
}
# The IRQ of queues 0 … $1 − 1, found by name in /proc/interrupts ("-" for a queue without one).
queue_irqs() {
  awk -v fmt="$IRQ_NAME" -v count="$1" '
    BEGIN { for (q = 0; q < count; q++) { name[q] = sprintf(fmt, q); irq[q] = "-" } }
    { for (q = 0; q < count; q++) if ($NF == name[q] || index($NF, name[q] "@") == 1) { v = $1; sub(":", "", v); irq[q] = v } }
    END { for (q = 0; q < count; q++) printf "%s%s", (q ? " " : ""), irq[q]; print "" }' "$ROOT/proc/interrupts"
}
# The number of online CPUs (the kernel's cpulist in /sys/devices/system/cpu/online).
online_cpus() {
  read_value /sys/devices/system/cpu/online
  printf '%s\n' "$RV" | awk -F, '{ for (i = 1; i <= NF; i++) if (split($i, r, "-") == 2) n += r[2] - r[1] + 1; else if ($i != "") n++ } END { print n + 0 }'
}
word_count() { printf '%s\n' "$1" | awk '{ print NF }'; }
# CO_ADAPTIVE, CO_USECS, CO_FRAMES: the rx coalescing ethtool -c shows ("n/a" where the driver has none).
read_coalesce() {
  rco_out=$(eth -c "$DEV" 2>&1) || fail "ethtool -c $DEV — $rco_out"
  rco_vals=$(printf '%s\n' "$rco_out" | awk '
    /^Adaptive RX:/ { a = $3 }
    /^rx-usecs:/ { u = $2 }
    /^rx-frames:/ { f = $2 }
    END { print (a == "" ? "n/a" : a), (u == "" ? "n/a" : u), (f == "" ? "n/a" : f) }')
  # shellcheck disable=SC2086
  set -- $rco_vals
  CO_ADAPTIVE=$1
  CO_USECS=$2
  CO_FRAMES=$3
}
# coalesce_arg NAME CURRENT WANT OFF: the "NAME WANT" words ethtool -C needs, or nothing when the NIC
# has it already, WANT is "-" (leave it), or the NIC lacks the setting (n/a) and WANT is its OFF value.
coalesce_arg() {
  [ "$3" != - ] && [ "$2" != "$3" ] || return 0
  if [ "$2" = n/a ]; then
    [ "$3" = "$4" ] && return 0
    fail "$DEV has no $1 (ethtool -c shows n/a), $3 asked for"
  fi
  printf ' %s %s' "$1" "$3"
}
# ethtool -C for the rx coalescing WANT_COALESCE ("ADAPTIVE USECS FRAMES"; "-" leaves it), after -L.
set_coalesce() {
  [ "$WANT_COALESCE" != - ] || return 0
  STEP="rx interrupt coalescing (ethtool -C, after -L)"
  read_coalesce
  # shellcheck disable=SC2086
  set -- $WANT_COALESCE
  sc_args=$(coalesce_arg adaptive-rx "$CO_ADAPTIVE" "$1" off)$(coalesce_arg rx-usecs "$CO_USECS" "$2" 0)$(coalesce_arg rx-frames "$CO_FRAMES" "$3" 0) || exit 1
  [ -n "$sc_args" ] || return 0
  # shellcheck disable=SC2086 # several words
  act eth -C "$DEV" $sc_args
}
# NAPI's deferred interrupts WANT_DEFER ("POLLS TIMEOUT_NS"; "-" leaves them), in the device's sysfs.
set_defer() {
  [ "$WANT_DEFER" != - ] || return 0
  STEP="NAPI deferred interrupts (napi_defer_hard_irqs, gro_flush_timeout)"
  # shellcheck disable=SC2086
  set -- $WANT_DEFER
  set_value text "/sys/class/net/$DEV/napi_defer_hard_irqs" "$1"
  set_value text "/sys/class/net/$DEV/gro_flush_timeout" "$2"
}
# Refuse a host other than the one the values were made for, before anything changes.
check_host() {
  STEP="check that $DEV is the NIC the script was made for"
  [ -d "$ROOT/sys/class/net/$DEV" ] || fail "no network device $DEV under $ROOT/sys/class/net"
  ch_cpus=$(online_cpus) || exit 1
  [ "$ch_cpus" = "$WANT_CPUS" ] || fail "the host has $ch_cpus CPUs online (/sys/devices/system/cpu/online) but the masks are for $WANT_CPUS; generate the script again from a snapshot of this host"
  read_channels
  [ "$WANT_QUEUES" -le "$CH_MAX" ] || fail "$DEV has at most $CH_MAX $CH_KIND channels (ethtool -l), $WANT_QUEUES asked for"
  [ "$WANT_FORM" != - ] || return 0
  ch_tbl=$(current_table) || exit 1
  if [ -z "$ch_tbl" ]; then
    [ "$WANT_FORM" = default ] || fail "$DEV shows no indirection table (ethtool -x) to set to $WANT_FORM"
  elif [ "$(word_count "$ch_tbl")" != "$(word_count "$WANT_TABLE")" ]; then
    fail "$DEV's indirection table has $(word_count "$ch_tbl") entries (ethtool -x) but the script was made for $(word_count "$WANT_TABLE"); generate it again from a snapshot of this host"
  fi
}
converge() {
  STEP="read the channels of $DEV (ethtool -l)"
  read_channels
  cur=$CH_CUR
  touched=0
  relisted=0
  [ "$WANT_QUEUES" = "$cur" ] || relisted=$DRY
  if [ "$WANT_QUEUES" -lt "$cur" ]; then
    STEP="move the indirection table onto the $WANT_QUEUES queues that stay (ethtool -X before -L)"
    tbl=""
    [ "$WANT_FORM" = - ] || tbl=$(current_table) || exit 1
    if [ -n "$tbl" ] && ! table_fits "$tbl" "$WANT_QUEUES"; then
      act eth -X "$DEV" equal "$WANT_QUEUES"
      touched=1
    fi
    STEP="shrink to $WANT_QUEUES $CH_KIND channels (ethtool -L)"
    act eth -L "$DEV" "$CH_KIND" "$WANT_QUEUES"
  elif [ "$WANT_QUEUES" -gt "$cur" ]; then
    STEP="grow to $WANT_QUEUES $CH_KIND channels (ethtool -L before -X)"
    act eth -L "$DEV" "$CH_KIND" "$WANT_QUEUES"
  fi
  STEP="set the indirection table (ethtool -X $WANT_FORM)"
  tbl=""
  [ "$WANT_FORM" = - ] || tbl=$(current_table) || exit 1
  if [ "$WANT_FORM" = - ]; then
    :
  elif [ "$relisted" = 1 ]; then
    say "would compare the indirection table after ethtool -L, and run ethtool -X $DEV $WANT_FORM if it differs"
  elif [ -z "$WANT_FORM" ]; then
    [ "$tbl" = "$WANT_TABLE" ] || say "cannot restore the indirection table: ethtool -X writes no table like it (left as it is)"
  elif [ -n "$tbl" ] && { [ "$tbl" != "$WANT_TABLE" ] || { [ "$touched" = 1 ] && [ "$WANT_FORM" = default ]; }; }; then
    # shellcheck disable=SC2086 # WANT_FORM is several words
    act eth -X "$DEV" $WANT_FORM
  fi
  set_coalesce
  set_defer
  IRQS=
  if [ -n "$WANT_AFFINITY" ]; then
    STEP="find the IRQ of each queue (read again after ethtool -L)"
    IRQS=$(queue_irqs "$WANT_QUEUES") || fail "cannot read /proc/interrupts"
    if [ "$relisted" = 1 ]; then
      IRQS=
      q=0
      while [ "$q" -lt "$WANT_QUEUES" ]; do IRQS="$IRQS -"; q=$((q + 1)); done
    fi
    case " $IRQS " in
      *" - "*) [ "$DRY" = 1 ] || fail "a queue of $DEV has no IRQ named like $IRQ_NAME in /proc/interrupts (IRQs: $IRQS)" ;;
    esac
  fi
  before_affinity
  if [ -n "$WANT_AFFINITY" ]; then
    STEP="IRQ affinity"
    q=0
    while [ "$q" -lt "$WANT_QUEUES" ]; do
      # shellcheck disable=SC2086
      nth "$q" $IRQS
      irq=$NTH
      # shellcheck disable=SC2086
      nth "$q" $WANT_AFFINITY
      want=$NTH
      if [ "$irq" = - ]; then
        say "would pin the IRQ of queue $q (looked up after ethtool -L) to CPUs $want"
      else
        set_value text "/proc/irq/$irq/smp_affinity_list" "$want"
      fi
      q=$((q + 1))
    done
  fi
  STEP="RPS and RFS of each rx queue"
  q=0
  while [ "$q" -lt "$WANT_QUEUES" ]; do
    dir="/sys/class/net/$DEV/queues/rx-$q"
    if [ "$DRY" = 1 ] && [ ! -d "$ROOT$dir" ]; then
      say "would set $dir (created by ethtool -L)"
    else
      # shellcheck disable=SC2086
      nth "$q" $WANT_RPS
      set_value mask "$dir/rps_cpus" "$NTH"
      # shellcheck disable=SC2086
      nth "$q" $WANT_FLOW_CNT
      set_value text "$dir/rps_flow_cnt" "$NTH"
    fi
    q=$((q + 1))
  done
  STEP="sysctl net.core.rps_sock_flow_entries"
  [ "$WANT_SOCK_FLOW" = - ] || set_value text /proc/sys/net/core/rps_sock_flow_entries "$WANT_SOCK_FLOW"
  after_affinity
  if [ "$DRY" = 1 ]; then say "dry run: nothing written"; else say "$CHANGES change(s)"; fi
}
`.replace(/@\{/g, "$" + "{");
