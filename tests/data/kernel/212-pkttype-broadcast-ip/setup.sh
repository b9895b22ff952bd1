# -m pkttype goes by the frame, not the IP address: a ping to the router's subnet broadcast 10.2.0.255 comes in a frame to the router's own MAC address, so it is unicast in PREROUTING and INPUT, while -m addrtype says BROADCAST
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
ip netns exec ns2 iptables -t mangle -A PREROUTING -m pkttype --pkt-type unicast -j LOG --log-prefix "p2r-unicast "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m pkttype --pkt-type broadcast -j LOG --log-prefix "p2r-broadcast "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m pkttype --pkt-type multicast -j LOG --log-prefix "p2r-multicast "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m pkttype --pkt-type otherhost -j LOG --log-prefix "p2r-otherhost "
ip netns exec ns2 iptables -t mangle -A PREROUTING -m pkttype ! --pkt-type unicast -j LOG --log-prefix "p2r-not-uni "
ip netns exec ns2 iptables -t filter -A INPUT -m pkttype --pkt-type unicast -j LOG --log-prefix "p2i-unicast "
ip netns exec ns2 iptables -t filter -A INPUT -m pkttype --pkt-type broadcast -j LOG --log-prefix "p2i-broadcast "
ip netns exec ns2 iptables -t filter -A INPUT -m pkttype --pkt-type multicast -j LOG --log-prefix "p2i-multicast "
ip netns exec ns2 iptables -t filter -A INPUT -m pkttype --pkt-type otherhost -j LOG --log-prefix "p2i-otherhost "
ip netns exec ns2 iptables -t filter -A INPUT -m pkttype ! --pkt-type unicast -j LOG --log-prefix "p2i-not-uni "
ip netns exec ns2 iptables -A INPUT -m addrtype --dst-type BROADCAST -j LOG --log-prefix "p2i-addr-bcast "
