# -m conntrack port ranges and address masks on a TCP connection: --ctorigdstport range, the client's ephemeral port as --ctrepldstport (within 32768:60999), prefixes and a mask that is not a prefix, negations
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
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctproto tcp --ctorigdstport 20:25 -j LOG --log-prefix "F-dpt-range "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctrepldstport 32768:60999 -j LOG --log-prefix "F-ephemeral "
ip netns exec ns2 iptables -A FORWARD -m conntrack ! --ctreplsrcport 22 -j LOG --log-prefix "F-not-repl22 "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctorigsrc 10.2.0.0/16 -j LOG --log-prefix "F-src-16 "
ip netns exec ns2 iptables -A FORWARD -m conntrack ! --ctorigdst 10.1.0.0/24 -j LOG --log-prefix "F-not-dst-24 "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctorigdst 10.1.9.10/255.255.0.255 -j LOG --log-prefix "F-dst-mask "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctorigdst 10.1.0.0/255.255.0.255 -j LOG --log-prefix "F-dst-mask-no "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctorigsrcport 22 -j LOG --log-prefix "F-srcport22 "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctorigdstport 30:20 -j LOG --log-prefix "F-backwards "
