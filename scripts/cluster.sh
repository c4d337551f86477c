#!/usr/bin/env bash
# A local cluster of silo processes on loopback: SQLite membership in $DATA/cluster.db and grain state shared in
# $DATA/agentrl.db; silo 0 has the learner role. Logs go to $DATA/silo-I.log.
#   scripts/cluster.sh start [N]     start N silos (default 3) on ports $PORT, $PORT+1, ... (default 30000)
#   scripts/cluster.sh stop          stop every silo gracefully (SIGTERM: activations hand off, silos leave)
#   scripts/cluster.sh kill I        SIGKILL silo I, as a machine dies
#   scripts/cluster.sh restart I     start silo I again (a new incarnation on its port)
#   scripts/cluster.sh status        which silos run, and their gateways
# Then: dotnet Client/Cli/bin/Release/net10.0/agentrl.dll train --cluster 127.0.0.1:30000,127.0.0.1:30001,127.0.0.1:30002
#       (and `... cluster --cluster 127.0.0.1:30000` lists the silos as the cluster sees them)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-data/cluster}
PORT=${PORT:-30000}
agentrl=Client/Cli/bin/Release/net10.0/agentrl.dll

start_silo() {
  local i=$1 port=$((PORT + $1)) roles=()
  [ "$i" -eq 0 ] && roles=(--role learner)
  nohup dotnet "$agentrl" silo --name "silo-$i" --data "$DATA" --port "$port" --cluster-db "$DATA/cluster.db" "${roles[@]}" >"$DATA/silo-$i.log" 2>&1 &
  echo $! >"$DATA/silo-$i.pid"
  for _ in $(seq 1 300); do
    grep -q "silo ready" "$DATA/silo-$i.log" 2>/dev/null && { echo "silo $i: $(grep "silo ready" "$DATA/silo-$i.log")"; return 0; }
    kill -0 "$(cat "$DATA/silo-$i.pid")" 2>/dev/null || { echo "silo $i failed to start:" >&2; cat "$DATA/silo-$i.log" >&2; return 1; }
    sleep 0.2
  done
  echo "silo $i did not become ready in 60 s" >&2
  return 1
}

running() { [ -f "$DATA/silo-$1.pid" ] && kill -0 "$(cat "$DATA/silo-$1.pid")" 2>/dev/null; }

case "${1:-status}" in
  start)
    [ -f "$agentrl" ] || ./scripts/setup.sh
    mkdir -p "$DATA"
    for i in $(seq 0 $((${2:-3} - 1))); do start_silo "$i"; done
    ;;
  stop)
    for pidfile in "$DATA"/silo-*.pid; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      kill -TERM "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
      rm -f "$pidfile"
    done
    echo "cluster stopped"
    ;;
  kill)
    running "$2" && kill -KILL "$(cat "$DATA/silo-$2.pid")" && echo "silo $2 killed"
    ;;
  restart)
    running "$2" && { echo "silo $2 is running" >&2; exit 1; }
    start_silo "$2"
    ;;
  status)
    for pidfile in "$DATA"/silo-*.pid; do
      [ -f "$pidfile" ] || continue
      i=$(basename "$pidfile" .pid); i=${i#silo-}
      if running "$i"; then echo "silo $i: running, gateway 127.0.0.1:$((PORT + i))"; else echo "silo $i: not running"; fi
    done
    ;;
  *)
    sed -n '2,10p' "$0" >&2
    exit 2
    ;;
esac
