#!/bin/sh
# Makes the shipped scenario files (*.nflab) from their command sources in
# src/, with the probes and the listening services of each:
#
#   data/scenarios/regenerate.sh NFLAB OUTDIR
#
# NFLAB is the nflab binary (e.g. _build/src/cli/nflab).  The samples, the
# logging setup and the DNAT demo build on the tutorial's topology: their
# source holds the title and description, then only their own commands,
# and the topology's commands (and for the demo, the logging's) go in
# between.  The test suite runs this into a
# scratch folder and compares the result with the files here, so the
# sources and the shipped files cannot drift apart.
set -eu

nflab=$1
out=$2
src=$(dirname "$0")/src
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the source as it is
scenario () {
  name=$1
  shift
  "$nflab" import "$src/$name.sh" -o "$out/$name.nflab" "$@"
  rm -f "$out/$name.nflab~"     # the backup a save keeps of the old file
}

# its header (up to the first empty line), the topology's commands, its commands
on_topology () {
  composed "$@"
}

# the same with the logging of tutorial-log-all.sh after the topology
on_log_all () {
  with_log=1 composed "$@"
}

composed () {
  name=$1
  shift
  {
    sed -n '1,/^$/p' "$src/$name.sh"
    sed '1,/^$/d' "$src/tutorial-topology.sh"
    if [ "${with_log:-0}" = 1 ]; then
      sed '1,/^$/d' "$src/tutorial-log-all.sh"
    fi
    sed '1,/^$/d' "$src/$name.sh"
  } > "$tmp/$name.sh"
  "$nflab" import "$tmp/$name.sh" -o "$out/$name.nflab" "$@"
  rm -f "$out/$name.nflab~"
}

scenario    tutorial-topology      --probe 'ns1 ping 10.2.0.10'
on_topology tutorial-log-all       --probe 'ns1 ping 10.2.0.10'
on_log_all  tutorial-dnat-demo     --probe 'ns3 ping 169.254.169.254'
on_topology sample-policy-drop     --probe 'ns1 ping 10.1.0.1' --probe 'ns1 ping 10.2.0.10'
on_topology sample-user-chain-dnat --probe 'ns1 ping 10.9.0.10'
on_topology sample-positions       --probe 'ns1 ping 10.1.0.1'
on_topology sample-interfaces      --probe 'ns2 ping 10.2.0.10' --probe 'ns1 ping 10.1.0.1'
on_topology sample-tcp-dport       --probe 'ns1 tcp 10.1.0.1 22' --probe 'ns3 tcp 10.2.0.1 22' \
                                   --listen 'ns2 tcp 22'
on_topology sample-multiport       --probe 'ns1 tcp 10.1.0.1 5001' --listen 'ns2 tcp 5001'
# real machines' firewalls, as ufw, Docker and kube-proxy write them
scenario    machine-ufw-laptop     --probe 'peer tcp 10.0.0.10 22' --probe 'peer tcp 10.0.0.10 23' \
                                   --probe 'peer tcp 10.0.0.10 80' --probe 'peer tcp 10.0.0.10 2222' \
                                   --probe 'host tcp 10.0.0.20 25' \
                                   --listen 'host tcp 22' --listen 'host tcp 23' --listen 'host tcp 80' \
                                   --listen 'host tcp 2222' --listen 'peer tcp 25'
scenario    machine-docker-host    --probe 'client tcp 192.168.60.2 8080' --probe 'c1 tcp 192.168.60.10 80' \
                                   --probe 'client tcp 172.17.0.2 80' --probe 'c1 tcp 172.17.0.3 80' \
                                   --listen 'web tcp 80' --listen 'c1 tcp 80' --listen 'client tcp 80'
scenario    machine-kube-proxy-node --probe 'pod2 tcp 10.96.0.10 80' --probe 'ext tcp 192.168.50.2 30080' \
                                   --probe 'ext tcp 10.96.0.10 80' --probe 'pod1 tcp 10.96.0.10 80' \
                                   --listen 'pod1 tcp 8080' --listen 'pod2 tcp 8080'
