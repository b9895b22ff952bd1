# CONNMARK --set-mark with a mask on the NEW packet, --restore-mark --mask into the packet mark of every packet, -m connmark and -m mark in FORWARD, both directions
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
ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctstate NEW -j CONNMARK --set-mark 0x7/0xff
ip netns exec ns2 iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark --mask 0x3
ip netns exec ns2 iptables -A FORWARD -m mark --mark 0x3 -j LOG --log-prefix "FWD-mark3 "
ip netns exec ns2 iptables -A FORWARD -m connmark --mark 0x7 -j LOG --log-prefix "FWD-cm7 "
ip netns exec ns2 iptables -A FORWARD -m connmark ! --mark 0x7 -j LOG --log-prefix "FWD-not-cm7 "
ip netns exec ns2 iptables -A FORWARD -m connmark --mark 0x4/0x4 -j CONNMARK --xor-mark 0x10
ip netns exec ns2 iptables -A FORWARD -m connmark --mark 0x17 -j LOG --log-prefix "FWD-cm17 "
ip netns exec ns2 iptables -t mangle -A POSTROUTING -m connmark --mark 0x10/0x10 -j CONNMARK --and-mark 0xf
ip netns exec ns2 iptables -t mangle -A POSTROUTING -m connmark --mark 0x7 -j LOG --log-prefix "POST-cm7 "
