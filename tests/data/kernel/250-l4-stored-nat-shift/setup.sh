# What iptables-nft 1.8.9 stores, seen by the kernel: "-p tcp -m tcp ! --dport :" keeps only -p tcp and matches every TCP packet; udp --dport 4:3 and --icmp-type 255/255 are accepted (the probe is TCP). A shifted port map: DNAT 10.99.0.1:22 to 10.1.0.10:1000-2000/10 sends port 22 to 1000 + (22 - 10) = 1012, where ns1 listens.
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
ip netns exec ns2 iptables -t nat -A PREROUTING -d 10.99.0.1 -p tcp --dport 22 -j DNAT --to-destination 10.1.0.10:1000-2000/10
ip netns exec ns2 iptables -A FORWARD -p tcp -m tcp ! --dport : -j LOG --log-prefix "tcp-not-all-ports "
ip netns exec ns2 iptables -A FORWARD -p tcp ! --sport 0:65535 --dport 1012 -j LOG --log-prefix "tcp-1012 "
ip netns exec ns2 iptables -A FORWARD -p udp -m udp --dport 4:3 -j LOG --log-prefix "udp-never "
ip netns exec ns2 iptables -A FORWARD -p icmp -m icmp --icmp-type 255/255 -j LOG --log-prefix "icmp-any "
