# -m limit: a token bucket per rule, full at the start (--limit-burst packets), refilled at --limit; the handshake's three packets through FORWARD: burst 1 logs the SYN, burst 2 the SYN and the SYN-ACK, burst 0 counts as 5, a second rule has a bucket of its own.
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
ip netns exec ns2 iptables -A FORWARD -m limit --limit 1/hour --limit-burst 1 -j LOG --log-prefix "lim1 "
ip netns exec ns2 iptables -A FORWARD -m limit --limit 1/hour --limit-burst 2 -j LOG --log-prefix "lim2 "
ip netns exec ns2 iptables -A FORWARD -m limit --limit 1/hour --limit-burst 1 -j LOG --log-prefix "lim1b "
ip netns exec ns2 iptables -A FORWARD -m limit --limit 1/hour --limit-burst 0 -j LOG --log-prefix "lim0 "
ip netns exec ns2 iptables -A FORWARD -p tcp -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix "ufw-like "
ip netns exec ns2 iptables -A FORWARD -m limit --limit 1/hour --limit-burst 2 -j ACCEPT
ip netns exec ns2 iptables -A FORWARD -j LOG --log-prefix "after "
