# F11, F16, F17: router sets MARK 0x7 in mangle PREROUTING, TTL --ttl-set 42 and TOS --set-tos 0x10 in mangle FORWARD;
# filter FORWARD policy DROP accepts -m mark --mark 0x7. The mark is lost across the veth; the echo-reply copies TOS 0x10.
# Topology: ns1 (10.1.0.10) -- ns2 router (10.1.0.1 | 10.2.0.1) -- ns3 (10.2.0.10)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2
ip link add veth2_ns2 netns ns2 type veth peer name veth2_ns3 netns ns3
ip netns exec ns1 ip link set lo up
ip netns exec ns2 ip link set lo up
ip netns exec ns3 ip link set lo up
ip netns exec ns1 ip link set veth1_ns1 up
ip netns exec ns2 ip link set veth1_ns2 up
ip netns exec ns2 ip link set veth2_ns2 up
ip netns exec ns3 ip link set veth2_ns3 up
ip netns exec ns1 ip addr add 10.1.0.10/32 dev veth1_ns1
ip netns exec ns2 ip addr add 10.1.0.1/32 dev veth1_ns2
ip netns exec ns2 ip addr add 10.2.0.1/32 dev veth2_ns2
ip netns exec ns3 ip addr add 10.2.0.10/32 dev veth2_ns3
ip netns exec ns1 ip route add 10.1.0.1 dev veth1_ns1
ip netns exec ns1 ip route add default via 10.1.0.1 dev veth1_ns1
ip netns exec ns2 ip route add 10.1.0.0/24 dev veth1_ns2
ip netns exec ns2 ip route add 10.2.0.0/24 dev veth2_ns2
ip netns exec ns3 ip route add 10.2.0.1 dev veth2_ns3
ip netns exec ns3 ip route add default via 10.2.0.1
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns2 iptables -t mangle -A PREROUTING -p icmp -j MARK --set-mark 0x7
ip netns exec ns2 iptables -t mangle -A FORWARD -p icmp --icmp-type echo-request -j TTL --ttl-set 42
ip netns exec ns2 iptables -t mangle -A FORWARD -p icmp --icmp-type echo-request -j TOS --set-tos 0x10
ip netns exec ns2 iptables -P FORWARD DROP
ip netns exec ns2 iptables -A FORWARD -m mark --mark 0x7 -j ACCEPT
