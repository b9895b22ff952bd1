# The tutorial's DNAT demo: ns3 pings 169.254.169.254 (the cloud-init
# address), and the router ns2 translates it to ns1 (10.1.0.10).
#
# The commands are the tutorial's, with two changes that today's kernel
# needs: lo is brought up, and each host gets an on-link route to its
# gateway before the default route ("ip route add default via 10.1.0.1"
# alone is refused with "Nexthop has invalid gateway" when the addresses
# are /32).  This file is for the simulator only: nothing here may be run
# against a real 169.254.169.254.

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
# log_iptables_ns ns1, ns2 and ns3: one LOG rule in every table and chain
sudo ip netns exec ns1 iptables -t filter -F
sudo ip netns exec ns1 iptables -t nat -F
sudo ip netns exec ns1 iptables -t mangle -F
sudo ip netns exec ns1 iptables -t raw -F
sudo ip netns exec ns1 iptables -t filter -A INPUT -j LOG --log-prefix "IPTABLES_ns1_FILTER_INPUT "
sudo ip netns exec ns1 iptables -t filter -A FORWARD -j LOG --log-prefix "IPTABLES_ns1_FILTER_FORWARD "
sudo ip netns exec ns1 iptables -t filter -A OUTPUT -j LOG --log-prefix "IPTABLES_ns1_FILTER_OUTPUT "
sudo ip netns exec ns1 iptables -t nat -A PREROUTING -j LOG --log-prefix "IPTABLES_ns1_NAT_PREROUTE "
sudo ip netns exec ns1 iptables -t nat -A INPUT -j LOG --log-prefix "IPTABLES_ns1_NAT_INPUT "
sudo ip netns exec ns1 iptables -t nat -A OUTPUT -j LOG --log-prefix "IPTABLES_ns1_NAT_OUTPUT "
sudo ip netns exec ns1 iptables -t nat -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns1_NAT_POSTROUTING "
sudo ip netns exec ns1 iptables -t mangle -A PREROUTING -j LOG --log-prefix "IPTABLES_ns1_MANGLE_PREROUTING "
sudo ip netns exec ns1 iptables -t mangle -A INPUT -j LOG --log-prefix "IPTABLES_ns1_MANGLE_INPUT "
sudo ip netns exec ns1 iptables -t mangle -A FORWARD -j LOG --log-prefix "IPTABLES_ns1_MANGLE_FORWARD "
sudo ip netns exec ns1 iptables -t mangle -A OUTPUT -j LOG --log-prefix "IPTABLES_ns1_MANGLE_OUTPUT "
sudo ip netns exec ns1 iptables -t mangle -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns1_MANGLE_POSTROUTING "
sudo ip netns exec ns1 iptables -t raw -A PREROUTING -j LOG --log-prefix "IPTABLES_ns1_RAW_PREROUTING "
sudo ip netns exec ns1 iptables -t raw -A OUTPUT -j LOG --log-prefix "IPTABLES_ns1_RAW_OUTPUT "
sudo ip netns exec ns2 iptables -t filter -F
sudo ip netns exec ns2 iptables -t nat -F
sudo ip netns exec ns2 iptables -t mangle -F
sudo ip netns exec ns2 iptables -t raw -F
sudo ip netns exec ns2 iptables -t filter -A INPUT -j LOG --log-prefix "IPTABLES_ns2_FILTER_INPUT "
sudo ip netns exec ns2 iptables -t filter -A FORWARD -j LOG --log-prefix "IPTABLES_ns2_FILTER_FORWARD "
sudo ip netns exec ns2 iptables -t filter -A OUTPUT -j LOG --log-prefix "IPTABLES_ns2_FILTER_OUTPUT "
sudo ip netns exec ns2 iptables -t nat -A PREROUTING -j LOG --log-prefix "IPTABLES_ns2_NAT_PREROUTE "
sudo ip netns exec ns2 iptables -t nat -A INPUT -j LOG --log-prefix "IPTABLES_ns2_NAT_INPUT "
sudo ip netns exec ns2 iptables -t nat -A OUTPUT -j LOG --log-prefix "IPTABLES_ns2_NAT_OUTPUT "
sudo ip netns exec ns2 iptables -t nat -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns2_NAT_POSTROUTING "
sudo ip netns exec ns2 iptables -t mangle -A PREROUTING -j LOG --log-prefix "IPTABLES_ns2_MANGLE_PREROUTING "
sudo ip netns exec ns2 iptables -t mangle -A INPUT -j LOG --log-prefix "IPTABLES_ns2_MANGLE_INPUT "
sudo ip netns exec ns2 iptables -t mangle -A FORWARD -j LOG --log-prefix "IPTABLES_ns2_MANGLE_FORWARD "
sudo ip netns exec ns2 iptables -t mangle -A OUTPUT -j LOG --log-prefix "IPTABLES_ns2_MANGLE_OUTPUT "
sudo ip netns exec ns2 iptables -t mangle -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns2_MANGLE_POSTROUTING "
sudo ip netns exec ns2 iptables -t raw -A PREROUTING -j LOG --log-prefix "IPTABLES_ns2_RAW_PREROUTING "
sudo ip netns exec ns2 iptables -t raw -A OUTPUT -j LOG --log-prefix "IPTABLES_ns2_RAW_OUTPUT "
sudo ip netns exec ns3 iptables -t filter -F
sudo ip netns exec ns3 iptables -t nat -F
sudo ip netns exec ns3 iptables -t mangle -F
sudo ip netns exec ns3 iptables -t raw -F
sudo ip netns exec ns3 iptables -t filter -A INPUT -j LOG --log-prefix "IPTABLES_ns3_FILTER_INPUT "
sudo ip netns exec ns3 iptables -t filter -A FORWARD -j LOG --log-prefix "IPTABLES_ns3_FILTER_FORWARD "
sudo ip netns exec ns3 iptables -t filter -A OUTPUT -j LOG --log-prefix "IPTABLES_ns3_FILTER_OUTPUT "
sudo ip netns exec ns3 iptables -t nat -A PREROUTING -j LOG --log-prefix "IPTABLES_ns3_NAT_PREROUTE "
sudo ip netns exec ns3 iptables -t nat -A INPUT -j LOG --log-prefix "IPTABLES_ns3_NAT_INPUT "
sudo ip netns exec ns3 iptables -t nat -A OUTPUT -j LOG --log-prefix "IPTABLES_ns3_NAT_OUTPUT "
sudo ip netns exec ns3 iptables -t nat -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns3_NAT_POSTROUTING "
sudo ip netns exec ns3 iptables -t mangle -A PREROUTING -j LOG --log-prefix "IPTABLES_ns3_MANGLE_PREROUTING "
sudo ip netns exec ns3 iptables -t mangle -A INPUT -j LOG --log-prefix "IPTABLES_ns3_MANGLE_INPUT "
sudo ip netns exec ns3 iptables -t mangle -A FORWARD -j LOG --log-prefix "IPTABLES_ns3_MANGLE_FORWARD "
sudo ip netns exec ns3 iptables -t mangle -A OUTPUT -j LOG --log-prefix "IPTABLES_ns3_MANGLE_OUTPUT "
sudo ip netns exec ns3 iptables -t mangle -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns3_MANGLE_POSTROUTING "
sudo ip netns exec ns3 iptables -t raw -A PREROUTING -j LOG --log-prefix "IPTABLES_ns3_RAW_PREROUTING "
sudo ip netns exec ns3 iptables -t raw -A OUTPUT -j LOG --log-prefix "IPTABLES_ns3_RAW_OUTPUT "
# Analysis: perform DNAT in ns2 to change the destination IP
sudo ip netns exec ns2 iptables -t nat -A PREROUTING -d 169.254.169.254 -j DNAT --to-destination 10.1.0.10
