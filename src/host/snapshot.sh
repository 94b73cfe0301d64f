#!/bin/sh
# nicsim snapshot — record a Linux host's NIC, IRQ, steering and CPU state for `nicsim import`
# and `nicsim calibrate`. It only reads: it changes no setting and sends no traffic.
#
# Usage: sh nicsim-snapshot.sh [-o DIR] [--dev NAME]... [--measure SECONDS [--samples N]] [--tar]
#   -o DIR             where to write (default ./nicsim-snapshot-HOSTNAME-UTCTIME); must not exist
#   --dev NAME         record this interface (repeatable; default every interface but lo)
#   --measure SECONDS  also take the counters N+1 times, SECONDS apart (rates, per-CPU softirq time)
#   --samples N        intervals to measure (default 1)
#   --tar              also write DIR.tar.gz
# Runs as root or not: whatever it cannot read is listed, with the reason, in DIR/errors.
# Layout (read by nicsim's src/host/read-snapshot.ts):
#   manifest                       key=value lines: format, script version, times, devices, measure
#   errors                         one line per file or command that could not be read, and why
#   cmd/NAME.txt|.json             outputs of uname -r, nproc, lscpu -p, ip -j …, irqbalance probes
#   ethtool/DEV/OPT.txt|.json      ethtool -OPT DEV (and --json where this ethtool has it)
#   fs/PATH                        a copy of /PATH (procfs, sysfs, /etc), bytes untouched
#   fs/sys/class/net/DEV/device.readlink   where the device link points (PCI address, virtioN)
#   samples/K/…                    --measure: uptime, the counters under fs/ and ethtool/DEV/S.txt
set -u
SCRIPT_VERSION=1
OUT=""
DEVS=""
MEASURE=""
SAMPLES=1
TAR=no

usage() {
  echo "nicsim-snapshot: $1" >&2
  echo "usage: sh nicsim-snapshot.sh [-o DIR] [--dev NAME]... [--measure SECONDS [--samples N]] [--tar]" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    -o) [ $# -ge 2 ] || usage "-o needs a directory"; OUT=$2; shift 2 ;;
    --dev) [ $# -ge 2 ] || usage "--dev needs an interface name"; DEVS="$DEVS $2"; shift 2 ;;
    --measure) [ $# -ge 2 ] || usage "--measure needs SECONDS"; MEASURE=$2; shift 2 ;;
    --samples) [ $# -ge 2 ] || usage "--samples needs N"; SAMPLES=$2; shift 2 ;;
    --tar) TAR=yes; shift ;;
    -h|--help) sed -n '2,11p' "$0" 2>/dev/null | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage "unknown argument \"$1\"" ;;
  esac
done
case "$MEASURE" in
  ''|*[!0-9]*) [ -z "$MEASURE" ] || usage "--measure: \"$MEASURE\" is not a whole number of seconds" ;;
  0) usage "--measure: SECONDS must be at least 1" ;;
esac
case "$SAMPLES" in
  ''|*[!0-9]*|0) usage "--samples: \"$SAMPLES\" is not a positive whole number" ;;
esac

HOST=$(uname -n 2>/dev/null || echo host)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
[ -n "$OUT" ] || OUT="nicsim-snapshot-$HOST-$(date -u +%Y%m%dT%H%M%SZ)"
[ ! -e "$OUT" ] || usage "$OUT already exists; give another -o DIR"
mkdir -p "$OUT" || usage "cannot create $OUT"
ERRORS="$OUT/errors"
: > "$ERRORS"

note() { echo "$1" >> "$ERRORS"; }

# copy PATH [DEST_ROOT]: /PATH → DEST_ROOT/fs/PATH, or a line in errors saying why not.
# (One fork per file: this runs for every IRQ and CPU, on hosts with thousands of them.)
copy() {
  dest="${2:-$OUT}/fs$1"
  [ -d "${dest%/*}" ] || mkdir -p "${dest%/*}"
  if [ ! -e "$1" ]; then
    note "$1: absent"
  elif ! cat "$1" > "$dest" 2> "$OUT/.err"; then
    note "$1: $(cat "$OUT/.err")"
    rm -f "$dest"
  fi
}

# run FILE COMMAND...: stdout to FILE; a failure (or a missing tool) goes to errors with its message.
run() {
  file=$1; shift
  [ -d "${file%/*}" ] || mkdir -p "${file%/*}"
  if ! command -v "$1" > /dev/null 2>&1; then
    note "$*: $1 not installed"
    return 1
  fi
  "$@" > "$file" 2> "$OUT/.err"
  status=$?
  if [ $status -ne 0 ]; then
    note "$*: exit $status: $(tr '\n' ' ' < "$OUT/.err")"
    rm -f "$file"
  fi
  return $status
}

if [ -z "$DEVS" ]; then
  for d in /sys/class/net/*; do
    n=${d##*/}
    [ "$n" = lo ] || [ ! -e "$d" ] || DEVS="$DEVS $n"
  done
fi

# --- the host ---
run "$OUT/cmd/uname-r.txt" uname -r
run "$OUT/cmd/nproc.txt" nproc
run "$OUT/cmd/lscpu-p.txt" lscpu -p=CPU,CORE,SOCKET,NODE
for f in /proc/cpuinfo /proc/cmdline /sys/devices/system/cpu/online /sys/devices/system/cpu/isolated \
         /sys/devices/system/cpu/nohz_full; do
  copy "$f"
done
for c in /sys/devices/system/cpu/cpu[0-9]*; do
  [ -d "$c" ] || continue
  for f in topology/core_id topology/physical_package_id topology/thread_siblings_list \
           cache/index2/shared_cpu_list cache/index3/shared_cpu_list cpufreq/base_frequency cpufreq/cpuinfo_max_freq; do
    [ -e "$c/$f" ] && copy "$c/$f"
  done
