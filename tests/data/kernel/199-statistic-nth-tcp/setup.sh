# -m statistic --mode nth: a counter per rule; --packet P matches packets P, P+N, ... (counting from 0) of those that reach the rule; the handshake's three packets through FORWARD.
# Topology: ns1 (10.1.0.10/24) -- ns2 router (10.1.0.1/24 | 10.2.0.1/24) -- ns3 (10.2.0.10/24)
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
ip netns exec ns2 iptables -A FORWARD -m statistic --mode nth --every 2 --packet 0 -j LOG --log-prefix "e2p0 "
ip netns exec ns2 iptables -A FORWARD -m statistic --mode nth --every 2 --packet 1 -j LOG --log-prefix "e2p1 "
ip netns exec ns2 iptables -A FORWARD -m statistic --mode nth --every 3 --packet 2 -j LOG --log-prefix "e3p2 "
ip netns exec ns2 iptables -A FORWARD -m statistic --mode nth ! --every 3 --packet 0 -j LOG --log-prefix "not-e3p0 "
ip netns exec ns2 iptables -A FORWARD -m statistic --mode nth --every 1 --packet 0 -j LOG --log-prefix "e1 "
ip netns exec ns2 iptables -A FORWARD -p tcp --tcp-flags SYN,ACK SYN,ACK -j ACCEPT
ip netns exec ns2 iptables -A FORWARD -m statistic --mode nth --every 2 --packet 0 -j LOG --log-prefix "after-e2p0 "
