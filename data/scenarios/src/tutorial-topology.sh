# The tutorial's three namespaces
# ns1 (10.1.0.10) and ns3 (10.2.0.10) are hosts; ns2 (10.1.0.1 and
# 10.2.0.1) is the router between them, joined to each by a veth pair.
# Every namespace can ping every address, as the tutorial shows.
#
# The commands are the tutorial's, with two changes that today's kernel
# needs: lo is brought up, and each host gets an on-link route to its
# gateway before the default route (with /32 addresses, "ip route add
# default via 10.1.0.1" alone is refused: "Nexthop has invalid gateway").

# Create network namespaces
sudo ip netns add ns1
sudo ip netns add ns2
sudo ip netns add ns3
# Create veth pairs and assign to namespaces
sudo ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2
sudo ip link add veth2_ns2 netns ns2 type veth peer name veth2_ns3 netns ns3
# Set up all the interfaces
sudo ip netns exec ns1 ip link set lo up
sudo ip netns exec ns2 ip link set lo up
sudo ip netns exec ns3 ip link set lo up
sudo ip netns exec ns1 ip link set veth1_ns1 up
sudo ip netns exec ns2 ip link set veth1_ns2 up
sudo ip netns exec ns2 ip link set veth2_ns2 up
sudo ip netns exec ns3 ip link set veth2_ns3 up
# Set address to interfaces in ns1 and ns3
sudo ip netns exec ns1 ip addr add 10.1.0.10/32 dev veth1_ns1
sudo ip netns exec ns3 ip addr add 10.2.0.10/32 dev veth2_ns3
# Set address to interfaces in ns2
sudo ip netns exec ns2 ip addr add 10.1.0.1/32 dev veth1_ns2
sudo ip netns exec ns2 ip addr add 10.2.0.1/32 dev veth2_ns2
# Set routes
sudo ip netns exec ns1 ip route add 10.1.0.1 dev veth1_ns1
sudo ip netns exec ns1 ip route add default via 10.1.0.1 dev veth1_ns1
sudo ip netns exec ns2 ip route add 10.1.0.0/24 dev veth1_ns2
sudo ip netns exec ns2 ip route add 10.2.0.0/24 dev veth2_ns2
sudo ip netns exec ns3 ip route add 10.2.0.1 dev veth2_ns3
sudo ip netns exec ns3 ip route add default via 10.2.0.1 dev veth2_ns3
# The router forwards
sudo ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
