#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for trying and testing `paperlab sweep --on slurm`:
# munged, slurmctld and slurmd on 127.0.0.1 with their own ports, and every file they write (conf,
# munge key and socket, state, spool, logs, pid files, the job-completion record) in one folder.
# It installs nothing (src/cli/setup/system.sh installs slurm-wlm and munge) and touches no system
# daemon: it reads neither /etc/slurm nor /etc/munge, and stops only what its pid files name.
#
#   slurm-cluster.sh start    start (idempotent: a running cluster is left as it is) and wait until the node is idle
#   slurm-cluster.sh stop     cancel its jobs, stop its daemons by their pid files, wait until they are gone
#   slurm-cluster.sh status   say whether it runs (exit 0) or not (exit 1)
#   slurm-cluster.sh env      print `export SLURM_CONF=…`: the line that points Slurm's commands at it
#
# PAPERLAB_SLURM_DIR (default /tmp/paperlab-slurm) is the folder; PAPERLAB_SLURM_PORT (default
# 16817) the controller's port, the node's is the next one. Needs root (slurmd starts jobs as
# their users). Exit codes: 0 ok, 1 not running (status), 2 Slurm or munge not installed, 3 not root,
# 4 a port is taken, 5 a daemon did not start (its log is named).
set -euo pipefail

dir=${PAPERLAB_SLURM_DIR:-/tmp/paperlab-slurm}
ctld_port=${PAPERLAB_SLURM_PORT:-16817}
slurmd_port=$((ctld_port + 1))
conf="$dir/slurm.conf"
node=$(hostname -s)
export SLURM_CONF="$conf"

say() { echo "paperlab cluster: $*" >&2; }

# The pid in a pid file when that process is alive and is the named program, else nothing.
live_pid() {
  local file=$1 program=$2 pid
  [[ -s "$file" ]] || return 0
  pid=$(tr -dc '0-9' <"$file")
  [[ -n "$pid" && -r "/proc/$pid/comm" ]] || return 0
  [[ "$(cat "/proc/$pid/comm")" == "$program"* ]] && echo "$pid"
  return 0
}

need_tools() {
  local t missing=()
  for t in munged mungekey slurmctld slurmd sinfo sbatch; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
  if [[ ${#missing[@]} -gt 0 ]]; then
    say "not installed: ${missing[*]}: run \`apt-get install -y slurm-wlm munge\` (or \`bash src/cli/setup/system.sh\`)"
    exit 2
  fi
  if [[ $(id -u) -ne 0 ]]; then say "needs root: slurmd runs jobs as their users"; exit 3; fi
}

port_taken() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

write_conf() {
  local cpus mem
  cpus=$(nproc)
  # Leave a tenth of the memory to the machine: a node that claims all of it gets drained.
  mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  mkdir -p "$dir"/{state,spool,log,munge}
  chmod 700 "$dir/munge"
  cat >"$conf.tmp" <<EOF
# Written by src/cli/setup/slurm-cluster.sh: a single-node cluster on 127.0.0.1; every path is under $dir.
ClusterName=paperlab
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# Without a default, a job asks for the whole node's memory and tasks run one at a time.
DefMemPerCPU=2048
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.txt
# Finished jobs stay visible to scontrol for 10 minutes (their state is also in jobcomp.txt).
MinJobAge=600
KillWait=5
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$conf.tmp" "$conf"
  [[ -s "$dir/munge/munge.key" ]] || mungekey --create --keyfile="$dir/munge/munge.key" >/dev/null
  chmod 600 "$dir/munge/munge.key"
}

node_idle() { sinfo -h -n "$node" -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)'; }

start_daemon() {
  local name=$1 pidfile=$2; shift 2
  if [[ -n "$(live_pid "$pidfile" "$name")" ]]; then return 0; fi
  "$@" || { say "$name did not start; its log: $dir/log/$name.log"; exit 5; }
  local k
  for k in $(seq 1 50); do
    [[ -n "$(live_pid "$pidfile" "$name")" ]] && return 0
    sleep 0.1
  done
  say "$name did not start (no live pid in $pidfile); its log: $dir/log/$name.log"
  exit 5
}

start() {
  need_tools
  local running=0
  [[ -n "$(live_pid "$dir/slurmctld.pid" slurmctld)" ]] && running=1
  if [[ $running -eq 1 ]] && node_idle; then say "already running ($conf)"; return 0; fi
  if [[ $running -eq 0 ]]; then
    local p
    for p in "$ctld_port" "$slurmd_port"; do
      if port_taken "$p"; then say "port $p is taken: set PAPERLAB_SLURM_PORT to a free pair (the controller's port; the node's is the next)"; exit 4; fi
    done
  fi
  write_conf
  start_daemon munged "$dir/munge/munged.pid" munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
  start_daemon slurmctld "$dir/slurmctld.pid" slurmctld -f "$conf"
  start_daemon slurmd "$dir/slurmd.pid" slurmd -f "$conf"
  local k
  for k in $(seq 1 60); do
    if node_idle; then say "running: node $node idle on 127.0.0.1:$ctld_port ($conf); \`eval \$(bash $0 env)\` points Slurm's commands at it"; return 0; fi
    sleep 0.5
  done
  say "the node $node did not become idle within 30 s ($(sinfo -h -o '%t %E' 2>&1 | head -1)); logs: $dir/log/"
  exit 5
}

stop_pid() {
  local name=$1 pidfile=$2 pid k
  pid=$(live_pid "$pidfile" "$name")
  [[ -z "$pid" ]] && { rm -f "$pidfile"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for k in $(seq 1 100); do
    [[ -d "/proc/$pid" ]] || { rm -f "$pidfile"; return 0; }
    sleep 0.1
  done
  say "$name (pid $pid) did not stop within 10 s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

stop() {
  if [[ -n "$(live_pid "$dir/slurmctld.pid" slurmctld)" ]]; then
    # Jobs first: a job's slurmstepd outlives slurmd, so cancel them and wait until they are gone.
    scancel --quiet --full --user=root 2>/dev/null || true
    local k
    for k in $(seq 1 40); do
      [[ -z "$(squeue -h -o '%i' 2>/dev/null)" ]] && break
      sleep 0.5
    done
  fi
  stop_pid slurmd "$dir/slurmd.pid"
  stop_pid slurmctld "$dir/slurmctld.pid"
  stop_pid munged "$dir/munge/munged.pid"
  say "stopped ($dir)"
}

status() {
  local d pid out=() down=0
  for d in "munged:$dir/munge/munged.pid" "slurmctld:$dir/slurmctld.pid" "slurmd:$dir/slurmd.pid"; do
    pid=$(live_pid "${d#*:}" "${d%%:*}")
    if [[ -n "$pid" ]]; then out+=("${d%%:*} $pid"); else out+=("${d%%:*} down"); down=1; fi
  done
  echo "paperlab cluster: ${out[*]}; node: $(sinfo -h -n "$node" -o '%t' 2>/dev/null || echo unreachable) ($conf)"
  return $down
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) echo "export SLURM_CONF=$conf" ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 64 ;;
esac
