# addrtype --limit-iface-in/--limit-iface-out in user chains, which iptables accepts whatever chain jumps to them: where the hook has no such interface (--limit-iface-in from OUTPUT, --limit-iface-out from INPUT) the types are those of the whole namespace, as with no limit.
# Topology: ns1 (10.1.0.10/24) -- ns2 router -- ns3 (10.2.0.10/24); ns1 pings ns3; user chains AT_IN and AT_OUT are jumped to from OUTPUT and INPUT of ns1 and from FORWARD of ns2
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2
ip link add veth2_ns2 netns ns2 type veth peer name veth2_ns3 netns ns3
ip -n ns1 link set lo up
ip -n ns2 link set lo up
ip -n ns3 link set lo up
ip -n ns1 link set veth1_ns1 up
ip -n ns2 link set veth1_ns2 up
ip -n ns2 link set veth2_ns2 up
ip -n ns3 link set veth2_ns3 up
ip -n ns1 addr add 10.1.0.10/24 dev veth1_ns1
ip -n ns2 addr add 10.1.0.1/24 dev veth1_ns2
ip -n ns2 addr add 10.2.0.1/24 dev veth2_ns2
ip -n ns3 addr add 10.2.0.10/24 dev veth2_ns3
ip -n ns1 route add default via 10.1.0.1
ip -n ns3 route add default via 10.2.0.1
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns1 iptables -N AT_IN
ip netns exec ns1 iptables -N AT_OUT
ip netns exec ns1 iptables -A AT_IN -m addrtype --dst-type UNICAST --limit-iface-in -j LOG --log-prefix "in-dst-uni "
ip netns exec ns1 iptables -A AT_IN -m addrtype --dst-type LOCAL --limit-iface-in -j LOG --log-prefix "in-dst-local "
ip netns exec ns1 iptables -A AT_IN -m addrtype --src-type LOCAL --limit-iface-in -j LOG --log-prefix "in-src-local "
ip netns exec ns1 iptables -A AT_OUT -m addrtype --dst-type UNICAST --limit-iface-out -j LOG --log-prefix "out-dst-uni "
ip netns exec ns1 iptables -A AT_OUT -m addrtype --dst-type LOCAL --limit-iface-out -j LOG --log-prefix "out-dst-local "
ip netns exec ns1 iptables -A AT_OUT -m addrtype --src-type LOCAL --limit-iface-out -j LOG --log-prefix "out-src-local "
ip netns exec ns1 iptables -A OUTPUT -j AT_IN
ip netns exec ns1 iptables -A OUTPUT -j AT_OUT
ip netns exec ns1 iptables -A INPUT -j AT_IN
ip netns exec ns1 iptables -A INPUT -j AT_OUT
ip netns exec ns2 iptables -N FW_AT
ip netns exec ns2 iptables -A FW_AT -m addrtype --dst-type UNICAST --limit-iface-in -j LOG --log-prefix "fw-dst-uni-in "
ip netns exec ns2 iptables -A FW_AT -m addrtype --src-type LOCAL --limit-iface-out -j LOG --log-prefix "fw-src-local-out "
ip netns exec ns2 iptables -A FW_AT -m addrtype ! --src-type UNICAST --limit-iface-out -j LOG --log-prefix "fw-src-notuni-out "
ip netns exec ns2 iptables -A FORWARD -j FW_AT
