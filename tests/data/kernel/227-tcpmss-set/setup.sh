# -j TCPMSS --set-mss on the SYN lowers its MSS (1460 to 1200, seen with LOG --log-tcp-options in ns1's INPUT: details.json's raw lines), never raises it (9000 on the SYN-ACK); without a SYN match it adds an MSS option of 536 to the handshake's ACK, which grows by 4 bytes (LEN 52 to 56)
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
ip netns exec ns2 iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1200
ip netns exec ns2 iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,ACK SYN,ACK -j TCPMSS --set-mss 9000
ip netns exec ns3 iptables -t mangle -A OUTPUT -p tcp --tcp-flags SYN NONE -j TCPMSS --set-mss 1000
ip netns exec ns1 iptables -A INPUT -p tcp -j LOG --log-prefix "I-opt " --log-tcp-options
ip netns exec ns3 iptables -A INPUT -p tcp -j LOG --log-prefix "I3-opt " --log-tcp-options
