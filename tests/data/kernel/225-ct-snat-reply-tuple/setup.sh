# -m conntrack after SNAT: the request in FORWARD and mangle POSTROUTING still has the reply tuple it was made with (SNAT binds in nat POSTROUTING after them); the reply sees it with the router's address as --ctrepldst; the receiver ns1 sees the router as --ctorigsrc
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
ip netns exec ns2 iptables -t nat -A POSTROUTING -o veth1_ns2 -j SNAT --to-source 10.1.0.1
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctrepldst 10.1.0.1 -j LOG --log-prefix "F-repldst-snat "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctrepldst 10.2.0.10 -j LOG --log-prefix "F-repldst-cli "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctstate SNAT --ctorigsrc 10.2.0.10 -j LOG --log-prefix "F-snat-origsrc "
ip netns exec ns2 iptables -t mangle -A POSTROUTING -m conntrack --ctrepldst 10.1.0.1 -j LOG --log-prefix "MP-repldst-snat "
ip netns exec ns1 iptables -A INPUT -m conntrack --ctorigsrc 10.1.0.1 -j LOG --log-prefix "I-origsrc-rtr "
ip netns exec ns1 iptables -A OUTPUT -m conntrack --ctdir REPLY --ctrepldst 10.1.0.1 -j LOG --log-prefix "O-reply "
