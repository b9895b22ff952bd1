# addrtype on lo: 127.0.0.1 is LOCAL, also limited to lo (the local route of 127.0.0.0/8 is on lo).
# Topology: ns1 (10.1.0.10/24) -- ns2 router -- ns3; the probe stays in ns1
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
ip netns exec ns1 iptables -A OUTPUT -m addrtype --dst-type LOCAL -j LOG --log-prefix "o-dst-local "
ip netns exec ns1 iptables -A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-out -j LOG --log-prefix "o-dst-local-out "
ip netns exec ns1 iptables -A OUTPUT -m addrtype --src-type LOCAL --limit-iface-out -j LOG --log-prefix "o-src-local-out "
ip netns exec ns1 iptables -A INPUT -m addrtype --src-type LOCAL --dst-type LOCAL --limit-iface-in -j LOG --log-prefix "i-local-in "
ip netns exec ns1 iptables -t nat -A OUTPUT -m addrtype --dst-type UNICAST -j LOG --log-prefix "n-unicast "
