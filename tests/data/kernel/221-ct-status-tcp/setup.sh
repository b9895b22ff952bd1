# -m conntrack --ctstatus on a TCP handshake: the SYN is neither SEEN_REPLY nor CONFIRMED (its entry is confirmed when it leaves), the SYN-ACK is SEEN_REPLY and CONFIRMED, the ACK that ends the handshake makes the entry ASSURED; NONE never matches, ! NONE always
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
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctstatus SEEN_REPLY -j LOG --log-prefix "M-seen "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack ! --ctstatus SEEN_REPLY -j LOG --log-prefix "M-not-seen "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctstatus ASSURED -j LOG --log-prefix "M-assured "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctstatus CONFIRMED -j LOG --log-prefix "M-confirmed "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctstatus NONE -j LOG --log-prefix "M-none "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack ! --ctstatus NONE -j LOG --log-prefix "M-not-none "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctstatus EXPECTED -j LOG --log-prefix "M-expected "
ip netns exec ns1 iptables -A INPUT -m conntrack --ctstatus ASSURED,EXPECTED -j LOG --log-prefix "I-assured "
ip netns exec ns3 iptables -A OUTPUT -m conntrack --ctstatus ASSURED -j LOG --log-prefix "O-assured "
ip netns exec ns3 iptables -A OUTPUT -m conntrack ! --ctstatus CONFIRMED -j LOG --log-prefix "O-unconfirmed "
