# conntrack state of the router's ICMP net-unreachable about a connection's first packet (no route to 10.9.9.9; its entry not yet confirmed): RELATED in the router's OUTPUT and the sender's INPUT, never CONFIRMED
# Topology: ns1 (10.1.0.10) -- ns2 router (10.1.0.1 | 10.2.0.1) -- ns3 (10.2.0.10); ns3 connects to 10.9.9.9, for which ns2 has no route
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
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctstate RELATED -j LOG --log-prefix "o-related "
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctstate INVALID -j LOG --log-prefix "o-invalid "
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctstatus CONFIRMED -j LOG --log-prefix "o-confirmed "
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctexpire 1:1000000 -j LOG --log-prefix "o-expire "
ip netns exec ns3 iptables -A INPUT -m conntrack --ctstate RELATED -j LOG --log-prefix "i-related "
ip netns exec ns3 iptables -A INPUT -m conntrack --ctstate INVALID -j LOG --log-prefix "i-invalid "
