# -m conntrack --ctorigdst/--ctrepldst/--ctreplsrc and ports on a DNAT connection: the original tuple keeps the virtual address 10.99.0.1:80, the reply tuple has the DNAT target 10.1.0.10:8080 as source and the client as destination, on all three packets of the handshake
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
ip netns exec ns2 iptables -t nat -A PREROUTING -d 10.99.0.1 -p tcp --dport 80 -j DNAT --to-destination 10.1.0.10:8080
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctorigdst 10.99.0.1 -j LOG --log-prefix "F-origdst "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctrepldst 10.99.0.1 -j LOG --log-prefix "F-repldst-vip "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctreplsrc 10.1.0.10 -j LOG --log-prefix "F-replsrc "
ip netns exec ns2 iptables -A FORWARD -m conntrack ! --ctrepldst 10.2.0.10 -j LOG --log-prefix "F-not-repldst "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctorigdstport 80 --ctreplsrcport 8080 -j LOG --log-prefix "F-ports "
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctstate DNAT --ctorigdst 10.99.0.0/24 -j LOG --log-prefix "F-dnat-net "
ip netns exec ns2 iptables -A FORWARD -m conntrack ! --ctorigdstport 80 -j LOG --log-prefix "F-not-80 "
