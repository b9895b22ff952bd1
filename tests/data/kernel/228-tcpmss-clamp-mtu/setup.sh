# -j TCPMSS --clamp-mss-to-pmtu on a router whose link to ns1 has MTU 1400: the SYN's MSS 1460 becomes 1360 (the route's MTU less 40); the SYN-ACK (MSS 1360 from ns1's own MTU) stays; seen with LOG --log-tcp-options (details.json's raw lines)
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
ip -n ns1 link set dev veth1_ns1 mtu 1400
ip -n ns2 link set dev veth1_ns2 mtu 1400
ip netns exec ns2 iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
ip netns exec ns2 iptables -t mangle -A POSTROUTING -p tcp -j LOG --log-prefix "MP-opt " --log-tcp-options
ip netns exec ns1 iptables -A INPUT -p tcp -j LOG --log-prefix "I-opt " --log-tcp-options
ip netns exec ns3 iptables -A INPUT -p tcp -j LOG --log-prefix "I3-opt " --log-tcp-options
