# CONNMARK --save-mark of a MARK in FORWARD, --restore-mark --nfmask --ctmask for the reply; in the raw table CONNMARK does nothing and connmark never matches; an untracked packet (CT --notrack) matches neither -m connmark nor ! -m connmark; a new entry's mark is 0
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
ip netns exec ns2 iptables -t raw -A PREROUTING -j CONNMARK --set-mark 0x99
ip netns exec ns2 iptables -t raw -A PREROUTING -m connmark --mark 0x0 -j LOG --log-prefix "RAW-cm0 "
ip netns exec ns2 iptables -t raw -A PREROUTING -m connmark ! --mark 0x0 -j LOG --log-prefix "RAW-not-cm0 "
ip netns exec ns2 iptables -t mangle -A PREROUTING -p icmp --icmp-type echo-request -j MARK --set-mark 0x21
ip netns exec ns2 iptables -t mangle -A FORWARD -p icmp --icmp-type echo-request -j CONNMARK --save-mark
ip netns exec ns2 iptables -t mangle -A PREROUTING -p icmp --icmp-type echo-reply -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0x0f
ip netns exec ns2 iptables -A FORWARD -m connmark --mark 0x21 -j LOG --log-prefix "FWD-cm21 "
ip netns exec ns1 iptables -t raw -A OUTPUT -j CT --notrack
ip netns exec ns1 iptables -A OUTPUT -m connmark --mark 0x0 -j LOG --log-prefix "OUT-cm0 "
ip netns exec ns1 iptables -A OUTPUT -m connmark ! --mark 0x0 -j LOG --log-prefix "OUT-not-cm0 "
ip netns exec ns3 iptables -A INPUT -m connmark --mark 0x0 -j LOG --log-prefix "IN-cm0 "
