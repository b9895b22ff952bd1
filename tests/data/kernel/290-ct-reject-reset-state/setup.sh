# REJECT --reject-with tcp-reset in a router's FORWARD: the reset carries the SYN's entry, RELATED in the reply direction in ns2's OUTPUT, neither there nor in POSTROUTING CONFIRMED; ns3 sees it ESTABLISHED (its own entry has the SYN)
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
ip netns exec ns2 iptables -A FORWARD -p tcp --dport 81 -j REJECT --reject-with tcp-reset
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctstate RELATED -j LOG --log-prefix "o-related "
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctstate INVALID -j LOG --log-prefix "o-invalid "
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctstate NEW -j LOG --log-prefix "o-new "
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctstate ESTABLISHED -j LOG --log-prefix "o-est "
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctstatus CONFIRMED -j LOG --log-prefix "o-confirmed "
ip netns exec ns2 iptables -A OUTPUT -m conntrack --ctdir REPLY -j LOG --log-prefix "o-reply "
ip netns exec ns2 iptables -t mangle -A POSTROUTING -m conntrack --ctstatus CONFIRMED -j LOG --log-prefix "p-confirmed "
ip netns exec ns3 iptables -A INPUT -m conntrack --ctstate RELATED -j LOG --log-prefix "i-related "
ip netns exec ns3 iptables -A INPUT -m conntrack --ctstate ESTABLISHED -j LOG --log-prefix "i-est "
