# G17, G5: five namespaces (ns5 hangs off R2): R1 FORWARD policy DROP; --src-range 10.5.0.1-10.5.0.9 does not contain 10.5.0.10,
# ! --src-range accepts both directions; ns1 sees TTL=62.
# Topology: ns1 (10.1.0.10) -- ns2 R1 (10.1.0.1 | 10.2.0.1) -- ns3 R2 (10.2.0.2 | 10.3.0.1) -- ns4 (10.3.0.10); ns5 (10.5.0.10) -- R2 (10.5.0.1); all /24
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns add ns4
ip netns add ns5
ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2
ip link add veth2_ns2 netns ns2 type veth peer name veth2_ns3 netns ns3
ip link add veth3_ns3 netns ns3 type veth peer name veth3_ns4 netns ns4
ip link add veth5_ns3 netns ns3 type veth peer name veth5_ns5 netns ns5
ip netns exec ns1 ip link set lo up
ip netns exec ns2 ip link set lo up
ip netns exec ns3 ip link set lo up
ip netns exec ns4 ip link set lo up
ip netns exec ns5 ip link set lo up
ip netns exec ns1 ip link set veth1_ns1 up
ip netns exec ns2 ip link set veth1_ns2 up
ip netns exec ns2 ip link set veth2_ns2 up
ip netns exec ns3 ip link set veth2_ns3 up
ip netns exec ns3 ip link set veth3_ns3 up
ip netns exec ns4 ip link set veth3_ns4 up
ip netns exec ns3 ip link set veth5_ns3 up
ip netns exec ns5 ip link set veth5_ns5 up
ip netns exec ns1 ip addr add 10.1.0.10/24 dev veth1_ns1
ip netns exec ns2 ip addr add 10.1.0.1/24 dev veth1_ns2
ip netns exec ns2 ip addr add 10.2.0.1/24 dev veth2_ns2
ip netns exec ns3 ip addr add 10.2.0.2/24 dev veth2_ns3
ip netns exec ns3 ip addr add 10.3.0.1/24 dev veth3_ns3
ip netns exec ns4 ip addr add 10.3.0.10/24 dev veth3_ns4
ip netns exec ns3 ip addr add 10.5.0.1/24 dev veth5_ns3
ip netns exec ns5 ip addr add 10.5.0.10/24 dev veth5_ns5
ip netns exec ns1 ip route add default via 10.1.0.1
ip netns exec ns2 ip route add 10.3.0.0/24 via 10.2.0.2
ip netns exec ns2 ip route add 10.5.0.0/24 via 10.2.0.2
ip netns exec ns3 ip route add 10.1.0.0/24 via 10.2.0.1
ip netns exec ns4 ip route add default via 10.3.0.1
ip netns exec ns5 ip route add default via 10.5.0.1
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns3 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns2 iptables -P FORWARD DROP
ip netns exec ns2 iptables -A FORWARD -m iprange --src-range 10.5.0.1-10.5.0.9 -j LOG --log-prefix "in-range "
ip netns exec ns2 iptables -A FORWARD -m iprange ! --src-range 10.5.0.1-10.5.0.9 -j ACCEPT
