#!/bin/sh
# Records what Docker 20.10 (Debian 12's docker.io) writes into a host's netfilter with two
# containers on the default bridge docker0, one publishing -p 8080:80.  dockerd runs inside a
# network namespace of its own (dockerhost) and a private mount namespace with its own /run and
# tmpfs over /etc/docker, /var/lib/docker, /var/lib/containerd where they exist, and a fresh sysfs, so nothing of the
# machine's root namespace changes; the image is made from busybox-static without a network.
# Run as root: sh make-ruleset.sh OUTDIR
set -eu
OUT=$(readlink -f "$1")
NS=dockerhost
WORK=$(mktemp -d /tmp/docker-host.XXXXXX)
mkdir -p "$OUT"
cleanup () {
  [ -f "$WORK/dockerd.pid" ] && kill "$(cat "$WORK/dockerd.pid")" 2>/dev/null && sleep 3 || true
  ip netns del "$NS" 2>/dev/null || true
  for c in /sys/fs/cgroup/*/docker; do [ -d "$c" ] && rmdir "$c" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
# a root file system of busybox alone
mkdir -p "$WORK/rootfs/bin" "$WORK/rootfs/www"
cp /bin/busybox "$WORK/rootfs/bin/busybox"
for a in sh sleep httpd nc ip cat; do ln -s busybox "$WORK/rootfs/bin/$a"; done
echo hello > "$WORK/rootfs/www/index.html"
tar -C "$WORK/rootfs" -cf "$WORK/rootfs.tar" .
ip netns add "$NS"
ip -n "$NS" link set lo up
ip netns exec "$NS" unshare -m sh -eu -c '
  W=$1; OUT=$2
  mount --make-rprivate /
  mount -t tmpfs tmpfs /run
  # over the default places where they exist (nothing is made on the machine for this)
  for d in /etc/docker /var/lib/docker /var/lib/containerd; do
    if [ -d $d ]; then mount -t tmpfs tmpfs $d; fi
  done
  mount -t tmpfs tmpfs /sys/fs/cgroup
  for c in cpu cpuacct cpuset memory devices freezer blkio pids; do
    mkdir /sys/fs/cgroup/$c; mount -t cgroup -o $c cgroup /sys/fs/cgroup/$c
  done
  mkdir /sys/fs/cgroup/systemd; mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd
  sysctl -w net.ipv4.igmp_link_local_mcast_reports=0 >/dev/null
  dockerd --data-root "$W/data" --exec-root "$W/exec" --pidfile "$W/dockerd.pid" \
      -H "unix://$W/docker.sock" >"$W/dockerd.log" 2>&1 &
  D="docker -H unix://$W/docker.sock"
  i=0; until $D version >/dev/null 2>&1; do i=$((i+1)); [ $i -lt 60 ] || { cat "$W/dockerd.log" >&2; exit 1; }; sleep 1; done
  $D version --format "{{.Server.Version}}" > "$OUT/docker-version"
  $D import "$W/rootfs.tar" busybox-local:1 >/dev/null
  $D run -d --name c1 busybox-local:1 /bin/sleep 3600 >/dev/null
  $D run -d --name web -p 8080:80 busybox-local:1 /bin/httpd -f -p 80 -h /www >/dev/null
  sleep 1
  iptables-save > "$OUT/iptables-save.raw"
  { echo "## dockerhost: ip -br addr"; ip -br addr; echo "## dockerhost: ip route"; ip route
    for c in c1 web; do
      pid=$($D inspect -f "{{.State.Pid}}" $c)
      echo "## $c: ip -br addr"; nsenter -t "$pid" -n ip -br addr
      echo "## $c: ip route"; nsenter -t "$pid" -n ip route
    done
    echo "## docker ps"; $D ps --format "{{.Names}} {{.Ports}}"; } > "$OUT/addresses.txt"
  $D rm -f c1 web >/dev/null
  kill "$(cat "$W/dockerd.pid")"
  i=0; while [ -e "$W/dockerd.pid" ] && [ $i -lt 30 ]; do i=$((i+1)); sleep 1; done
' sh "$WORK" "$OUT"
