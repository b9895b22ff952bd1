# -m conntrack --ctdir ORIGINAL/REPLY on a ping's request and reply, --ctproto icmp and ! --ctproto tcp, in mangle PREROUTING and filter FORWARD of the router
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
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctdir REPLY -j LOG --log-prefix "M-reply "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctdir ORIGINAL -j LOG --log-prefix "M-orig "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctdir REPLY --ctproto icmp -j LOG --log-prefix "F-reply-icmp "
ip netns exec ns2 iptables -A FORWARD -m conntrack ! --ctproto tcp -j LOG --log-prefix "F-not-tcp "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctproto tcp -j LOG --log-prefix "F-tcp "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctreplsrc 10.1.0.10 --ctdir ORIGINAL -j LOG --log-prefix "F-orig-replsrc "
