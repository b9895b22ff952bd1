# G5: R1's mangle POSTROUTING sets TTL 1 towards R2; R1's lines still show TTL=63; R2 answers time-exceeded from 10.2.0.2
# without FORWARD; R1's -o veth2_ns2 rules do not touch the error, which leaves R1 on veth1_ns2.
# Topology: ns1 (10.1.0.10) -- ns2 R1 (10.1.0.1 | 10.2.0.1) -- ns3 R2 (10.2.0.2 | 10.3.0.1) -- ns4 (10.3.0.10); all /24
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip netns add ns4
ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2
ip link add veth2_ns2 netns ns2 type veth peer name veth2_ns3 netns ns3
ip link add veth3_ns3 netns ns3 type veth peer name veth3_ns4 netns ns4
ip netns exec ns1 ip link set lo up
ip netns exec ns2 ip link set lo up
ip netns exec ns3 ip link set lo up
ip netns exec ns4 ip link set lo up
ip netns exec ns1 ip link set veth1_ns1 up
ip netns exec ns2 ip link set veth1_ns2 up
ip netns exec ns2 ip link set veth2_ns2 up
ip netns exec ns3 ip link set veth2_ns3 up
ip netns exec ns3 ip link set veth3_ns3 up
ip netns exec ns4 ip link set veth3_ns4 up
ip netns exec ns1 ip addr add 10.1.0.10/24 dev veth1_ns1
ip netns exec ns2 ip addr add 10.1.0.1/24 dev veth1_ns2
ip netns exec ns2 ip addr add 10.2.0.1/24 dev veth2_ns2
ip netns exec ns3 ip addr add 10.2.0.2/24 dev veth2_ns3
ip netns exec ns3 ip addr add 10.3.0.1/24 dev veth3_ns3
ip netns exec ns4 ip addr add 10.3.0.10/24 dev veth3_ns4
ip netns exec ns1 ip route add default via 10.1.0.1
ip netns exec ns2 ip route add 10.3.0.0/24 via 10.2.0.2
ip netns exec ns3 ip route add 10.1.0.0/24 via 10.2.0.1
ip netns exec ns4 ip route add default via 10.3.0.1
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns3 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns2 iptables -t mangle -A POSTROUTING -o veth2_ns2 -j TTL --ttl-set 1
ip netns exec ns2 iptables -A FORWARD -o veth2_ns2 -j LOG --log-prefix "R1-o-veth2 "
