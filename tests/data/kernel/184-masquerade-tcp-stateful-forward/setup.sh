# ns2 masquerades ns3's connections to ns1 and forwards statefully:
# FORWARD drops by policy, lets NEW ssh out of ns3 and ESTABLISHED back
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
ip netns exec ns1 ip addr add 10.1.0.10/24 dev veth1_ns1
ip netns exec ns2 ip addr add 10.1.0.1/24 dev veth1_ns2
ip netns exec ns2 ip addr add 10.2.0.1/24 dev veth2_ns2
ip netns exec ns3 ip addr add 10.2.0.10/24 dev veth2_ns3
ip netns exec ns3 ip route add default via 10.2.0.1
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns2 iptables -t nat -A POSTROUTING -o veth1_ns2 -j MASQUERADE
ip netns exec ns2 iptables -P FORWARD DROP
ip netns exec ns2 iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec ns2 iptables -A FORWARD -i veth2_ns2 -o veth1_ns2 -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT
ip netns exec ns2 iptables -A FORWARD -j LOG --log-prefix "fwd-drop "