done
for n in /sys/devices/system/node/node[0-9]*; do
  [ -e "$n/cpulist" ] && copy "$n/cpulist"
done

# --- kernel knobs of the receive path ---
for k in rps_sock_flow_entries netdev_budget netdev_budget_usecs netdev_max_backlog dev_weight \
         dev_weight_rx_bias rmem_default rmem_max flow_limit_cpu_bitmap rps_default_mask; do
  copy "/proc/sys/net/core/$k"
done

# --- interrupts and softirqs ---
copy /proc/uptime
copy /proc/interrupts
copy /proc/softirqs
copy /proc/stat
copy /proc/net/softnet_stat
copy /proc/net/snmp
copy /proc/net/dev
copy /proc/irq/default_smp_affinity
for i in /proc/irq/[0-9]*; do
  [ -d "$i" ] || continue
  copy "$i/smp_affinity_list"
  [ -e "$i/effective_affinity_list" ] && copy "$i/effective_affinity_list"
done

# --- irqbalance ---
if command -v pgrep > /dev/null 2>&1; then
  pgrep -a irqbalance > "$OUT/cmd/irqbalance-pgrep.txt" 2>/dev/null || echo "not running" > "$OUT/cmd/irqbalance-pgrep.txt"
else
  # shellcheck disable=SC2009 # the fallback for hosts without pgrep
  ps -e -o pid= -o args= 2>/dev/null | grep '[i]rqbalance' > "$OUT/cmd/irqbalance-pgrep.txt" || echo "not running" > "$OUT/cmd/irqbalance-pgrep.txt"
fi
if command -v systemctl > /dev/null 2>&1; then
  systemctl is-active irqbalance > "$OUT/cmd/irqbalance-systemctl.txt" 2>&1
fi
for f in /etc/default/irqbalance /etc/sysconfig/irqbalance; do
  [ -e "$f" ] && copy "$f"
done

# --- routing ---
run "$OUT/cmd/ip-j-link.json" ip -j link show
run "$OUT/cmd/ip-j-addr.json" ip -j addr show
run "$OUT/cmd/ip-j-4-rule.json" ip -j -4 rule show
run "$OUT/cmd/ip-j-6-rule.json" ip -j -6 rule show
run "$OUT/cmd/ip-j-4-route.json" ip -j -4 route show table all
run "$OUT/cmd/ip-j-6-route.json" ip -j -6 route show table all

# --- each NIC ---
for dev in $DEVS; do
  s=/sys/class/net/$dev
  if [ ! -e "$s" ]; then note "$s: absent (no interface $dev)"; continue; fi
  for f in operstate mtu address device/numa_node napi_defer_hard_irqs gro_flush_timeout; do
    [ -e "$s/$f" ] && copy "$s/$f"
  done
  if [ -e "$s/device" ]; then
    mkdir -p "$OUT/fs$s"
    readlink -f "$s/device" > "$OUT/fs$s/device.readlink" 2>/dev/null || note "$s/device: readlink failed"
  fi
  for q in "$s"/queues/rx-*; do
    [ -d "$q" ] || continue
    copy "$q/rps_cpus"
    copy "$q/rps_flow_cnt"
  done
  for q in "$s"/queues/tx-*; do
    [ -d "$q" ] || continue
    [ -e "$q/xps_cpus" ] && copy "$q/xps_cpus"
  done
  e="$OUT/ethtool/$dev"
  for opt in i l g c k x S; do
    run "$e/$opt.txt" ethtool "-$opt" "$dev"
  done
  # JSON forms: only netlink ethtool has them, each option from its own version on.
  for opt in l g c k x; do
    run "$e/$opt.json" ethtool --json "-$opt" "$dev"
  done
  for t in tcp4 udp4 tcp6 udp6; do
    run "$e/n-rx-flow-hash-$t.txt" ethtool -n "$dev" rx-flow-hash "$t"
  done
  run "$e/version.txt" ethtool --version
done

# --- counters, twice or more, for rates ---
sample() {
  k=$1
  d="$OUT/samples/$k"
  mkdir -p "$d"
  cat /proc/uptime > "$d/uptime"
  for f in /proc/stat /proc/interrupts /proc/softirqs /proc/net/softnet_stat /proc/net/snmp /proc/net/dev; do
    copy "$f" "$d"
  done
  for dev in $DEVS; do
    [ -e "/sys/class/net/$dev" ] || continue
    command -v ethtool > /dev/null 2>&1 && run "$d/ethtool/$dev/S.txt" ethtool -S "$dev"
  done
  cat /proc/uptime > "$d/uptime.end"
}
if [ -n "$MEASURE" ]; then
  k=0
  sample 0
  while [ "$k" -lt "$SAMPLES" ]; do
    sleep "$MEASURE"
    k=$((k + 1))
    sample $k
  done
fi

{
  echo "format=nicsim-snapshot 1"
  echo "script_version=$SCRIPT_VERSION"
  echo "hostname=$HOST"
  echo "uid=$(id -u 2>/dev/null || echo unknown)"
  echo "started=$STARTED"
  echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "devices=${DEVS# }"
  echo "measure_seconds=$MEASURE"
  [ -z "$MEASURE" ] || echo "samples=$((SAMPLES + 1))"
} > "$OUT/manifest"

rm -f "$OUT/.err"
if [ "$TAR" = yes ]; then
  tar -czf "$OUT.tar.gz" -C "$(dirname "$OUT")" "$(basename "$OUT")" || note "tar: could not write $OUT.tar.gz"
fi
echo "nicsim-snapshot: wrote $OUT ($(wc -l < "$ERRORS" | tr -d ' ') things not read: see $OUT/errors)" >&2
