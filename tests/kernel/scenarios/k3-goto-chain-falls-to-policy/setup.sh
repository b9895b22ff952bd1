# Own scenario: INPUT -g CHK; CHK logs and matches nothing else, so falling off its end returns
# to INPUT's caller: the INPUT policy DROP applies and the ACCEPT after the goto is never reached.
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
ip netns exec ns1 iptables -N CHK
ip netns exec ns1 iptables -A CHK -j LOG --log-prefix "k3-chk: "
ip netns exec ns1 iptables -A CHK -s 10.9.0.0/16 -j ACCEPT
ip netns exec ns1 iptables -A INPUT -p icmp -g CHK
ip netns exec ns1 iptables -A INPUT -p icmp -j LOG --log-prefix "k3-after-goto: "
ip netns exec ns1 iptables -A INPUT -p icmp -j ACCEPT
ip netns exec ns1 iptables -P INPUT DROP
