# -m conntrack on a UDP echo: the reply is SEEN_REPLY but not ASSURED (udp assures an entry only after 2 s of traffic both ways); --ctexpire: the request's entry is not confirmed yet (0), the reply's has the unreplied 30 s (a clock tick between the refresh and the rule reads one second less, so the ranges here leave room for it)
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
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctstatus ASSURED -j LOG --log-prefix "F-assured "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctstatus SEEN_REPLY -j LOG --log-prefix "F-seen "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctexpire 25:30 -j LOG --log-prefix "F-exp30 "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctexpire 0 -j LOG --log-prefix "F-exp0 "
ip netns exec ns2 iptables -A FORWARD -m conntrack ! --ctexpire 0:28 -j LOG --log-prefix "F-not-lt29 "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctproto udp --ctorigdstport 5353 --ctreplsrcport 5353 -j LOG --log-prefix "F-udp-ports "
